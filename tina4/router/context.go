package router

import (
	"context"
	"net/http"

	"github.com/tina4stack/tina4-go/tina4/response"
)

// PathParam is the value of one path parameter of the matched route. Values
// are checked and converted once, when the route is matched.
type PathParam struct {
	Name  string    // the name in the pattern; "*" for an unnamed catch-all
	Value string    // the text from the path (for a catch-all: the rest, without a leading slash)
	Type  ParamType // the type declared in the pattern
	Int   int64     // the value of a ParamInt
	Float float64   // the value of a ParamFloat
}

// match is what the router learned about a request: the matched route and its
// parameters. It is the request's context too, so that one allocation carries
// the parameters to middleware and plain handlers (see Params) and holds the
// Request and Response handed to a HandlerFunc.
type match struct {
	context.Context
	route    *Route
	params   []PathParam
	buf      [4]PathParam   // backing store for params: most routes have few
	redirect string         // set when the path must be cleaned first
	claims   map[string]any // the valid credentials' claims (see Router.Auth)
	authed   bool           // the router's Auth accepted the request's credentials
	req      Request
	res      response.Response
}

// ctxKey is the context key under which a *match is found.
type ctxKey struct{}

// Value returns m for ctxKey and asks the parent context otherwise.
func (m *match) Value(key any) any {
	if key == (ctxKey{}) {
		return m
	}
	return m.Context.Value(key)
}

func matchOf(r *http.Request) *match {
	m, _ := r.Context().Value(ctxKey{}).(*match)
	return m
}

// Params returns the path parameters of the route matched for r, in pattern
// order. It works in middleware and plain http.Handlers as well as in a
// HandlerFunc; it returns nil outside a Router.
func Params(r *http.Request) []PathParam {
	if m := matchOf(r); m != nil {
		return m.params
	}
	return nil
}

// Param returns the text of the path parameter name for r, or "".
func Param(r *http.Request, name string) string {
	return lookupParam(Params(r), name).Value
}

// CurrentRoute returns the route matched for r, or nil when none matched (a
// 404, 405 or automatic OPTIONS answer) or r did not come through a Router.
// Authentication middleware reads its Public and Secured flags.
func CurrentRoute(r *http.Request) *Route {
	if m := matchOf(r); m != nil {
		return m.route
	}
	return nil
}

func lookupParam(ps []PathParam, name string) PathParam {
	for _, p := range ps {
		if p.Name == name {
			return p
		}
	}
	return PathParam{}
}
