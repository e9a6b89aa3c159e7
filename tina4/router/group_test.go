package router_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// tag returns middleware that appends its name to the X-Trace header and, if
// the route has parameters, their count, proving they are visible.
func tag(name string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			trace := name
			if id := router.Param(r, "id"); id != "" {
				trace += "(" + id + ")"
			}
			w.Header().Add("X-Trace", trace)
			next.ServeHTTP(w, r)
		})
	}
}

func TestGroupsAndMiddlewareOrder(t *testing.T) {
	rt := router.New()
	rt.Use(tag("global"))
	rt.Group("/api", func(api *router.RouteGroup) {
		api.Use(tag("api"))
		api.Get("/", echo("api-root"))
		api.Group("/v1/", func(v1 *router.RouteGroup) {
			v1.Use(tag("v1"))
			v1.Get("/notes/{id:int}", echo("note"), router.With(tag("route1"), tag("route2")))
		})
		api.Group("/users/{uid:int}", func(u *router.RouteGroup) {
			u.Get("/posts/{id:int}", echo("user-post"))
		})
	})
	rt.Get("/outside", echo("outside"))
	rt.Use(tag("late-global")) // global middleware may come after routes

	tests := []struct {
		path, wantBody, wantTrace string
	}{
		{"/api/v1/notes/9", "note id=9", "global(9),late-global(9),api(9),v1(9),route1(9),route2(9)"},
		{"/api", "api-root", "global,late-global,api"},
		{"/api/users/3/posts/4", "user-post uid=3 id=4", "global(4),late-global(4),api(4)"},
		{"/outside", "outside", "global,late-global"},
		{"/api/nothing", `{"error":"Not found"}` + "\n", "global,late-global"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			rec := serve(t, rt, "GET", tt.path, "")
			assert.Equal(t, tt.wantBody, rec.Body.String(), "body")
			got := strings.Join(rec.Header().Values("X-Trace"), ",")
			assert.Equal(t, tt.wantTrace, got, "trace")
		})
	}
	var patterns []string
	for _, r := range rt.Routes() {
		patterns = append(patterns, r.Pattern)
	}
	got := strings.Join(patterns, " ")
	assert.Equal(t, "/api /api/v1/notes/{id:int} /api/users/{uid:int}/posts/{id:int} /outside", got, "patterns")
}

func TestMiddlewareCanStopTheChain(t *testing.T) {
	rt := router.New()
	deny := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if route := router.CurrentRoute(r); route != nil && route.Secured && r.Header.Get("Authorization") == "" {
				_ = response.New(w, r).JSON(map[string]string{"error": "Unauthorized"}, http.StatusUnauthorized)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
	rt.Use(deny)
	rt.Get("/secret", echo("secret"), router.Secured())
	rt.Get("/open", echo("open"), router.Public())
	rec := serve(t, rt, "GET", "/secret", "")
	assert.Equal(t, 401, rec.Code, "secret")
	rec = serve(t, rt, "GET", "/open", "")
	assert.Equal(t, 200, rec.Code, "open")
}

func TestDefaultRouter(t *testing.T) {
	router.Get("/default-test/{id:int}", echo("default"))
	router.Group("/default-group", func(g *router.RouteGroup) { g.Post("/x", echo("dx")) })
	rec := serve(t, router.Default(), "GET", "/default-test/5", "")
	assert.Equal(t, "default id=5", rec.Body.String())
	rec = serve(t, router.Default(), "POST", "/default-group/x", "")
	assert.Equal(t, "dx", rec.Body.String())
	assert.GreaterOrEqual(t, len(router.Routes()), 2, "Routes()")
}
