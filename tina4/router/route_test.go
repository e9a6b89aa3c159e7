package router_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// serve sends one request to h and returns the recorded answer.
func TestRegistrationPanics(t *testing.T) {
	h := echo("x")
	tests := []struct {
		name    string
		setup   func(rt *router.Router)
		wantMsg string
	}{
		{"bad pattern", func(rt *router.Router) { rt.Get("/a/{id:uuid}", h) }, "unknown type"},
		{"no slash", func(rt *router.Router) { rt.Get("a", h) }, "must start with /"},
		{"duplicate", func(rt *router.Router) { rt.Get("/a/{id}", h); rt.Get("/a/{name}", h) }, "conflicts with"},
		{"duplicate fallback", func(rt *router.Router) {
			rt.Get("/a", h, router.Fallback())
			rt.Get("/a/", h, router.Fallback())
		}, "conflicts with"},
		{"duplicate any", func(rt *router.Router) { rt.Post("/a", h); rt.Any("/a", h) }, "POST /a conflicts"},
		{"nil handler", func(rt *router.Router) { rt.Get("/a", nil) }, "nil handler"},
		{"lower-case method", func(rt *router.Router) { rt.Handle("get", "/a", http.NotFoundHandler()) }, "upper case"},
		{"group use after route", func(rt *router.Router) {
			g := rt.Group("/g", nil)
			g.Get("/a", h)
			g.Use(func(next http.Handler) http.Handler { return next })
		}, "after routes"},
		{"parent use after nested route", func(rt *router.Router) {
			g := rt.Group("/g", nil)
			g.Group("/sub", func(s *router.RouteGroup) { s.Get("/a", h) })
			g.Use(func(next http.Handler) http.Handler { return next })
		}, "after routes"},
		{"bad group prefix", func(rt *router.Router) { rt.Group("api", nil) }, "must start with /"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				msg, _ := recover().(string)
				require.True(t, strings.HasPrefix(msg, "router: "), "panic %q, want a router: panic containing %q", msg, tt.wantMsg)
				require.Contains(t, msg, tt.wantMsg, "panic %q, want a router: panic containing %q", msg, tt.wantMsg)
			}()
			tt.setup(router.New())
		})
	}
	t.Run("same pattern, different methods and priorities is fine", func(t *testing.T) {
		rt := router.New()
		rt.Get("/a", h)
		rt.Post("/a", h)
		rt.Get("/a", h, router.Fallback())
		rt.Get("/a/{id:int}", h)
		rt.Get("/a/{id}", h)
		rt.Get("/a/{id:float}", h)
	})
}

func TestFallbackPriority(t *testing.T) {
	custom := reg{"GET", "/api/notes/{id:int}", "custom"}
	auto := reg{"GET", "/api/notes/{id:int}", "auto"}
	for _, customFirst := range []bool{true, false} {
		t.Run(fmt.Sprintf("customFirst=%v", customFirst), func(t *testing.T) {
			rt := router.New()
			addCustom := func() { rt.Get(custom.pattern, echo("custom")) }
			addAuto := func() {
				rt.Get(auto.pattern, echo("auto"), router.Fallback())
				rt.Get("/api/notes", echo("auto-list"), router.Fallback())
				rt.Delete(auto.pattern, echo("auto-delete"), router.Fallback())
			}
			if customFirst {
				addCustom()
				addAuto()
			} else {
				addAuto()
				addCustom()
			}
			// A custom string route beats a fallback int route too: any normal match wins.
			rt.Get("/api/notes/{slug}/raw", echo("raw"))
			tests := []struct{ method, path, want string }{
				{"GET", "/api/notes/5", "custom id=5"},
				{"GET", "/api/notes", "auto-list"},
				{"DELETE", "/api/notes/5", "auto-delete id=5"},
				{"GET", "/api/notes/5/raw", "raw slug=5"},
			}
			for _, tt := range tests {
				rec := serve(t, rt, tt.method, tt.path, "")
				assert.Equal(t, tt.want, rec.Body.String(), "%s %s = %d %q, want %q", tt.method, tt.path, rec.Code, rec.Body.String(), tt.want)
			}
		})
	}
	t.Run("normal string route beats fallback int route", func(t *testing.T) {
		rt := router.New()
		rt.Get("/n/{id:int}", echo("auto"), router.Fallback())
		rt.Get("/n/{name}", echo("custom"))
		got := serve(t, rt, "GET", "/n/3", "").Body.String()
		require.Equal(t, "custom name=3", got)
	})
}

func TestRoutesMetadata(t *testing.T) {
	rt := router.New()
	rt.Get("/a/{id:int}/{rest:path}", echo("a"), router.Public(), router.Describe("Get an A", "as", "letters"))
	rt.Group("/admin", func(g *router.RouteGroup) {
		g.Options(router.Secured())
		g.Any("/x", echo("x"), router.Describe("X"))
	})
	routes := rt.Routes()
	require.Len(t, routes, 2, "%d routes", len(routes))
	a, x := routes[0], routes[1]
	assert.Equal(t, "/a/{id:int}/{rest:path}", a.Pattern, "a")
	assert.True(t, a.Public, "a")
	assert.False(t, a.Secured, "a")
	assert.Equal(t, "Get an A", a.Summary, "a")
	assert.Equal(t, "as,letters", strings.Join(a.Tags, ","), "a")
	assert.Equal(t, "GET", strings.Join(a.Methods, ","), "a")
	assert.False(t, a.Fallback, "a")
	assert.Equal(t, "[{id int} {rest path}]", fmt.Sprint(a.Params), "a.Params")
	assert.Equal(t, "/admin/x", x.Pattern, "x")
	assert.True(t, x.Secured, "x")
	assert.False(t, x.Public, "x")
	assert.Equal(t, "GET,POST,PUT,PATCH,DELETE", strings.Join(x.Methods, ","), "x")
	var seen *router.Route
	rt.Use(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			seen = router.CurrentRoute(r)
			next.ServeHTTP(w, r)
		})
	})
	serve(t, rt, "PATCH", "/admin/x", "")
	assert.Same(t, x, seen, "CurrentRoute = %v, want the /admin/x route", seen)
	serve(t, rt, "GET", "/nowhere", "")
	assert.Nil(t, seen, "CurrentRoute on a 404")
}
