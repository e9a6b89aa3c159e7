package openapi

import (
	"strconv"
	"strings"

	"github.com/jinzhu/inflection"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/orm/schema"
)

// The schemas of a model: the row an endpoint answers with, the body that
// creates one (crud.Bind and AutoCrud's POST), and the partial body of an
// update (PUT and PATCH).
const (
	rowSchema    = ""
	createSchema = "Create"
	updateSchema = "Update"
)

// modelRef returns a reference to a schema of model m (rowSchema,
// createSchema or updateSchema), adding it to the components first.
func (b *builder) modelRef(m *orm.Model, variant string) *Schema {
	name := b.modelName(m) + variant
	if _, ok := b.doc.Components.Schemas[name]; !ok {
		b.doc.Components.Schemas[name] = nil // reserved: relations may refer back
		b.doc.Components.Schemas[name] = b.modelSchema(m, variant)
	}
	return ref(name)
}

// modelName is the component name of m: its Go name, or with its table
// when another type of the document has that name.
func (b *builder) modelName(m *orm.Model) string {
	return b.componentName(m.Type, m.Name, m.Table())
}

func (b *builder) modelSchema(m *orm.Model, variant string) *Schema {
	s := &Schema{Type: Types{"object"}, Properties: &Properties{}, AdditionalProperties: schemaFalse}
	switch variant {
	case rowSchema:
		s.Description = "A row of " + m.Table() + "."
	case createSchema:
		s.Description = "A new row of " + m.Table() + ": read-only columns may be sent only with their zero value."
	case updateSchema:
		s.Description = "The columns of a row of " + m.Table() + " to change; read-only columns may be sent only with their current value."
	}
	for _, f := range m.Fields {
		if f.Hidden && (variant == rowSchema || !f.Writable()) {
			continue // never answered; refused in a body unless writable
		}
		fs := fieldSchema(f, variant == rowSchema)
		if f.Hidden {
			fs.WriteOnly = true // a client may set it, and never reads it back
		}
		if variant == updateSchema {
			fs.Default = nil // a column left out of an update keeps its value: no default applies
		}
		s.Properties.Set(f.Column, fs)
		switch {
		case variant == rowSchema:
			s.Required = append(s.Required, f.Column) // every column is in every answer
		case variant == createSchema && f.Writable() && f.Required && !f.HasDefault:
			s.Required = append(s.Required, f.Column)
		}
	}
	if variant != rowSchema {
		return s
	}
	for _, r := range m.Relations {
		target, err := r.Target()
		if err != nil {
			continue
		}
		var rs *Schema
		noun := strings.ReplaceAll(target.Table(), "_", " ")
		switch r.Kind {
		case orm.RelBelongsTo, orm.RelHasOne:
			rs = nullable(b.modelRef(target, rowSchema))
			noun = inflection.Singular(noun) // one row: "The related author"
		default:
			rs = &Schema{Type: Types{"array"}, Items: b.modelRef(target, rowSchema)}
		}
		rs.Description = "The related " + noun + ", present when include names " + r.Name + "."
		rs.ReadOnly = true
		s.Properties.Set(r.Name, rs)
	}
	return s
}

// valueSchema is the schema of a JSON value of type jt (without NULL).
func valueSchema(jt schema.JSONType) *Schema {
	s := &Schema{Type: Types{jt.Type}, Format: jt.Format}
	if jt.Unsigned {
		s.Minimum = num(0)
	}
	if jt.Base64 {
		s.ContentEncoding = "base64"
	}
	return s
}

// references names the row a foreign-key column points to: its references
// tag, or the table of its orm.ForeignKey's model.
func references(f *orm.Field) string {
	if f.References != "" {
		return f.References
	}
	if r := f.Relation(); r != nil {
		if t, err := r.Target(); err == nil {
			return t.Table() + "." + t.PK.Column
		}
	}
	return ""
}

// fieldSchema describes a column: its type, its validation rules, its
// default, whether it may be null and whether a client may set it. In a row
// (an answer), binary columns may be null too: a nil []byte is written so.
func fieldSchema(f *orm.Field, row bool) *Schema {
	s := valueSchema(f.JSONType())
	applyRules(s, f)
	if f.Pattern != nil {
		s.Pattern = f.Pattern.String()
		if !f.Required { // the pattern is checked on non-empty text only
			s.Pattern = "^$|(?:" + s.Pattern + ")"
		}
	}
	if v, ok := f.DefaultJSON(); ok {
		s.Default = v
	}
	var notes []string
	if ref := references(f); ref != "" {
		notes = append(notes, "Foreign key to "+ref+" (on delete "+strings.ToLower(f.OnDelete)+").")
	}
	if f.Unique {
		notes = append(notes, "Unique.")
	}
	s.Description = strings.Join(notes, " ")
	if !f.Writable() {
		s.ReadOnly = true
	}
	if f.Nullable || row && f.Kind == schema.Bytes {
		s = nullable(s)
	}
	return s
}

// applyRules turns the validate tag's rules into schema keywords. With
// omitempty the zero value skips every rule, so bounds that would refuse it
// are left out and an enum lists it.
func applyRules(s *Schema, f *orm.Field) {
	text := f.Kind == schema.String || f.Kind == schema.Text
	omitEmpty := false
	var minLen, maxLen *int
	for _, rule := range strings.Split(f.Validate, ",") {
		name, param, _ := strings.Cut(strings.TrimSpace(rule), "=")
		if name == "dive" || strings.Contains(rule, "|") {
			break // rules past dive are for elements; alternatives are not described
		}
		n, isNum := parseNum(param)
		switch name {
		case "omitempty":
			omitEmpty = true
		case "required":
			if text && !f.Nullable {
				minLen = maxInt(minLen, 1)
			}
		case "min", "gte":
			if text && isNum {
				minLen = maxInt(minLen, int(n))
			} else if isNum {
				s.Minimum = num(n)
			}
		case "max", "lte":
			if text && isNum {
				maxLen = intp(int(n))
			} else if isNum {
				s.Maximum = num(n)
			}
		case "len":
			if text && isNum {
				minLen, maxLen = intp(int(n)), intp(int(n))
			}
		case "gt":
			if !text && isNum {
				s.ExclusiveMinimum = num(n)
			}
		case "lt":
			if !text && isNum {
				s.ExclusiveMaximum = num(n)
			}
		case "oneof":
			for _, v := range orm.OneOfValues(param) {
				if x, ok := enumValue(f.Kind, v); ok {
					s.Enum = append(s.Enum, x)
				}
			}
		case "email":
			s.Format = "email"
		case "url", "http_url", "uri":
			s.Format = "uri"
		case "uuid", "uuid4":
			s.Format = "uuid"
		case "ipv4", "ipv6", "hostname":
			s.Format = name
		}
	}
	s.MinLength, s.MaxLength = minLen, maxLen
	if !omitEmpty {
		return
	}
	if s.MinLength != nil && *s.MinLength > 0 {
		s.MinLength = nil
	}
	if s.Minimum != nil && *s.Minimum > 0 || s.ExclusiveMinimum != nil && *s.ExclusiveMinimum >= 0 {
		s.Minimum, s.ExclusiveMinimum = nil, nil
	}
	if s.Maximum != nil && *s.Maximum < 0 || s.ExclusiveMaximum != nil && *s.ExclusiveMaximum <= 0 {
		s.Maximum, s.ExclusiveMaximum = nil, nil
	}
	if s.Format != "" && text { // "" skips the format check too
		s.AnyOf = []*Schema{{MaxLength: intp(0)}, {Format: s.Format}}
		s.Format = ""
	}
	if s.Enum != nil {
		zero, _ := enumValue(f.Kind, "")
		s.Enum = append([]any{zero}, s.Enum...)
	}
}

// enumValue converts one oneof value to the column's JSON type; "" is the
// zero value.
func enumValue(k schema.Kind, v string) (any, bool) {
	switch k {
	case schema.Int, schema.Float:
		if v == "" {
			return 0, true
		}
		n, err := strconv.ParseFloat(v, 64)
		return n, err == nil
	case schema.String, schema.Text:
		return v, true
	}
	return nil, false
}

func parseNum(s string) (float64, bool) {
	n, err := strconv.ParseFloat(s, 64)
	return n, err == nil
}

func num(f float64) *float64 { return &f }
func intp(n int) *int        { return &n }

func maxInt(p *int, n int) *int {
	if p != nil && *p > n {
		return p
	}
	return &n
}
