package router

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/julienschmidt/httprouter"
	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/response"
)

// HandlerFunc handles a request matched to a route. Returning an error answers
// with the JSON error for it (see response.WriteError) unless the handler has
// already written a response.
type HandlerFunc func(req *Request, res *response.Response) error

// Router is an http.Handler that dispatches requests to routes registered
// with Tina4 path patterns. Configure it through its exported fields before
// serving; register routes and middleware before serving too (registration
// is not safe for use concurrently with ServeHTTP).
type Router struct {
	// MaxBodyBytes limits the request body read by Request.Bind, JSON, Body,
	// Form and File; a larger body is a 413. Default 1 MiB; 0 means no limit.
	MaxBodyBytes int64

	// RedirectFixedPath redirects a request whose path is not clean (such as
	// /api//notes or /api/x/../notes) to the cleaned path: 301 for GET and
	// HEAD, 308 for other methods. Default true.
	RedirectFixedPath bool

	// HandleMethodNotAllowed answers 405 with an Allow header when the path
	// matches routes of other methods only. Default true.
	HandleMethodNotAllowed bool

	// HandleOPTIONS answers OPTIONS with 204 and an Allow header when the path
	// matches a route and no route handles OPTIONS itself. Default true.
	HandleOPTIONS bool

	// NotFound answers requests that match no route. Default: 404
	// {"error":"Not found"}.
	NotFound http.Handler

	// MethodNotAllowed answers 405s; the Allow header is already set.
	// Default: {"error":"Method Not Allowed"}.
	MethodNotAllowed http.Handler

	// Auth, when set, guards routes by Tina4's rule (see NeedsAuth): a
	// request that needs credentials and fails Auth is answered 401
	// {"error": "Unauthorized"} before the route's middleware and handler
	// run; valid claims reach the handler as Request.Claims. nil (the
	// default of New) guards nothing; tina4.New always sets it.
	Auth AuthFunc

	// JSONEncoder, when set, is tried before encoding/json by res.JSON in
	// the handlers of this router's routes (see response.Encoder).
	// tina4.New sets one that writes ORM models as AutoCrud does.
	JSONEncoder response.Encoder

	// Debug and Logger, when either is set, are the response settings of
	// this router's requests (see response.Settings): a 5xx answer shows the
	// error's text in debug mode, and 5xx errors, panics and refused
	// credentials are logged to Logger (nil: slog.Default()). Unset, the
	// settings the request's context already carries apply (tina4.App puts
	// its own there), so Apps sharing router.Default() keep theirs.
	Debug  bool
	Logger *slog.Logger

	extMu sync.Mutex
	ext   map[any]any // see Extension

	trees   map[string]*[2]node // per method: normal routes, fallback routes
	routes  []*Route
	global  []func(http.Handler) http.Handler
	handler http.Handler // global middleware around dispatch
	root    RouteGroup
}

var _ http.Handler = New()

// New returns a Router with the default settings.
func New() *Router {
	rt := &Router{
		MaxBodyBytes:           1 << 20,
		RedirectFixedPath:      true,
		HandleMethodNotAllowed: true,
		HandleOPTIONS:          true,
		trees:                  make(map[string]*[2]node),
	}
	rt.root = RouteGroup{router: rt}
	rt.handler = http.HandlerFunc(rt.dispatch)
	return rt
}

// Use adds global middleware. It runs for every request, in the order added,
// before group and route middleware, and also for 404, 405 and automatic
// OPTIONS answers; the route is already matched, so Params and CurrentRoute
// work in it. Use may be called before or after routes are registered.
func (rt *Router) Use(mw ...func(http.Handler) http.Handler) {
	rt.global = append(rt.global, mw...)
	rt.handler = chain(rt.global, http.HandlerFunc(rt.dispatch))
}

// Routes returns the registered routes in registration order.
func (rt *Router) Routes() []*Route { return slices.Clone(rt.routes) }

// register compiles and stores a route; every registration goes through it.
func (rt *Router) register(methods []string, pattern string, h http.Handler, mw []func(http.Handler) http.Handler, opts []RouteOption) *Route {
	segs, err := parsePattern(pattern)
	if err != nil {
		panic("router: " + err.Error())
	}
	if h == nil {
		panic("router: nil handler for " + pattern)
	}
	r := &Route{Methods: methods, Pattern: pattern}
	for _, s := range segs {
		if !s.static {
			r.Params = append(r.Params, ParamSpec{Name: s.text, Type: s.typ})
		}
	}
	for _, o := range opts {
		o(r)
	}
	r.handler = chain(append(slices.Clone(mw), r.middleware...), h)
	level := 0
	if r.Fallback {
		level = 1
	}
	for _, m := range methods {
		if m == "" || strings.ToUpper(m) != m {
			panic(fmt.Sprintf("router: method %q must be upper case", m))
		}
		t := rt.trees[m]
		if t == nil {
			t = new([2]node)
			rt.trees[m] = t
		}
		if old := t[level].insert(segs, r); old != nil {
			panic(fmt.Sprintf("router: %s %s conflicts with %s %s: same method and same path shape at the same priority", m, pattern, m, old.Pattern))
		}
	}
	rt.routes = append(rt.routes, r)
	return r
}

// ServeHTTP matches the request and runs the middleware and the handler.
func (rt *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	rt.ServeContext(w, req, req.Context())
}

// ServeContext serves req as ServeHTTP does, with ctx (derived from
// req.Context()) as the context its middleware and handler see. A wrapper
// that adds values to every request's context, as tina4.App does, passes
// them here instead of calling req.WithContext itself: the router copies
// the request once to attach its match, so the request is copied once per
// request, not twice.
func (rt *Router) ServeContext(w http.ResponseWriter, req *http.Request, ctx context.Context) {
	if rt.Debug || rt.Logger != nil {
		ctx = response.WithSettings(ctx, response.Settings{Debug: rt.Debug, Logger: rt.Logger})
	}
	m := &match{Context: ctx}
	m.params = m.buf[:0]
	defer rt.recover(w, req, m)

	path := req.URL.Path
	if rt.RedirectFixedPath && strings.HasPrefix(path, "/") && !plainPath(path) && httprouter.CleanPath(path) != path {
		m.redirect = httprouter.CleanPath(path)
	} else if m.route = rt.lookup(req.Method, path, &m.params); m.route == nil && req.Method == http.MethodHead {
		if m.route = rt.lookup(http.MethodGet, path, &m.params); m.route != nil {
			w = headWriter{w}
		}
	}
	if m.route != nil {
		for i := range m.params {
			m.params[i].Name = m.route.Params[i].Name
		}
	}
	rt.handler.ServeHTTP(w, req.WithContext(m))
}

// plainPath reports whether path, which starts with a slash, has no empty,
// "." or ".." segment: no slash followed by a slash or a dot. Such a path
// is clean already (httprouter.CleanPath returns it unchanged), so most
// requests skip CleanPath.
func plainPath(path string) bool {
	for i := 0; i < len(path)-1; i++ {
		if path[i] == '/' && (path[i+1] == '/' || path[i+1] == '.') {
			return false
		}
	}
	return true
}

// lookup finds the route for method and path, trying normal routes before
// fallback routes. A trailing slash is ignored.
func (rt *Router) lookup(method, path string, ps *[]PathParam) *Route {
	t := rt.trees[method]
	if t == nil || path == "" || path[0] != '/' {
		return nil
	}
	path = strings.TrimSuffix(path[1:], "/")
	for i := range t {
		if r := t[i].match(path, ps); r != nil {
			return r
		}
	}
	return nil
}

// allowed lists the methods with a route matching path, for an Allow header.
func (rt *Router) allowed(path string) []string {
	var allow []string
	var buf [8]PathParam
	for method := range rt.trees {
		ps := buf[:0]
		if rt.lookup(method, path, &ps) != nil {
			allow = append(allow, method)
		}
	}
	if len(allow) == 0 {
		return nil
	}
	if slices.Contains(allow, http.MethodGet) && !slices.Contains(allow, http.MethodHead) {
		allow = append(allow, http.MethodHead)
	}
	if rt.HandleOPTIONS && !slices.Contains(allow, http.MethodOptions) {
		allow = append(allow, http.MethodOptions)
	}
	slices.Sort(allow)
	return allow
}

// dispatch runs after the global middleware: it calls the matched route or
// answers a redirect, OPTIONS, 405 or 404.
func (rt *Router) dispatch(w http.ResponseWriter, req *http.Request) {
	m := matchOf(req)
	switch {
	case m.route != nil:
		if rt.authorize(w, req, m) {
			m.route.handler.ServeHTTP(w, req)
		}
		return
	case m.redirect != "":
		u := *req.URL
		u.Path, u.RawPath = m.redirect, ""
		code := http.StatusPermanentRedirect
		if req.Method == http.MethodGet || req.Method == http.MethodHead {
			code = http.StatusMovedPermanently
		}
		http.Redirect(w, req, u.String(), code)
		return
	}
	if rt.HandleOPTIONS || rt.HandleMethodNotAllowed {
		if allow := rt.allowed(req.URL.Path); allow != nil {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			switch {
			case req.Method == http.MethodOptions && rt.HandleOPTIONS:
				w.WriteHeader(http.StatusNoContent)
				return
			case rt.HandleMethodNotAllowed && req.Method != http.MethodOptions:
				if rt.MethodNotAllowed != nil {
					rt.MethodNotAllowed.ServeHTTP(w, req)
					return
				}
				_ = response.New(w, req).JSON(map[string]string{"error": "Method Not Allowed"}, http.StatusMethodNotAllowed)
				return
			}
			w.Header().Del("Allow")
		}
	}
	if rt.NotFound != nil {
		rt.NotFound.ServeHTTP(w, req)
		return
	}
	response.WriteError(w, req, errNotFound)
}

var errNotFound = errkind.New(errkind.NotFound, "Not found")

// headWriter discards the body of a GET handler answering a HEAD request.
type headWriter struct{ http.ResponseWriter }

func (h headWriter) Write(p []byte) (int, error) { return len(p), nil }

// Unwrap lets http.ResponseController reach the underlying writer.
func (h headWriter) Unwrap() http.ResponseWriter { return h.ResponseWriter }

// Group returns a group for prefix and, if fn is not nil, calls fn with it.
func (rt *Router) Group(prefix string, fn func(g *RouteGroup)) *RouteGroup {
	return rt.root.Group(prefix, fn)
}

// Get registers h for GET (and so HEAD) requests to path.
func (rt *Router) Get(path string, h HandlerFunc, opts ...RouteOption) *Route {
	return rt.root.Get(path, h, opts...)
}

// Post registers h for POST requests to path.
func (rt *Router) Post(path string, h HandlerFunc, opts ...RouteOption) *Route {
	return rt.root.Post(path, h, opts...)
}

// Put registers h for PUT requests to path.
func (rt *Router) Put(path string, h HandlerFunc, opts ...RouteOption) *Route {
	return rt.root.Put(path, h, opts...)
}

// Patch registers h for PATCH requests to path.
func (rt *Router) Patch(path string, h HandlerFunc, opts ...RouteOption) *Route {
	return rt.root.Patch(path, h, opts...)
}

// Delete registers h for DELETE requests to path.
func (rt *Router) Delete(path string, h HandlerFunc, opts ...RouteOption) *Route {
	return rt.root.Delete(path, h, opts...)
}

// Any registers h for GET, POST, PUT, PATCH and DELETE requests to path.
func (rt *Router) Any(path string, h HandlerFunc, opts ...RouteOption) *Route {
	return rt.root.Any(path, h, opts...)
}

// Handle registers a plain http.Handler for method and path.
func (rt *Router) Handle(method, path string, h http.Handler, opts ...RouteOption) *Route {
	return rt.root.Handle(method, path, h, opts...)
}
