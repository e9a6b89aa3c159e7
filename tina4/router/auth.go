package router

import (
	"net/http"

	"github.com/tina4stack/tina4-go/tina4/response"
)

// AuthFunc checks the credentials of a request and returns the claims they
// carry (the JWT's claims, for example); an error means they are missing or
// invalid. auth.Authenticator's Authenticate method is one.
type AuthFunc func(r *http.Request) (claims map[string]any, err error)

// NeedsAuth reports whether a request with method to route needs valid
// credentials under Tina4's rule: a Secured route always does; otherwise a
// Public route never does; otherwise GET, HEAD and OPTIONS are open and every
// other method (POST, PUT, PATCH, DELETE, ...) needs them. Secured wins over
// Public when a route has both.
func NeedsAuth(route *Route, method string) bool {
	switch {
	case route == nil:
		return false
	case route.Secured:
		return true
	case route.Public:
		return false
	}
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return true
}

// authorize applies the router's Auth to a matched request before its route
// and route middleware run. A request that needs credentials (NeedsAuth) and
// lacks valid ones is answered 401 {"error": "Unauthorized"} with a
// WWW-Authenticate header, and authorize returns false. Other requests go
// on; their claims, when they carry valid credentials, are kept for
// Request.Claims, even on routes that do not need them.
func (rt *Router) authorize(w http.ResponseWriter, req *http.Request, m *match) bool {
	if rt.Auth == nil {
		return true
	}
	need := NeedsAuth(m.route, req.Method)
	if !need && req.Header.Get("Authorization") == "" {
		return true
	}
	claims, err := rt.Auth(req)
	if err == nil {
		m.claims, m.authed = claims, true
		return true
	}
	if !need {
		return true // bad credentials on an open route: served as anonymous
	}
	response.LoggerFrom(req.Context()).DebugContext(req.Context(), "router: unauthorized", "method", req.Method, "path", req.URL.Path, "error", err)
	w.Header().Set("WWW-Authenticate", `Bearer realm="api"`)
	_ = response.New(w, req).JSON(unauthorizedBody, http.StatusUnauthorized)
	return false
}

// unauthorizedBody is the body of every 401 the router writes.
var unauthorizedBody = map[string]string{"error": "Unauthorized"}

// Claims returns the claims of the credentials the request r carried, when
// they were valid; nil otherwise or outside a Router. Use it in middleware
// and plain http.Handlers; a HandlerFunc has Request.Claims.
func Claims(r *http.Request) map[string]any {
	if m := matchOf(r); m != nil {
		return m.claims
	}
	return nil
}

// Claims returns the claims of the request's valid credentials (see the
// package function Claims), or nil for an anonymous request.
func (r *Request) Claims() map[string]any { return Claims(r.Raw) }

// Authenticated reports whether the router's Auth accepted the request's
// credentials (an AuthFunc may accept some without claims); false for an
// anonymous request, for bad credentials on an open route, and outside a
// Router.
func (r *Request) Authenticated() bool {
	m := matchOf(r.Raw)
	return m != nil && m.authed
}
