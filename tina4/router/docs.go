package router

import (
	"fmt"
	"net/http"
	"reflect"
	"strings"
)

// Docs describes a route for generated documentation (the OpenAPI document
// served at /swagger) beyond its Summary and Tags: what it reads and what it
// answers. Route options fill it; the router itself never reads it.
type Docs struct {
	// Description is a longer text than the summary (Markdown).
	Description string
	// Request is the Go type of the JSON request body, nil for none.
	Request reflect.Type
	// Responses are the documented answers, in the order given.
	Responses []DocResponse
	// Query are the documented query-string parameters.
	Query []DocQuery
}

// DocResponse is one documented answer of a route.
type DocResponse struct {
	Status      int          // the HTTP status, such as 201
	Body        reflect.Type // the Go type of the JSON body; nil for no body
	Error       bool         // the body is the JSON error answer, {"error": ..., "detail": [...]}
	Description string       // what it means; empty means the status text
}

// DocQuery is one documented query-string parameter of a route.
type DocQuery struct {
	Name        string
	Type        ParamType // ParamString, ParamInt or ParamFloat
	Required    bool
	Description string
}

// Accepts documents the route's JSON request body as the type of body, a
// value such as models.Product{} or a pointer to one. Registered ORM models
// are described from their metadata (column names, validation rules); other
// types by their JSON encoding (json tags).
//
//	router.Post("/api/products", create, router.Accepts(models.Product{}), router.Returns(201, ProductCreated{}))
func Accepts(body any) RouteOption {
	t := docType("Accepts", body)
	return func(r *Route) { r.Docs.Request = t }
}

// Returns documents one answer of the route: its status and the type of its
// JSON body (a value such as []models.Note{}, or nil for no body), with an
// optional description. Give it once per status.
func Returns(status int, body any, description ...string) RouteOption {
	if status < 100 || status > 599 {
		panic(fmt.Sprintf("router: Returns(%d): not an HTTP status", status))
	}
	var t reflect.Type
	if body != nil {
		t = docType("Returns", body)
	}
	return documentResponse(DocResponse{Status: status, Body: t, Description: strings.Join(description, " ")})
}

// Fails documents an error answer of the route: its status, with the JSON
// error body every error gets ({"error": message}, see response.WriteError),
// and what it means.
//
//	router.Get("/api/posts/{id:int}", getPost, router.Fails(404, "No such post"))
func Fails(status int, description string) RouteOption {
	if status < 400 || status > 599 {
		panic(fmt.Sprintf("router: Fails(%d): not an error status", status))
	}
	return documentResponse(DocResponse{Status: status, Error: true, Description: description})
}

// documentResponse adds d to the route's documented answers, replacing one of the
// same status.
func documentResponse(d DocResponse) RouteOption {
	if d.Description == "" {
		d.Description = http.StatusText(d.Status)
	}
	return func(r *Route) {
		for i, old := range r.Docs.Responses {
			if old.Status == d.Status {
				r.Docs.Responses[i] = d
				return
			}
		}
		r.Docs.Responses = append(r.Docs.Responses, d)
	}
}

// Query documents an optional query-string parameter of the route: its name,
// its type (ParamString, ParamInt or ParamFloat) and what it does.
func Query(name string, typ ParamType, description string) RouteOption {
	return query(DocQuery{Name: name, Type: typ, Description: description})
}

// QueryRequired is Query for a parameter the route cannot do without.
func QueryRequired(name string, typ ParamType, description string) RouteOption {
	return query(DocQuery{Name: name, Type: typ, Required: true, Description: description})
}

func query(q DocQuery) RouteOption {
	if q.Name == "" || q.Type == ParamPath {
		panic(fmt.Sprintf("router: Query(%q, %v): want a name and ParamString, ParamInt or ParamFloat", q.Name, q.Type))
	}
	return func(r *Route) { r.Docs.Query = append(r.Docs.Query, q) }
}

// Explain sets the route's longer description (Markdown), shown under its
// summary in the documentation.
func Explain(description string) RouteOption {
	return func(r *Route) { r.Docs.Description = description }
}

// docType returns the type a documentation option was given, dereferencing
// one pointer; nil panics like other registration mistakes.
func docType(option string, v any) reflect.Type {
	if v == nil {
		panic("router: " + option + "(nil): give a value of the body's type")
	}
	t := reflect.TypeOf(v)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}
