package schema

import (
	"encoding/json"
	"reflect"
	"time"
)

// JSONType describes how a value is written in JSON, for documents that
// describe models (the OpenAPI schema of a column or a query parameter).
type JSONType struct {
	// Type is "integer", "number", "boolean" or "string".
	Type string
	// Format is "int32" or "int64" for integers, "float" or "double" for
	// numbers, "date-time" for times; "" otherwise.
	Format string
	// Unsigned is true for integers of an unsigned Go type (never negative).
	Unsigned bool
	// Base64 is true for bytes, written as a base64 string.
	Base64 bool
}

// JSONType returns how the field's value is written in JSON (without NULL).
func (f *Field) JSONType() JSONType { return GoJSONType(f.Kind, f.Type) }

// GoJSONType returns how a value of kind k and Go type t is written in
// JSON: t (nil when unknown; pointers are looked through) gives integers
// their size and sign and numbers their precision.
func GoJSONType(k Kind, t reflect.Type) JSONType {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch k {
	case Int:
		jt := JSONType{Type: "integer", Format: "int64"}
		if t != nil && t.Kind() != reflect.Struct && t.Bits() <= 32 && t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64 {
			jt.Format = "int32"
		}
		jt.Unsigned = t != nil && t.Kind() >= reflect.Uint && t.Kind() <= reflect.Uintptr
		return jt
	case Float:
		if t != nil && t.Kind() == reflect.Float32 {
			return JSONType{Type: "number", Format: "float"}
		}
		return JSONType{Type: "number", Format: "double"}
	case Bool:
		return JSONType{Type: "boolean"}
	case Time:
		return JSONType{Type: "string", Format: "date-time"}
	case Bytes:
		return JSONType{Type: "string", Base64: true}
	}
	return JSONType{Type: "string"}
}

// DefaultJSON returns the field's default tag as a JSON value (a time in
// RFC 3339, UTC; a pointer as what it points to) and whether the field has
// a default. The value is nil when it cannot be encoded.
func (f *Field) DefaultJSON() (json.RawMessage, bool) {
	dv, ok := f.DefaultValue()
	if !ok {
		return nil, false
	}
	if dv.Kind() == reflect.Pointer {
		if dv.IsNil() {
			return json.RawMessage("null"), true
		}
		dv = dv.Elem()
	}
	v := dv.Interface()
	if t, ok := v.(time.Time); ok {
		v = t.UTC().Format(time.RFC3339Nano)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, true
	}
	return b, true
}
