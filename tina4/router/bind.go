package router

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"

	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/internal/jsoncheck"
)

// Bind decodes the JSON body into v, which must be a pointer. Malformed JSON,
// a value of the wrong JSON type, an empty body or data after the JSON value
// is an errkind.Invalid error ("invalid JSON body: ..."), a body over the
// router's MaxBodyBytes is errkind.TooLarge; returned from a handler they
// answer 400 and 413. So are text that is not valid UTF-8 (encoding/json
// would silently replace it), a NUL (\u0000) in a string and arrays or
// objects nested more than 64 deep. Unknown fields are ignored.
func (r *Request) Bind(v any) error {
	dec, err := r.jsonDecoder()
	if err != nil {
		return err
	}
	return decodeOne(dec, v)
}

// jsonDecoder reads the body (under the size limit), refuses text that is
// not valid Unicode, NUL characters and deep nesting (see jsoncheck), and
// returns a decoder over it.
func (r *Request) jsonDecoder() (*json.Decoder, error) {
	b, err := r.BodyBytes()
	if err != nil {
		return nil, err
	}
	if err := jsoncheck.Check(b); err != nil {
		return nil, err
	}
	return json.NewDecoder(bytes.NewReader(b)), nil
}

// JSON decodes a JSON object body into a map, keeping numbers as json.Number
// so that integers stay exact. Errors are those of Bind; a body that is not an
// object is errkind.Invalid.
func (r *Request) JSON() (map[string]any, error) {
	dec, err := r.jsonDecoder()
	if err != nil {
		return nil, err
	}
	dec.UseNumber()
	var m map[string]any
	if err := decodeOne(dec, &m); err != nil {
		return nil, err
	}
	if m == nil {
		return nil, errkind.New(errkind.Invalid, "invalid JSON body: expected an object, got null")
	}
	return m, nil
}

// decodeOne decodes exactly one JSON value from dec into v.
func decodeOne(dec *json.Decoder, v any) error {
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return errkind.New(errkind.Invalid, "invalid JSON body: empty body")
		}
		return bodyError(err, "invalid JSON body")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		if err := bodyError(err, "invalid JSON body"); errkind.Of(err) == errkind.TooLarge {
			return err
		}
		return errkind.New(errkind.Invalid, "invalid JSON body: unexpected data after the JSON value")
	}
	return nil
}

// bodyError classifies an error met while reading or decoding a body: over the
// size limit is TooLarge, a programming mistake (v not a pointer) is Internal,
// and anything else the client sent is Invalid, with a message for the client.
func bodyError(err error, prefix string) error {
	if err == nil {
		return nil
	}
	var tooBig *http.MaxBytesError
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var bad *json.InvalidUnmarshalError
	switch {
	case errors.As(err, &tooBig):
		return errkind.Wrap(errkind.TooLarge, fmt.Errorf("request body is larger than %d bytes", tooBig.Limit))
	case errors.As(err, &bad):
		return fmt.Errorf("router: Bind: %w", err)
	case errors.As(err, &syntax):
		return errkind.Wrap(errkind.Invalid, fmt.Errorf("%s: %s (at byte %d)", prefix, syntax.Error(), syntax.Offset))
	case errors.As(err, &typ):
		where := "the body"
		if typ.Field != "" {
			where = fmt.Sprintf("field %q", typ.Field)
		}
		return errkind.Wrap(errkind.Invalid, fmt.Errorf("%s: %s must be %s, got %s", prefix, where, jsonTypeName(typ.Type), typ.Value))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errkind.Wrap(errkind.Invalid, fmt.Errorf("%s: unexpected end of input", prefix))
	}
	return errkind.Wrap(errkind.Invalid, fmt.Errorf("%s: %w", prefix, err))
}

// jsonTypeName names the JSON type a Go type is decoded from.
func jsonTypeName(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return t.String()
}
