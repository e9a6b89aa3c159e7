package router

import "net/http"

// std is the default router, filled by the package-level functions from the
// init functions of an app's route files and served by tina4.Run.
var std = New()

// Default returns the default router.
func Default() *Router { return std }

// Get registers h for GET (and HEAD) requests to path on the default router.
func Get(path string, h HandlerFunc, opts ...RouteOption) *Route { return std.Get(path, h, opts...) }

// Post registers h for POST requests to path on the default router.
func Post(path string, h HandlerFunc, opts ...RouteOption) *Route { return std.Post(path, h, opts...) }

// Put registers h for PUT requests to path on the default router.
func Put(path string, h HandlerFunc, opts ...RouteOption) *Route { return std.Put(path, h, opts...) }

// Patch registers h for PATCH requests to path on the default router.
func Patch(path string, h HandlerFunc, opts ...RouteOption) *Route {
	return std.Patch(path, h, opts...)
}

// Delete registers h for DELETE requests to path on the default router.
func Delete(path string, h HandlerFunc, opts ...RouteOption) *Route {
	return std.Delete(path, h, opts...)
}

// Any registers h for GET, POST, PUT, PATCH and DELETE requests to path on
// the default router.
func Any(path string, h HandlerFunc, opts ...RouteOption) *Route { return std.Any(path, h, opts...) }

// Handle registers a plain http.Handler for method and path on the default
// router.
func Handle(method, path string, h http.Handler, opts ...RouteOption) *Route {
	return std.Handle(method, path, h, opts...)
}

// Use adds global middleware to the default router.
func Use(mw ...func(http.Handler) http.Handler) { std.Use(mw...) }

// Group returns a group of the default router for prefix and, if fn is not
// nil, calls fn with it.
func Group(prefix string, fn func(g *RouteGroup)) *RouteGroup { return std.Group(prefix, fn) }

// Routes lists the default router's routes in registration order.
func Routes() []*Route { return std.Routes() }
