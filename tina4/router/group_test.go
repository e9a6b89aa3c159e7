package router_test

import (
	"net/http"
	"strings"
	"testing"

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
			if rec.Body.String() != tt.wantBody {
				t.Errorf("body %q, want %q", rec.Body.String(), tt.wantBody)
			}
			if got := strings.Join(rec.Header().Values("X-Trace"), ","); got != tt.wantTrace {
				t.Errorf("trace %q, want %q", got, tt.wantTrace)
			}
		})
	}
	var patterns []string
	for _, r := range rt.Routes() {
		patterns = append(patterns, r.Pattern)
	}
	if got := strings.Join(patterns, " "); got != "/api /api/v1/notes/{id:int} /api/users/{uid:int}/posts/{id:int} /outside" {
		t.Errorf("patterns: %s", got)
	}
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
	if rec := serve(t, rt, "GET", "/secret", ""); rec.Code != 401 {
		t.Errorf("secret: %d", rec.Code)
	}
	if rec := serve(t, rt, "GET", "/open", ""); rec.Code != 200 {
		t.Errorf("open: %d", rec.Code)
	}
}

func TestDefaultRouter(t *testing.T) {
	router.Get("/default-test/{id:int}", echo("default"))
	router.Group("/default-group", func(g *router.RouteGroup) { g.Post("/x", echo("dx")) })
	if rec := serve(t, router.Default(), "GET", "/default-test/5", ""); rec.Body.String() != "default id=5" {
		t.Errorf("got %q", rec.Body.String())
	}
	if rec := serve(t, router.Default(), "POST", "/default-group/x", ""); rec.Body.String() != "dx" {
		t.Errorf("got %q", rec.Body.String())
	}
	if len(router.Routes()) < 2 {
		t.Errorf("Routes() = %v", router.Routes())
	}
}
