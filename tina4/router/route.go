package router

import "net/http"

// Route is a registered route and its metadata. The router fills Methods,
// Pattern and Params; options (or the caller, before serving) set the rest.
// Middleware such as authentication reads the matched route with CurrentRoute.
type Route struct {
	Methods  []string    // the methods it answers, such as ["GET"]; Any lists several
	Pattern  string      // the full pattern, group prefixes included, as registered
	Params   []ParamSpec // the pattern's parameters, in order
	Public   bool        // marked Public(): open to anonymous callers
	Secured  bool        // marked Secured(): needs credentials
	Summary  string      // a one-line description, for documentation
	Tags     []string    // documentation tags
	Fallback bool        // registered with Fallback(): any normal route matching the request wins
	Docs     Docs        // request body, answers and query parameters, for documentation (see Accepts, Returns)

	handler    http.Handler                      // the middleware chain ending in the handler
	middleware []func(http.Handler) http.Handler // per-route middleware from With
}

// RouteOption configures a route when it is registered.
type RouteOption func(*Route)

// Public marks the route as open to anonymous callers.
func Public() RouteOption { return func(r *Route) { r.Public = true } }

// Secured marks the route as needing credentials.
func Secured() RouteOption { return func(r *Route) { r.Secured = true } }

// Describe sets the route's summary and tags, for generated documentation.
func Describe(summary string, tags ...string) RouteOption {
	return func(r *Route) {
		r.Summary = summary
		r.Tags = append(r.Tags, tags...)
	}
}

// With adds middleware that runs for this route only, after the global and
// group middleware, in the order given.
func With(mw ...func(http.Handler) http.Handler) RouteOption {
	return func(r *Route) { r.middleware = append(r.middleware, mw...) }
}

// Fallback registers the route at the lower priority used by generated routes
// (AutoCrud): it answers only when no normal route matches the request's
// method and path, whatever the order of registration. Two fallback routes
// with the same method and pattern still conflict.
func Fallback() RouteOption { return func(r *Route) { r.Fallback = true } }

// chain wraps h in mw so that mw[0] runs first.
func chain(mw []func(http.Handler) http.Handler, h http.Handler) http.Handler {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}
