package openapi

import (
	"encoding/json"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/orm/schema"
)

// crudOperation describes an AutoCrud route from its model.
func (b *builder) crudOperation(op *Operation, e crud.Endpoint) {
	table := e.Model.Table()
	if len(op.Parameters) > 0 {
		op.Parameters[0].Description = "The primary key (" + e.Model.PK.Column + ")."
		op.Parameters[0].Schema = valueSchema(e.Model.PK.JSONType())
		op.Parameters[0].Schema.Format = "" // the path takes any int64
		if e.Model.PK.Kind == schema.Int {
			op.Parameters[0].Schema.Format = "int64"
		}
	}
	notFound := errorResponse(`No such row (or a soft-deleted one): {"error": "Not found"}.`)
	invalid := errorResponse(`The body is not valid JSON of the right shape, or a column fails validation: {"error": "Validation failed", "detail": ["title: This field is required"]}.`)
	conflict := errorResponse(`A database constraint refuses the change: a unique column, or a foreign key, named: {"error": "author_id: no author with id 99"}.`)
	tooLarge := errorResponse("The request body is larger than the limit.")
	unsupported := errorResponse("The body is not JSON by its Content-Type (application/json or application/*+json), or has a Content-Encoding.")
	switch e.Action {
	case crud.ActionList:
		params, traversal := listParams(e)
		for _, q := range params {
			op.Parameters = append(op.Parameters, queryParam(q))
		}
		note := filterNote
		if traversal {
			note += "\n\n" + traversalNote
		}
		op.Description = strings.TrimSpace(op.Description + "\n\n" + note)
		page := &Schema{Type: Types{"object"}, Properties: &Properties{}, AdditionalProperties: schemaFalse,
			Required: []string{"data", "total", "limit", "skip"}}
		page.Properties.Set("data", &Schema{Type: Types{"array"}, Items: b.modelRef(e.Model, rowSchema)})
		page.Properties.Set("total", &Schema{Type: Types{"integer", "null"}, Minimum: num(0),
			Description: "Rows matching the filters, on every page; an estimate under total=estimate, null under total=none."})
		page.Properties.Set("limit", &Schema{Type: Types{"integer"}, Minimum: num(1), Description: "The page size used."})
		page.Properties.Set("skip", &Schema{Type: Types{"integer"}, Minimum: num(0), Description: "The rows skipped."})
		op.Responses["200"] = &Response{Description: "A page of " + table + ".", Content: jsonBody(page)}
		op.Responses["400"] = errorResponse("A paging value, an order or include name, or a filter is not valid: the message says which.")
	case crud.ActionCreate:
		op.RequestBody = &RequestBody{Required: true, Content: jsonBody(b.modelRef(e.Model, createSchema))}
		op.Responses["201"] = &Response{Description: "The new row.", Content: jsonBody(b.modelRef(e.Model, rowSchema))}
		op.Responses["400"], op.Responses["409"], op.Responses["413"] = invalid, conflict, tooLarge
		op.Responses["415"] = unsupported
	case crud.ActionGet:
		op.Responses["200"] = &Response{Description: "The row.", Content: jsonBody(b.modelRef(e.Model, rowSchema))}
		op.Responses["404"] = notFound
	case crud.ActionUpdate:
		op.RequestBody = &RequestBody{Required: true, Content: jsonBody(b.modelRef(e.Model, updateSchema)),
			Description: "Only the columns sent change; the row is then validated whole."}
		op.Responses["200"] = &Response{Description: "The updated row.", Content: jsonBody(b.modelRef(e.Model, rowSchema))}
		op.Responses["400"], op.Responses["404"], op.Responses["409"], op.Responses["413"] = invalid, notFound, conflict, tooLarge
		op.Responses["415"] = unsupported
	case crud.ActionDelete:
		desc := "Deleted."
		if e.Model.SoftDelete != nil {
			desc = "Deleted softly: " + e.Model.SoftDelete.Column + " is set and the row is no longer served."
		}
		op.Responses["204"] = &Response{Description: desc}
		op.Responses["404"] = notFound
		op.Responses["409"] = errorResponse(`Rows of another table still refer to this one (a foreign key with ON DELETE RESTRICT): {"error": "authors 1 is still referenced by posts"}.`)
	}
}

// queryParam describes one key of the list's query string.
func queryParam(q crud.QueryParam) *Parameter {
	jt := schema.GoJSONType(q.Kind, nil)
	if q.Field != nil && q.Kind == q.Field.Kind {
		jt = q.Field.JSONType()
	}
	s := valueSchema(jt)
	desc := q.Description
	if q.Kind == schema.Time {
		s.Format = "" // a date (2026-01-02) or a time (RFC 3339)
		desc += " A date or an RFC 3339 time."
	}
	if q.Minimum != nil {
		s.Minimum = num(float64(*q.Minimum))
	}
	if q.Default != nil {
		s.Default, _ = json.Marshal(*q.Default)
	}
	if !q.List && q.Enum != nil {
		s.Enum = strs(q.Enum) // total
	}
	p := &Parameter{Name: q.Name, In: "query", Description: desc, Schema: s}
	if q.List {
		item := s
		if q.Enum != nil {
			item = &Schema{Type: Types{"string"}, Enum: strs(q.Enum)}
		}
		no := false
		p.Schema, p.Style, p.Explode = &Schema{Type: Types{"array"}, Items: item}, "form", &no
	}
	return p
}

func strs(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
