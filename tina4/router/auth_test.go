package router_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// testAuth accepts "Bearer good" with the claims {"sub": "u"}.
func testAuth(r *http.Request) (map[string]any, error) {
	if r.Header.Get("Authorization") == "Bearer good" {
		return map[string]any{"sub": "u"}, nil
	}
	return nil, errors.New("bad token")
}

// whoami answers the subject of the request's claims, or "anonymous".
func whoami(req *router.Request, res *response.Response) error {
	sub, _ := req.Claims()["sub"].(string)
	if sub == "" {
		sub = "anonymous"
	}
	return res.Text(sub, http.StatusOK)
}

func authRouter(ran *int) *router.Router {
	rt := router.New()
	rt.Auth = testAuth
	count := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { *ran++; next.ServeHTTP(w, r) })
	}
	rt.Get("/open", whoami)
	rt.Get("/secret", whoami, router.Secured(), router.With(count))
	rt.Post("/write", whoami, router.With(count))
	rt.Put("/write", whoami)
	rt.Patch("/write", whoami)
	rt.Delete("/write", whoami)
	rt.Post("/public", whoami, router.Public())
	rt.Post("/both", whoami, router.Public(), router.Secured())
	rt.Any("/any", whoami)
	rt.Handle("OPTIONS", "/opts", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) }))
	rt.Handle("PROPFIND", "/dav", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sub, _ := router.Claims(r)["sub"].(string)
		_, _ = w.Write([]byte(sub))
	}))
	rt.Group("/admin", func(g *router.RouteGroup) {
		g.Options(router.Secured())
		g.Get("/stats", whoami)
	})
	return rt
}

func TestAuthRule(t *testing.T) {
	var ran int
	rt := authRouter(&ran)
	tests := []struct {
		method, path, token string
		want                int
		body                string
	}{
		{"GET", "/open", "", 200, "anonymous"},
		{"HEAD", "/open", "", 200, ""},
		{"GET", "/open", "good", 200, "u"},
		{"GET", "/open", "bad", 200, "anonymous"}, // a bad token on an open route is ignored
		{"GET", "/secret", "", 401, `{"error":"Unauthorized"}`},
		{"HEAD", "/secret", "", 401, ""},
		{"GET", "/secret", "bad", 401, `{"error":"Unauthorized"}`},
		{"GET", "/secret", "good", 200, "u"},
		{"POST", "/write", "", 401, `{"error":"Unauthorized"}`},
		{"POST", "/write", "bad", 401, `{"error":"Unauthorized"}`},
		{"POST", "/write", "good", 200, "u"},
		{"PUT", "/write", "", 401, `{"error":"Unauthorized"}`},
		{"PATCH", "/write", "", 401, `{"error":"Unauthorized"}`},
		{"DELETE", "/write", "", 401, `{"error":"Unauthorized"}`},
		{"DELETE", "/write", "good", 200, "u"},
		{"POST", "/public", "", 200, "anonymous"},
		{"POST", "/public", "good", 200, "u"},
		{"POST", "/both", "", 401, `{"error":"Unauthorized"}`}, // Secured wins
		{"GET", "/any", "", 200, "anonymous"},
		{"POST", "/any", "", 401, `{"error":"Unauthorized"}`},
		{"PATCH", "/any", "good", 200, "u"},
		{"OPTIONS", "/opts", "", 204, ""},
		{"OPTIONS", "/write", "", 204, ""}, // the automatic OPTIONS answer
		{"PROPFIND", "/dav", "", 401, `{"error":"Unauthorized"}`},
		{"PROPFIND", "/dav", "good", 200, "u"},
		{"GET", "/admin/stats", "", 401, `{"error":"Unauthorized"}`},
		{"GET", "/admin/stats", "good", 200, "u"},
		{"GET", "/nowhere", "", 404, `{"error":"Not found"}`},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path+" "+tt.token, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, nil)
			if tt.token != "" {
				req.Header.Set("Authorization", "Bearer "+tt.token)
			}
			w := httptest.NewRecorder()
			rt.ServeHTTP(w, req)
			require.Equal(t, tt.want, w.Code)
			require.Equal(t, tt.body, strings.TrimSuffix(w.Body.String(), "\n"))
			got := w.Header().Get("WWW-Authenticate")
			assert.Equal(t, got != "", w.Code == 401, "WWW-Authenticate %q with status %d", got, w.Code)
			if w.Code == 401 {
				assert.True(t, strings.HasPrefix(w.Header().Get("Content-Type"), "application/json"), "401 Content-Type")
			}
		})
	}
}

func TestAuthStopsBeforeRouteMiddleware(t *testing.T) {
	var ran int
	rt := authRouter(&ran)
	global := 0
	rt.Use(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { global++; next.ServeHTTP(w, r) })
	})
	serve(t, rt, "POST", "/write", "")
	serve(t, rt, "GET", "/secret", "")
	assert.Equal(t, 0, ran, "route middleware ran %d times for refused requests", ran)
	assert.Equal(t, 2, global, "global middleware ran %d times, want 2 (it runs before the check, for CORS and logging)", global)
}

func TestNoAuthGuardsNothing(t *testing.T) {
	rt := router.New()
	rt.Post("/write", whoami)
	rt.Get("/secret", whoami, router.Secured())
	for _, p := range [][2]string{{"POST", "/write"}, {"GET", "/secret"}} {
		w := serve(t, rt, p[0], p[1], "")
		assert.Equal(t, 200, w.Code, "%s %s: %d %s", p[0], p[1], w.Code, w.Body)
		assert.Equal(t, "anonymous", w.Body.String(), "%s %s: %d %s", p[0], p[1], w.Code, w.Body)
	}
}

func TestNeedsAuth(t *testing.T) {
	tests := []struct {
		route  *router.Route
		method string
		want   bool
	}{
		{nil, "POST", false},
		{&router.Route{}, "GET", false},
		{&router.Route{}, "HEAD", false},
		{&router.Route{}, "OPTIONS", false},
		{&router.Route{}, "POST", true},
		{&router.Route{}, "PUT", true},
		{&router.Route{}, "PATCH", true},
		{&router.Route{}, "DELETE", true},
		{&router.Route{}, "PROPFIND", true},
		{&router.Route{Public: true}, "DELETE", false},
		{&router.Route{Secured: true}, "GET", true},
		{&router.Route{Secured: true, Public: true}, "GET", true},
	}
	for _, tt := range tests {
		got := router.NeedsAuth(tt.route, tt.method)
		assert.Equal(t, tt.want, got, "NeedsAuth(%+v, %s) = %v", tt.route, tt.method, got)
	}
}
