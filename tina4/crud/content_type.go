package crud

import (
	"github.com/tina4stack/tina4-go/tina4/router"
)

// withJSONBody adds to a write route's options the router's JSON header
// check (router.RequireJSON), so that POST, PUT and PATCH answer 415 to a
// body that is not JSON before anything else; the handlers then read the
// body through router.Request.JSONBody, the one place bodies are read.
func withJSONBody(write router.RouteOption) router.RouteOption {
	check := router.With(router.RequireJSON)
	return func(r *router.Route) { write(r); check(r) }
}
