package openapi

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/orm/schema"
)

var (
	timeType          = reflect.TypeFor[time.Time]()
	rawMessageType    = reflect.TypeFor[json.RawMessage]()
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// typeSchema describes how encoding/json writes a value of Go type t (the
// body type of a custom route). A registered ORM model refers to its row
// schema, or to its create schema for a request body; a named struct becomes
// a component schema of its own.
func (b *builder) typeSchema(t reflect.Type, request bool) *Schema {
	if m := b.models[t]; m != nil {
		if request {
			return b.modelRef(m, createSchema)
		}
		return b.modelRef(m, rowSchema)
	}
	switch {
	case t == timeType:
		return &Schema{Type: Types{"string"}, Format: "date-time"}
	case t == rawMessageType, t.Kind() == reflect.Interface:
		return &Schema{}
	case t.Kind() == reflect.Pointer:
		return nullable(b.typeSchema(t.Elem(), request))
	case t.Implements(jsonMarshalerType) || reflect.PointerTo(t).Implements(jsonMarshalerType):
		return &Schema{} // writes itself: any JSON
	case t.Implements(textMarshalerType) || reflect.PointerTo(t).Implements(textMarshalerType):
		return &Schema{Type: Types{"string"}}
	}
	switch t.Kind() {
	case reflect.Bool:
		return &Schema{Type: Types{"boolean"}}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return valueSchema(schema.GoJSONType(schema.Int, t))
	case reflect.Float32, reflect.Float64:
		return valueSchema(schema.GoJSONType(schema.Float, t))
	case reflect.String:
		return &Schema{Type: Types{"string"}}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return &Schema{Type: Types{"string"}, ContentEncoding: "base64"}
		}
		s := &Schema{Type: Types{"array"}, Items: b.typeSchema(t.Elem(), request)}
		if t.Kind() == reflect.Slice {
			s = nullable(s) // a nil slice is null
		}
		return s
	case reflect.Map:
		return nullable(&Schema{Type: Types{"object"}, AdditionalProperties: b.typeSchema(t.Elem(), request)})
	case reflect.Struct:
		if t.Name() == "" {
			return b.structSchema(t, request)
		}
		name := b.componentName(t, t.Name(), strings.ReplaceAll(t.PkgPath(), "/", "."))
		if request {
			name += "Input"
		}
		if _, ok := b.doc.Components.Schemas[name]; !ok {
			b.doc.Components.Schemas[name] = nil // reserved for recursive types
			b.doc.Components.Schemas[name] = b.structSchema(t, request)
		}
		return ref(name)
	}
	return &Schema{} // chan, func: not JSON; described as anything
}

// structSchema lists the fields encoding/json writes: exported, named by
// their json tag, "-" left out, embedded structs' fields promoted; a field
// without omitempty is always present.
func (b *builder) structSchema(t reflect.Type, request bool) *Schema {
	s := &Schema{Type: Types{"object"}, Properties: &Properties{}}
	b.addFields(s, t, request, map[reflect.Type]bool{})
	return s
}

func (b *builder) addFields(s *Schema, t reflect.Type, request bool, seen map[reflect.Type]bool) {
	if seen[t] {
		return
	}
	seen[t] = true
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		ft := sf.Type
		if sf.Anonymous && name == "" {
			et := ft
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct && b.models[et] == nil {
				b.addFields(s, et, request, seen)
				continue
			}
		}
		if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		fs := b.typeSchema(ft, request)
		if hasOpt(opts, "string") && fs.Ref == "" {
			fs = &Schema{Type: Types{"string"}}
		}
		s.Properties.Set(name, fs)
		if !hasOpt(opts, "omitempty") && !hasOpt(opts, "omitzero") && !request {
			s.Required = append(s.Required, name)
		}
	}
}

func hasOpt(opts, want string) bool {
	for o := range strings.SplitSeq(opts, ",") {
		if o == want {
			return true
		}
	}
	return false
}

// componentName returns the name of t's component schema: want, or
// want_alt when another type already has want.
func (b *builder) componentName(t reflect.Type, want, alt string) string {
	want, alt = cleanName(want), cleanName(alt)
	if have, ok := b.names[want]; ok && have != t {
		want = want + "_" + alt
	}
	b.names[want] = t
	return want
}

// modelsByType indexes the registered models by Go type.
func modelsByType(ms []*orm.Model) map[reflect.Type]*orm.Model {
	out := make(map[reflect.Type]*orm.Model, len(ms))
	for _, m := range ms {
		out[m.Type] = m
	}
	return out
}

// cleanName keeps the characters a component name may have (letters,
// digits, ".", "-" and "_"), replacing the others (a generic type's
// brackets) with "_".
func cleanName(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			return r
		}
		return '_'
	}, s)
}
