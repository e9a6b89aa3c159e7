package router

import (
	"fmt"
	"net/http"
	"strings"
)

// RouteGroup registers routes under a path prefix with shared middleware and
// options. Groups nest: a route's pattern is every enclosing prefix followed by
// its own path, and its middleware is the enclosing groups' middleware,
// outermost first, then its own.
type RouteGroup struct {
	router     *Router
	parent     *RouteGroup
	prefix     string // the full prefix, enclosing groups included
	middleware []func(http.Handler) http.Handler
	opts       []RouteOption
	frozen     bool // a route was registered in the group or a subgroup
}

// anyMethods are the methods Any registers. HEAD is answered by GET routes and
// OPTIONS automatically.
var anyMethods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// Group returns a subgroup for prefix (such as "/api" or "/users/{id:int}")
// and, if fn is not nil, calls fn with it.
func (g *RouteGroup) Group(prefix string, fn func(g *RouteGroup)) *RouteGroup {
	if prefix != "" && !strings.HasPrefix(prefix, "/") {
		panic(fmt.Sprintf("router: group prefix %q must start with /", prefix))
	}
	sub := &RouteGroup{router: g.router, parent: g, prefix: g.prefix + strings.TrimSuffix(prefix, "/")}
	if fn != nil {
		fn(sub)
	}
	return sub
}

// Use adds middleware for the routes of the group and its subgroups. It must
// be called before any route is registered in them; later it panics, because
// routes registered earlier would silently miss it.
func (g *RouteGroup) Use(mw ...func(http.Handler) http.Handler) *RouteGroup {
	if g.frozen {
		panic(fmt.Sprintf("router: Use on group %q after routes were registered in it; call Use first", g.prefix))
	}
	g.middleware = append(g.middleware, mw...)
	return g
}

// Options sets route options applied to every route later registered in the
// group and its subgroups, before the route's own options: for example
// g.Options(router.Secured()).
func (g *RouteGroup) Options(opts ...RouteOption) *RouteGroup {
	g.opts = append(g.opts, opts...)
	return g
}

// Get registers h for GET (and so HEAD) requests to path under the group.
func (g *RouteGroup) Get(path string, h HandlerFunc, opts ...RouteOption) *Route {
	return g.handle([]string{http.MethodGet}, path, g.router.adapt(h), opts)
}

// Post registers h for POST requests to path under the group.
func (g *RouteGroup) Post(path string, h HandlerFunc, opts ...RouteOption) *Route {
	return g.handle([]string{http.MethodPost}, path, g.router.adapt(h), opts)
}

// Put registers h for PUT requests to path under the group.
func (g *RouteGroup) Put(path string, h HandlerFunc, opts ...RouteOption) *Route {
	return g.handle([]string{http.MethodPut}, path, g.router.adapt(h), opts)
}

// Patch registers h for PATCH requests to path under the group.
func (g *RouteGroup) Patch(path string, h HandlerFunc, opts ...RouteOption) *Route {
	return g.handle([]string{http.MethodPatch}, path, g.router.adapt(h), opts)
}

// Delete registers h for DELETE requests to path under the group.
func (g *RouteGroup) Delete(path string, h HandlerFunc, opts ...RouteOption) *Route {
	return g.handle([]string{http.MethodDelete}, path, g.router.adapt(h), opts)
}

// Any registers h for GET, POST, PUT, PATCH and DELETE requests to path.
func (g *RouteGroup) Any(path string, h HandlerFunc, opts ...RouteOption) *Route {
	return g.handle(anyMethods, path, g.router.adapt(h), opts)
}

// Handle registers a plain http.Handler for method (upper case, any token
// such as "OPTIONS" or "PROPFIND") and path under the group. Path parameters
// are available through Params.
func (g *RouteGroup) Handle(method, path string, h http.Handler, opts ...RouteOption) *Route {
	return g.handle([]string{method}, path, h, opts)
}

func (g *RouteGroup) handle(methods []string, path string, h http.Handler, opts []RouteOption) *Route {
	pattern := g.prefix + path
	if path == "/" && g.prefix != "" {
		pattern = g.prefix
	}
	var mw []func(http.Handler) http.Handler
	var all []RouteOption
	var chainOf []*RouteGroup
	for p := g; p != nil; p = p.parent {
		chainOf = append(chainOf, p)
	}
	for i := len(chainOf) - 1; i >= 0; i-- {
		p := chainOf[i]
		p.frozen = true
		mw = append(mw, p.middleware...)
		all = append(all, p.opts...)
	}
	return g.router.register(methods, pattern, h, mw, append(all, opts...))
}
