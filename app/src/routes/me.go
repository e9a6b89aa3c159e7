package routes

import (
	"net/http"

	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// The chapter's endpoints are public; this one shows the access control:
// Secured() makes even a GET need "Authorization: Bearer <token>", where the
// token is TINA4_API_KEY or a JWT signed with SECRET. Without one it answers
// 401 {"error": "Unauthorized"}.
func init() {
	router.Get("/api/me", me, router.Secured(), router.Describe("The claims of the caller's bearer token", "auth"))
}

// me answers {"claims": {...}}: {"sub": "api_key"} for the API key, the
// JWT's claims ("sub", "exp", "iat", ...) for a JWT.
func me(req *router.Request, res *response.Response) error {
	return res.JSON(map[string]any{"claims": req.Claims()}, http.StatusOK)
}
