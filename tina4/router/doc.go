// Package router maps Tina4 path patterns to handlers.
//
// A Router is an http.Handler. Routes are registered with Get, Post, Put,
// Patch, Delete, Any (Tina4 handlers) or Handle (any http.Handler), on a
// Router, on a RouteGroup, or on the default router through the package-level
// functions, which an app calls from init():
//
//	func init() {
//		router.Get("/api/posts/{id:int}", func(req *router.Request, res *response.Response) error {
//			post, err := findPost(req.Context(), req.Int("id"))
//			if err != nil {
//				return err // mapped to a JSON error with the right status
//			}
//			return res.JSON(post, 200)
//		})
//	}
//
// # Patterns
//
// A pattern is a list of /-separated segments, each one of:
//
//	users          a literal
//	{name}         any non-empty segment, as a string
//	{id:int}       a segment that parses as an int64 ("-5" yes, "9223372036854775808" no)
//	{x:float}      a segment that parses as a finite float64
//	{rest:path}    the rest of the path, one or more segments (last only)
//	*              the same, unnamed: its value is the parameter "*" (last only)
//
// Typed values are converted once, when the route is matched. A segment that
// does not fit the type does not match the route, so another route may match
// or the answer is 404; a handler never sees a bad value.
//
// # Precedence
//
// Any number of routes may share a position with different kinds of segment,
// in any registration order: /api/posts/published, /api/posts/{id:int} and
// /api/posts/{slug} all live side by side, as do /users/{id:int} and
// /users/{uid:int}/posts. For each method, a request is matched segment by
// segment, left to right, trying at each position:
//
//  1. the literal segment,
//  2. then {x:int}, then {x:float}, then {x},
//  3. then a catch-all ({x:path} or *).
//
// The search backtracks: when a literal (or a typed parameter) leads to no
// route further on, the next kind is tried. So the first literal that can lead
// to a full match wins, typed parameters beat plain strings, and catch-alls
// come last. Registration order never matters.
//
// Routes registered with the Fallback option (as AutoCrud does) form a second
// level: they are tried only when no normal route of the method matches the
// path at all. A custom route therefore wins over a generated one for the same
// method and pattern, whichever was registered first. Two routes with the same
// method, the same path shape (parameter names do not count) and the same
// level are a registration mistake: the second one panics with a "router: "
// message, as do malformed patterns.
//
// # Methods, HEAD, OPTIONS, trailing slashes
//
// GET routes answer HEAD (with the body discarded) unless a HEAD route exists.
// A path that matches routes of other methods only answers 405 with an Allow
// header; OPTIONS is answered 204 with Allow unless a route handles OPTIONS.
// Unknown paths answer 404 {"error":"Not found"}.
//
// A trailing slash is tolerated by matching directly, for every method: a
// request for /api/notes/ is served by the /api/notes route without a
// redirect. Paths that are not clean (/api//notes, /api/x/../notes) are
// redirected to the clean path (301 for GET and HEAD, 308 otherwise) so that
// middleware never has to reason about unclean paths; see
// Router.RedirectFixedPath.
//
// # Middleware
//
// Middleware is func(http.Handler) http.Handler. It runs global (Router.Use),
// then per group (RouteGroup.Use, outermost group first), then per route
// (the With option), then the handler. The route is matched before any
// middleware runs, so Params and CurrentRoute work in all of them; global
// middleware also runs for 404, 405 and automatic OPTIONS answers, with
// CurrentRoute nil.
//
// A panicking handler or middleware answers 500 {"error":"Internal Server
// Error"}, the panic and its stack are logged with log/slog, and the server
// keeps serving.
//
// # Access control
//
// With Router.Auth set (tina4.New sets it from SECRET and TINA4_API_KEY),
// the router applies Tina4's rule after the global middleware and before the
// group and route middleware: POST, PUT, PATCH, DELETE (and any other
// non-read method) need valid credentials unless the route is marked
// Public(); GET, HEAD and OPTIONS are open unless it is marked Secured().
// A refused request is answered 401 {"error": "Unauthorized"}. The claims of
// valid credentials reach the handler as Request.Claims (Claims in plain
// handlers), on open routes too; invalid credentials on an open route are
// ignored. A Router without Auth (the default of New) guards nothing.
//
// # Why not httprouter's tree
//
// httprouter (whose design this package follows: config as exported fields,
// registration mistakes panic, panics recovered) refuses a literal and a
// parameter at the same position and two parameter names at one position,
// which Tina4 apps need. So patterns compile into a small segment tree of
// their own (tree.go); httprouter's CleanPath still cleans request paths.
package router
