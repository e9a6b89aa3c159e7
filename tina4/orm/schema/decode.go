package schema

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// MsgRequired is the problem of a required value that is missing or null,
// as the validation chapter words it.
const MsgRequired = "This field is required"

// DecodeOptions are a caller's rules for Model.DecodeJSON.
type DecodeOptions struct {
	// Other is asked about a key that is not a column name of the model
	// (nil: every such key is an unknown field). handled true skips the key,
	// reporting problem when it is not empty; false makes it an unknown field.
	Other func(key string, raw json.RawMessage) (handled bool, problem string)
}

// Decoded is what Model.DecodeJSON read from an object: the columns sent,
// the problems found, and the values to set (Apply).
type Decoded struct {
	// Sent holds the column names the object named.
	Sent map[string]bool
	// Problems lists what was wrong, one line each ("views: must be an
	// integer (a whole number within range)").
	Problems []string
	// Nulls are the writable non-nullable columns sent as null; each is
	// also a problem ("title: This field is required").
	Nulls []*Field

	m     *Model
	sets  []fieldSet
	arena *scalarArena // where decodeScalar puts values; nil: allocate each
}

type fieldSet struct {
	f *Field
	v reflect.Value
}

// SyntaxError is a JSON text that is not one well-formed object.
type SyntaxError struct{ msg string }

func (e *SyntaxError) Error() string { return e.msg }

func syntaxErr(format string, args ...any) error {
	return &SyntaxError{msg: fmt.Sprintf(format, args...)}
}

// DecodeJSON reads b, one JSON object whose keys are column names, against
// v (a non-nil *T of the model: its current values decide whether a
// read-only column was changed). Every problem is collected: an unknown or
// duplicate key, a value of the wrong type, null for a NOT NULL column, a
// read-only column sent with a value other than its current one (a hidden
// column whatever its value). Nothing is set on v: Apply does that. The
// error is a *SyntaxError when b is not one well-formed object.
func (m *Model) DecodeJSON(b []byte, v any, opt DecodeOptions) (*Decoded, error) {
	dst, err := m.structOf(v)
	if err != nil {
		return nil, err
	}
	if out, ok := m.decodeFlat(b, dst, opt); ok {
		return out, nil
	}
	return m.decodeStream(b, dst, opt)
}

// decodeStream is DecodeJSON for any body, with encoding/json's token
// decoder: decodeFlat's general path, and the one that words syntax errors.
func (m *Model) decodeStream(b []byte, dst reflect.Value, opt DecodeOptions) (*Decoded, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	tok, err := dec.Token()
	if errors.Is(err, io.EOF) {
		return nil, syntaxErr("empty body")
	}
	if err != nil {
		return nil, jsonErr(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, syntaxErr("expected an object, got %s", tokenKind(tok))
	}
	out := &Decoded{Sent: map[string]bool{}, m: m}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, jsonErr(err)
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, jsonErr(err)
		}
		out.member(dst, key, m.Field(key), raw, opt)
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, jsonErr(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, jsonErr(err)
		}
		return nil, syntaxErr("unexpected data after the object")
	}
	return out, nil
}

// member takes one key of the object and its raw value: f is the field
// the key names (by column or Go name), nil for none; dst is the record
// decoded against.
func (out *Decoded) member(dst reflect.Value, key string, f *Field, raw json.RawMessage, opt DecodeOptions) {
	if f == nil && opt.Other != nil {
		if ok, problem := opt.Other(key, raw); ok {
			if problem != "" {
				out.Problems = append(out.Problems, problem)
			}
			return
		}
	}
	switch {
	case f == nil || f.Column != key:
		out.Problems = append(out.Problems, fmt.Sprintf("unknown field %q", key))
		return
	case out.Sent[key]:
		out.Problems = append(out.Problems, fmt.Sprintf("duplicate field %q", key))
		return
	}
	out.Sent[f.Column] = true
	if isNull(raw) && !f.Nullable {
		if !f.Writable() { // null is never the current value of a NOT NULL column
			out.Problems = append(out.Problems, f.Column+": is read-only")
			return
		}
		out.Nulls = append(out.Nulls, f)
		out.Problems = append(out.Problems, f.Column+": "+MsgRequired)
		return
	}
	fv, ok := f.decodeScalar(raw, out.arena)
	if !ok {
		var err error
		if fv, err = f.DecodeJSON(raw); err != nil {
			out.Problems = append(out.Problems, f.Column+": "+err.Error())
			return
		}
	}
	if !f.Writable() {
		// A hidden column is refused whatever its value: accepting the
		// current one would let a client guess it.
		if f.Hidden || !f.equal(dst.FieldByIndex(f.Index), fv) {
			out.Problems = append(out.Problems, f.Column+": is read-only")
		}
		return
	}
	out.sets = append(out.sets, fieldSet{f, fv})
}

// Apply sets the decoded values of the writable columns on v, a *T of the
// model DecodeJSON read.
func (d *Decoded) Apply(v any) {
	dst := d.m.mustStruct(v)
	for _, s := range d.sets {
		dst.FieldByIndex(s.f.Index).Set(s.v)
	}
}

// jsonErr words an error of encoding/json's decoder.
func jsonErr(err error) error {
	var syntax *json.SyntaxError
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return syntaxErr("unexpected end of input")
	case errors.As(err, &syntax):
		return syntaxErr("%s (at byte %d)", syntax.Error(), syntax.Offset)
	}
	return syntaxErr("%v", err)
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

// isNull reports whether a raw JSON value is null.
func isNull(raw json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(raw), []byte("null")) }

// DecodeJSON converts one JSON value to the Go type of f: null is the zero
// value of a nullable field ("must not be null" otherwise); a time is an RFC
// 3339 string in the years 1 to 9999, kept in UTC; a foreign key is its id.
// A value of the wrong type is an error saying what the column takes.
func (f *Field) DecodeJSON(raw json.RawMessage) (reflect.Value, error) {
	if isNull(raw) {
		if !f.Nullable {
			return reflect.Value{}, errors.New("must not be null")
		}
		return reflect.Zero(f.Type), nil
	}
	decode := decodeInto
	if f.codec == CodecScanner {
		decode = decodeSQLNull
	}
	v, ok := decode(f.Type, raw)
	if !ok {
		return reflect.Value{}, errors.New("must be " + KindWords(f.Kind))
	}
	return v, nil
}

var keyFieldType = reflect.TypeFor[KeyField]()

func isForeignKey(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && reflect.PointerTo(t).Implements(keyFieldType)
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
	case isForeignKey(t) && reflect.New(t).Interface().(KeyField).TextKeyed():
		var id string
		if json.Unmarshal(raw, &id) != nil || id == "" {
			return reflect.Value{}, false
		}
		p := reflect.New(t)
		p.Interface().(KeyField).SetText(id)
		return p.Elem(), true
	case isForeignKey(t):
		var id int64
		if json.Unmarshal(raw, &id) != nil {
			return reflect.Value{}, false
		}
		p := reflect.New(t)
		p.Interface().(KeyField).SetID(id)
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
	}
	p := reflect.New(t)
	if json.Unmarshal(raw, p.Interface()) != nil {
		return reflect.Value{}, false
	}
	return p.Elem(), true
}

// decodeSQLNull converts a non-null JSON value to t, an sql.Null type
// (sql.NullString..., sql.Null[T]): its value field and Valid.
func decodeSQLNull(t reflect.Type, raw json.RawMessage) (reflect.Value, bool) {
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

// equal reports whether two values of f's type are the same: times by
// instant, foreign keys by id, the rest by deep equality.
func (f *Field) equal(cur, v reflect.Value) bool {
	if f.codec == CodecKey {
		return KeyArg(cur.Addr().Interface().(KeyValue)) == keyOf(v)
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

// keyOf returns the key of a foreign-key value (not addressable), as KeyArg.
func keyOf(v reflect.Value) any {
	p := reflect.New(v.Type())
	p.Elem().Set(v)
	return KeyArg(p.Interface().(KeyValue))
}

// KindWords words the JSON a column of kind k takes ("an integer (a whole
// number within range)").
func KindWords(k Kind) string {
	switch k {
	case Int:
		return "an integer (a whole number within range)"
	case Float:
		return "a number"
	case Bool:
		return "true or false"
	case Time:
		return "an RFC 3339 time string in the years 1 to 9999"
	case Bytes:
		return "a base64 string"
	}
	return "a string"
}
