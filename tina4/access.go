package tina4

import (
	"strings"
	"time"

	"github.com/tina4stack/tina4-go/tina4/auth"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// minSecretBytes is the shortest SECRET that does not draw a warning: HS256
// keys shorter than its 32-byte hash are easier to brute-force.
const minSecretBytes = 32

// setupAuth makes the router check bearer tokens against the App's SECRET
// and TINA4_API_KEY, with Tina4's rule (router.NeedsAuth). It always sets
// Router.Auth, so an app is closed by default: with neither setting, every
// route that needs a token answers 401, which it logs once, here, naming
// those routes. To authenticate another way, set App.Router().Auth after
// New.
func (a *App) setupAuth() {
	au := auth.New(a.cfg.Secret, a.cfg.APIKey)
	a.router.Auth = au.Authenticate
	switch guarded := guardedRoutes(a.router); {
	case !au.Enabled() && len(guarded) > 0:
		a.log.Warn("tina4: neither SECRET nor TINA4_API_KEY is set, so every request to a route that needs a token answers 401",
			"routes", strings.Join(guarded, ", "))
	case a.cfg.Secret != "" && len(a.cfg.Secret) < minSecretBytes:
		a.log.Warn("tina4: SECRET is shorter than 32 bytes; JWTs signed with it are easier to forge")
	}
}

// guardedRoutes lists the routes (as "METHOD pattern") that need a token for
// at least one of their methods.
func guardedRoutes(r *router.Router) []string {
	var out []string
	for _, rt := range r.Routes() {
		for _, m := range rt.Methods {
			if router.NeedsAuth(rt, m) {
				out = append(out, m+" "+rt.Pattern)
			}
		}
	}
	return out
}

// IssueToken returns a JWT with claims, signed with the App's SECRET, that
// expires after ttl: what a login route hands a client that proved who it
// is. Without a SECRET it is an error. See auth.IssueToken.
func (a *App) IssueToken(claims auth.Claims, ttl time.Duration) (string, error) {
	return auth.IssueToken(a.cfg.Secret, claims, ttl)
}
