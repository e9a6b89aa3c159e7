package openapi

import (
	"bytes"
	"encoding/json"
)

// Schema is a JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1), with
// the keywords this package writes.
type Schema struct {
	Ref         string `json:"$ref,omitempty"`
	Type        Types  `json:"type,omitempty"`
	Format      string `json:"format,omitempty"`
	Description string `json:"description,omitempty"`

	Enum    []any           `json:"enum,omitempty"`
	Default json.RawMessage `json:"default,omitempty"`

	Minimum          *float64 `json:"minimum,omitempty"`
	Maximum          *float64 `json:"maximum,omitempty"`
	ExclusiveMinimum *float64 `json:"exclusiveMinimum,omitempty"`
	ExclusiveMaximum *float64 `json:"exclusiveMaximum,omitempty"`
	MinLength        *int     `json:"minLength,omitempty"`
	MaxLength        *int     `json:"maxLength,omitempty"`
	Pattern          string   `json:"pattern,omitempty"`

	ContentEncoding string `json:"contentEncoding,omitempty"`

	Items                *Schema     `json:"items,omitempty"`
	Properties           *Properties `json:"properties,omitempty"`
	Required             []string    `json:"required,omitempty"`
	AdditionalProperties *Schema     `json:"additionalProperties,omitempty"`
	AnyOf                []*Schema   `json:"anyOf,omitempty"`

	ReadOnly  bool `json:"readOnly,omitempty"`
	WriteOnly bool `json:"writeOnly,omitempty"`

	never bool // the schema false: nothing matches (additionalProperties: false)
}

// Types is the type keyword: one name, or several ("string", "null").
type Types []string

// MarshalJSON writes one type as a string, several as an array.
func (t Types) MarshalJSON() ([]byte, error) {
	if len(t) == 1 {
		return json.Marshal(t[0])
	}
	return json.Marshal([]string(t))
}

// schemaFalse is the schema that matches nothing.
var schemaFalse = &Schema{never: true}

// MarshalJSON writes the schema, or false for the schema that matches
// nothing.
func (s *Schema) MarshalJSON() ([]byte, error) {
	if s.never {
		return []byte("false"), nil
	}
	type plain Schema // without this method
	return json.Marshal((*plain)(s))
}

// ref is a schema that refers to the named component schema.
func ref(name string) *Schema { return &Schema{Ref: "#/components/schemas/" + name} }

// nullable returns s allowing null too.
func nullable(s *Schema) *Schema {
	if s.Ref != "" || len(s.Type) == 0 {
		return &Schema{AnyOf: []*Schema{s, {Type: Types{"null"}}}}
	}
	s.Type = append(s.Type, "null")
	return s
}

// Properties are the properties of an object schema, in the order they were
// set (the order of the struct's fields), which the JSON keeps.
type Properties struct {
	names  []string
	byName map[string]*Schema
}

// Set adds or replaces a property.
func (p *Properties) Set(name string, s *Schema) {
	if p.byName == nil {
		p.byName = map[string]*Schema{}
	}
	if _, ok := p.byName[name]; !ok {
		p.names = append(p.names, name)
	}
	p.byName[name] = s
}

// Get returns a property's schema, or nil.
func (p *Properties) Get(name string) *Schema { return p.byName[name] }

// Names returns the property names in order.
func (p *Properties) Names() []string { return append([]string(nil), p.names...) }

// MarshalJSON writes the properties as an object, in order.
func (p *Properties) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, name := range p.names {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, _ := json.Marshal(name)
		buf.Write(k)
		buf.WriteByte(':')
		v, err := json.Marshal(p.byName[name])
		if err != nil {
			return nil, err
		}
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}
