package openapi

import (
	"net/http"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// The names of the shared components.
const (
	errorSchema = "Error"
	bearerAuth  = "bearerAuth"
)

// builder accumulates a document.
type builder struct {
	doc       *Document
	models    map[reflect.Type]*orm.Model // registered models by Go type
	endpoints map[*router.Route]crud.Endpoint
	names     map[string]reflect.Type // component name -> the Go type it describes
	opIDs     map[string]bool
	tags      map[string]bool
}

// Build returns the OpenAPI document of the routes registered on r now: one
// operation per route and method (GET, POST, PUT, PATCH, DELETE), except
// fallback routes that a normal route with the same method and path
// (parameter names aside) hides.
// AutoCrud routes (crud.Endpoints) are described from their models; other
// routes from their pattern, Summary, Tags and Docs (router.Describe,
// Accepts, Returns, Query). Paths that differ only in parameter names are
// one path, keyed by the normal route's names. An operation needs the bearer
// scheme, and documents the 401 answer, when router.NeedsAuth says its route
// and method need a token (as they do once Router.Auth is set, which
// tina4.New always does): writes unless Public, reads when Secured; any
// other operation says security: [] (public).
func Build(r *router.Router, info Info, opts ...Option) *Document {
	o := applyOptions(opts)
	b := &builder{
		doc: &Document{OpenAPI: Version, Info: info, Servers: o.servers, Paths: map[string]*PathItem{},
			Components: Components{Schemas: map[string]*Schema{}}},
		models:    modelsByType(orm.Models()),
		endpoints: map[*router.Route]crud.Endpoint{},
		names:     map[string]reflect.Type{},
		opIDs:     map[string]bool{},
		tags:      map[string]bool{},
	}
	for _, e := range crud.Endpoints(r) {
		b.endpoints[e.Route] = e
		b.models[e.Model.Type] = e.Model
	}
	routes := r.Routes()
	// Paths are compared with their parameter names left out: OpenAPI
	// forbids two templates that differ only in those. Each such path has
	// one key, the template of its first normal route (else fallback route).
	keys := map[string]string{} // normalised path -> the document's key
	shown := map[string]bool{}  // "GET /api/notes/{}" served by a normal route
	for _, fallback := range []bool{false, true} {
		for _, rt := range routes {
			if rt.Fallback != fallback {
				continue
			}
			path := oasPath(rt)
			norm := normalPath(path)
			if _, ok := keys[norm]; !ok {
				keys[norm] = path
			}
			for _, m := range rt.Methods {
				shown[m+" "+norm] = shown[m+" "+norm] || !fallback
			}
		}
	}
	for _, rt := range routes {
		norm := normalPath(oasPath(rt))
		path := keys[norm]
		for _, m := range rt.Methods {
			if rt.Fallback && shown[m+" "+norm] {
				continue
			}
			item := b.doc.Paths[path]
			if item == nil {
				item = &PathItem{}
			}
			slot := item.operation(m)
			if slot == nil || *slot != nil {
				continue // a method OpenAPI has no field for, or described already
			}
			*slot = b.operation(rt, m, path)
			b.doc.Paths[path] = item
		}
	}
	b.doc.Components.Schemas[errorSchema] = &Schema{
		Type: Types{"object"}, Required: []string{"error"}, Properties: &Properties{},
		Description: `An error answer: {"error": message}, with "detail" listing the problems when there are several (such as each failing field of a validation).`,
	}
	b.doc.Components.Schemas[errorSchema].Properties.Set("error", &Schema{Type: Types{"string"}})
	b.doc.Components.Schemas[errorSchema].Properties.Set("detail", &Schema{Type: Types{"array"}, Items: &Schema{Type: Types{"string"}}})
	return b.doc
}

// oasPath writes a route's pattern as an OpenAPI path: {id:int} becomes
// {id}, a trailing * becomes {path}.
func oasPath(rt *router.Route) string {
	segs := strings.Split(rt.Pattern, "/")
	for i, s := range segs {
		switch {
		case s == "*":
			segs[i] = "{path}"
		case strings.HasPrefix(s, "{"):
			name, _, _ := strings.Cut(strings.Trim(s, "{}"), ":")
			segs[i] = "{" + name + "}"
		}
	}
	return strings.Join(segs, "/")
}

// templateParam matches a parameter of an OpenAPI path template.
var templateParam = regexp.MustCompile(`\{[^{}]*\}`)

// normalPath is an OpenAPI path with its parameter names left out:
// /api/notes/{id} and /api/notes/{noteId} are both /api/notes/{}.
func normalPath(path string) string {
	return templateParam.ReplaceAllString(path, "{}")
}

// templateNames lists the parameter names of an OpenAPI path template, in
// order.
func templateNames(path string) []string {
	var names []string
	for _, m := range templateParam.FindAllString(path, -1) {
		names = append(names, strings.Trim(m, "{}"))
	}
	return names
}

// operation describes one method of a route.
func (b *builder) operation(rt *router.Route, method, path string) *Operation {
	op := &Operation{Summary: rt.Summary, Description: rt.Docs.Description, Tags: rt.Tags,
		OperationID: b.operationID(method, path), Responses: map[string]*Response{}}
	for _, t := range rt.Tags {
		if !b.tags[t] {
			b.tags[t] = true
			b.doc.Tags = append(b.doc.Tags, Tag{Name: t, Description: b.tagDescription(t)})
		}
	}
	names := templateNames(path) // the key's names, which may not be the route's
	for i, p := range rt.Params {
		param := pathParam(p)
		if i < len(names) {
			param.Name = names[i]
		}
		op.Parameters = append(op.Parameters, param)
	}
	if e, ok := b.endpoints[rt]; ok {
		b.crudOperation(op, e)
	} else {
		b.customOperation(op, rt)
	}
	if router.NeedsAuth(rt, method) {
		if b.doc.Components.SecuritySchemes == nil {
			b.doc.Components.SecuritySchemes = map[string]*SecurityScheme{bearerAuth: {
				Type: "http", Scheme: "bearer",
				Description: "Authorization: Bearer <token>: a JWT or the API key of TINA4_API_KEY.",
			}}
		}
		op.Security = []map[string][]string{{bearerAuth: {}}}
		op.Responses["401"] = errorResponse(`The token is missing or not valid: {"error": "Unauthorized"}, with a WWW-Authenticate header.`)
	} else {
		op.Security = []map[string][]string{} // public: security: []
	}
	return op
}

// operationID is unique in the document: get_api_notes_id.
func (b *builder) operationID(method, path string) string {
	id := strings.ToLower(method) + strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			return r
		}
		return '_'
	}, strings.NewReplacer("{", "", "}", "").Replace(path))
	id = strings.TrimRight(id, "_")
	for base, n := id, 2; b.opIDs[id]; n++ {
		id = base + "_" + strconv.Itoa(n)
	}
	b.opIDs[id] = true
	return id
}

func pathParam(p router.ParamSpec) *Parameter {
	name, desc := p.Name, ""
	s := &Schema{Type: Types{"string"}}
	switch p.Type {
	case router.ParamInt:
		s = &Schema{Type: Types{"integer"}, Format: "int64"}
	case router.ParamFloat:
		s = &Schema{Type: Types{"number"}, Format: "double"}
	case router.ParamPath:
		desc = "The rest of the path (may hold slashes)."
	}
	if name == "*" {
		name = "path"
	}
	return &Parameter{Name: name, In: "path", Required: true, Schema: s, Description: desc}
}

// customOperation describes a route from its Docs.
func (b *builder) customOperation(op *Operation, rt *router.Route) {
	for _, q := range rt.Docs.Query {
		p := pathParam(router.ParamSpec{Name: q.Name, Type: q.Type})
		p.In, p.Required, p.Description = "query", q.Required, q.Description
		op.Parameters = append(op.Parameters, p)
	}
	if rt.Docs.Request != nil {
		op.RequestBody = &RequestBody{Required: true, Content: jsonBody(b.typeSchema(rt.Docs.Request, true))}
	}
	for _, d := range rt.Docs.Responses {
		res := &Response{Description: d.Description}
		if d.Error {
			res = errorResponse(d.Description)
		} else if d.Body != nil {
			res.Content = jsonBody(b.typeSchema(d.Body, false))
		}
		op.Responses[strconv.Itoa(d.Status)] = res
	}
	if len(rt.Docs.Responses) == 0 {
		op.Responses["200"] = &Response{Description: http.StatusText(http.StatusOK)}
	}
	op.Responses["4XX"] = errorResponse("A client error, with the status of its kind (400 invalid input, 404 not found, 409 conflict, 413 too large, 415 not a JSON body; response.NotFound, BadRequest, Conflict, Errorf).")
	op.Responses["default"] = errorResponse("Any other error (500).")
}

func errorResponse(desc string) *Response {
	return &Response{Description: desc, Content: jsonBody(ref(errorSchema))}
}

// tagDescription describes a tag: the table AutoCrud serves under it, or the
// custom routes that name it.
func (b *builder) tagDescription(tag string) string {
	for _, m := range b.models {
		if m.Table() == tag {
			return "The " + tag + " table (" + m.Type.Name() + "): AutoCrud's routes and the custom routes tagged " + tag + "."
		}
	}
	return "Custom routes tagged " + tag + "."
}
