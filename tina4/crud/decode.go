package crud

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"time"

	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/internal/jsoncheck"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

var (
	timeType      = reflect.TypeFor[time.Time]()
	keySetterType = reflect.TypeFor[keySetter]()
)

// keySetter is implemented by the ORM's declared foreign keys
// (orm.ForeignKey[T], orm.NullForeignKey[T]): in JSON they are the key.
type keySetter interface{ SetID(int64) }

// textKeySetter is the same for a key to a model with a text primary key.
type textKeySetter interface {
	TextKeyed() bool
	SetText(string)
}

func isForeignKey(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && reflect.PointerTo(t).Implements(keySetterType)
}

// decodeBody reads a JSON object from body and sets the fields of dst (a
// model struct value of m, addressable) named by its keys, which are column
// names. It returns the columns that were sent. See the package doc for the
// rules; every problem found is reported, and nothing is set when there is
// any.
func decodeBody(body io.Reader, m *orm.Model, dst reflect.Value) (map[string]bool, error) {
	b, err := io.ReadAll(body)
	if err != nil {
		return nil, readError(err)
	}
	if err := jsoncheck.Check(b); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	tok, err := dec.Token()
	if errors.Is(err, io.EOF) {
		return nil, invalid("invalid JSON body: empty body")
	}
	if err != nil {
		return nil, readError(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, invalid("invalid JSON body: expected an object, got %s", tokenKind(tok))
	}
	type entry struct {
		f *orm.Field
		v reflect.Value
	}
	var (
		problems []string
		sets     []entry
		sent     = map[string]bool{}
		nulls    []*orm.Field // non-nullable columns sent as null
	)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, readError(err)
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, readError(err)
		}
		f := m.Field(key)
		if ok, problem := embeddedRelation(m, dst, key, raw); ok && f == nil {
			if problem != "" { // see embedded.go: relation keys as include writes them are ignored
				problems = append(problems, problem)
			}
			continue
		}
		switch {
		case f == nil || f.Column != key:
			problems = append(problems, fmt.Sprintf("unknown field %q", key))
			continue
		case sent[key]:
			problems = append(problems, fmt.Sprintf("duplicate field %q", key))
			continue
		}
		sent[key] = true
		if isNull(raw) && !f.Nullable {
			if !f.Writable() { // null is never the current value of a NOT NULL column
				problems = append(problems, f.Column+": is read-only")
				continue
			}
			nulls = append(nulls, f)
			problems = append(problems, f.Column+": "+msgRequired)
			continue
		}
		v, err := decodeField(f, raw)
		if err != nil {
			problems = append(problems, f.Column+": "+err.Error())
			continue
		}
		if !f.Writable() {
			// A hidden column is refused whatever its value: accepting the
			// current one would let a client guess it.
			if f.Hidden || !sameValue(dst.FieldByIndex(f.Index), v) {
				problems = append(problems, f.Column+": is read-only")
			}
			continue
		}
		sets = append(sets, entry{f, v})
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, readError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, readError(err)
		}
		return nil, invalid("invalid JSON body: unexpected data after the object")
	}
	if len(problems) > len(nulls) {
		return nil, &bodyError{problems: problems}
	}
	if len(nulls) > 0 {
		// Only required values are missing: answer as validation does,
		// with every other failing field of the record as it would be.
		tmp := reflect.New(dst.Type()).Elem()
		tmp.Set(dst)
		for _, e := range sets {
			tmp.FieldByIndex(e.f.Index).Set(e.v)
		}
		return nil, requiredError(m, tmp, nulls)
	}
	for _, e := range sets {
		dst.FieldByIndex(e.f.Index).Set(e.v)
	}
	return sent, nil
}

// applyDefaults gives the writable columns not sent in a create request the
// value of their default tag, so that validation sees what Save would write.
func applyDefaults(m *orm.Model, dst reflect.Value, sent map[string]bool) {
	for _, f := range m.Fields {
		v, ok := f.DefaultValue()
		if !ok || sent[f.Column] || !f.Writable() {
			continue
		}
		if fv := dst.FieldByIndex(f.Index); fv.IsZero() {
			fv.Set(v)
		}
	}
}

// msgRequired is the validation message of a required value, as the
// chapter words it.
const msgRequired = "This field is required"

// isNull reports whether a raw JSON value is null.
func isNull(raw json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(raw), []byte("null")) }

// requiredError is the validation error of a body that sent null for the
// non-nullable columns nulls: those columns are "This field is required",
// and the other columns of rec (the record with the rest of the body
// applied) are validated as usual. The answer is 400 {"error":"Validation
// failed","detail":[...]}.
func requiredError(m *orm.Model, rec reflect.Value, nulls []*orm.Field) error {
	failed := map[string]string{}
	var ve *orm.ValidationError
	if err := orm.Valid(rec.Addr().Interface()); errors.As(err, &ve) {
		for _, fe := range ve.Errors {
			failed[fe.Field] = fe.Message
		}
	}
	for _, f := range nulls {
		failed[f.Column] = msgRequired
	}
	out := &orm.ValidationError{Model: m.Name}
	for _, f := range m.Fields {
		if msg, ok := failed[f.Column]; ok {
			out.Errors = append(out.Errors, orm.FieldError{Field: f.Column, Message: msg})
		}
	}
	return out
}

// decodeField converts one JSON value to the Go type of f.
func decodeField(f *orm.Field, raw json.RawMessage) (reflect.Value, error) {
	if isNull(raw) {
		if !f.Nullable {
			return reflect.Value{}, errors.New("must not be null")
		}
		return reflect.Zero(f.Type), nil
	}
	v, ok := decodeInto(f.Type, raw)
	if !ok {
		return reflect.Value{}, errors.New("must be " + kindName(f.Kind))
	}
	return v, nil
}

// decodeInto converts a non-null JSON value to type t.
func decodeInto(t reflect.Type, raw json.RawMessage) (reflect.Value, bool) {
	switch {
	case t.Kind() == reflect.Pointer:
		v, ok := decodeInto(t.Elem(), raw)
		if !ok {
			return v, false
		}
		p := reflect.New(t.Elem())
		p.Elem().Set(v)
		return p, true
	case isForeignKey(t) && reflect.New(t).Interface().(textKeySetter).TextKeyed():
		var id string
		if json.Unmarshal(raw, &id) != nil || id == "" {
			return reflect.Value{}, false
		}
		p := reflect.New(t)
		p.Interface().(textKeySetter).SetText(id)
		return p.Elem(), true
	case isForeignKey(t):
		var id int64
		if json.Unmarshal(raw, &id) != nil {
			return reflect.Value{}, false
		}
		p := reflect.New(t)
		p.Interface().(keySetter).SetID(id)
		return p.Elem(), true
	case t == timeType:
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return reflect.Value{}, false
		}
		tm, err := time.Parse(time.RFC3339Nano, s)
		if err != nil || !dialect.TimeInRange(tm) {
			return reflect.Value{}, false
		}
		return reflect.ValueOf(tm.UTC()), true
	case t.Kind() == reflect.Struct && t.PkgPath() == "database/sql" && strings.HasPrefix(t.Name(), "Null"):
		out := reflect.New(t).Elem()
		for i := 0; i < t.NumField(); i++ {
			if t.Field(i).Name == "Valid" {
				continue
			}
			v, ok := decodeInto(t.Field(i).Type, raw)
			if !ok {
				return v, false
			}
			out.Field(i).Set(v)
		}
		out.FieldByName("Valid").SetBool(true)
		return out, true
	}
	p := reflect.New(t)
	if json.Unmarshal(raw, p.Interface()) != nil {
		return reflect.Value{}, false
	}
	return p.Elem(), true
}

// sameValue reports whether a read-only field's current value cur equals the
// value v a client sent for it.
func sameValue(cur, v reflect.Value) bool {
	if isForeignKey(cur.Type()) {
		return cur.FieldByName("ID").Int() == v.FieldByName("ID").Int()
	}
	a, b := cur.Interface(), v.Interface()
	switch x := a.(type) {
	case time.Time:
		return x.Equal(b.(time.Time))
	case *time.Time:
		y := b.(*time.Time)
		return x == nil && y == nil || x != nil && y != nil && x.Equal(*y)
	case sql.NullTime:
		y := b.(sql.NullTime)
		return x.Valid == y.Valid && (!x.Valid || x.Time.Equal(y.Time))
	}
	return reflect.DeepEqual(a, b)
}

// kindName words the JSON a column of kind k takes.
func kindName(k dialect.Kind) string {
	switch k {
	case dialect.Int:
		return "an integer (a whole number within range)"
	case dialect.Float:
		return "a number"
	case dialect.Bool:
		return "true or false"
	case dialect.Time:
		return "an RFC 3339 time string in the years 1 to 9999"
	case dialect.Bytes:
		return "a base64 string"
	}
	return "a string"
}

// readError classifies an error met while reading the body: over the size
// limit is TooLarge, anything else is the client's malformed JSON.
func readError(err error) error {
	var tooBig *http.MaxBytesError
	var syntax *json.SyntaxError
	switch {
	case errors.As(err, &tooBig):
		return errkind.Wrap(errkind.TooLarge, fmt.Errorf("request body is larger than %d bytes", tooBig.Limit))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return invalid("invalid JSON body: unexpected end of input")
	case errors.As(err, &syntax):
		return invalid("invalid JSON body: %s (at byte %d)", syntax.Error(), syntax.Offset)
	}
	return invalid("invalid JSON body: %v", err)
}

func tokenKind(tok json.Token) string {
	switch tok.(type) {
	case json.Delim:
		return "an array"
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	}
	return "null"
}

// bodyError lists the problems of a request body, one line each.
type bodyError struct{ problems []string }

func (e *bodyError) Error() string      { return strings.Join(e.problems, "; ") }
func (e *bodyError) Kind() errkind.Kind { return errkind.Invalid }

// Details lists the problems when there are several.
func (e *bodyError) Details() []string {
	if len(e.problems) < 2 {
		return nil
	}
	return e.problems
}
