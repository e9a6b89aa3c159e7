package router_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/julienschmidt/httprouter"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// nopWriter is a ResponseWriter that keeps nothing, so the benchmarks measure
// the routers and not the recorder.
type nopWriter struct{ h http.Header }

func (w *nopWriter) Header() http.Header         { return w.h }
func (w *nopWriter) Write(p []byte) (int, error) { return len(p), nil }
func (w *nopWriter) WriteHeader(int)             {}

func benchServe(b *testing.B, h http.Handler, target string) {
	b.Helper()
	w := &nopWriter{h: http.Header{}}
	req := httptest.NewRequest("GET", target, nil)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		h.ServeHTTP(w, req)
	}
}

// benchRoutes gives both routers the same neighbours, so the lookup does real work.
var benchRoutes = []string{"/", "/users", "/users/new", "/posts", "/posts/{id}/comments", "/about"}

func BenchmarkRouterParam(b *testing.B) {
	rt := router.New()
	for _, p := range benchRoutes {
		rt.Get(p, func(*router.Request, *response.Response) error { return nil })
	}
	rt.Get("/users/{name}", func(req *router.Request, res *response.Response) error {
		_ = req.Param("name")
		return nil
	})
	benchServe(b, rt, "/users/gordon")
}

func BenchmarkRouterParamInt(b *testing.B) {
	rt := router.New()
	for _, p := range benchRoutes {
		rt.Get(p, func(*router.Request, *response.Response) error { return nil })
	}
	rt.Get("/users/{id:int}", func(req *router.Request, res *response.Response) error {
		_ = req.Int("id")
		return nil
	})
	benchServe(b, rt, "/users/12345")
}

func BenchmarkRouterPlainHandlerParam(b *testing.B) {
	rt := router.New()
	rt.Handle("GET", "/users/{name}", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = router.Param(r, "name")
	}))
	benchServe(b, rt, "/users/gordon")
}

func BenchmarkRouterStatic(b *testing.B) {
	rt := router.New()
	for _, p := range benchRoutes {
		rt.Get(p, func(*router.Request, *response.Response) error { return nil })
	}
	benchServe(b, rt, "/users/new")
}

func BenchmarkHTTPRouterParam(b *testing.B) {
	hr := httprouter.New()
	for _, p := range []string{"/", "/users", "/users/new", "/posts", "/posts/:id/comments", "/about"} {
		if p == "/users/new" {
			continue // httprouter cannot hold /users/new beside /users/:name
		}
		hr.GET(p, func(http.ResponseWriter, *http.Request, httprouter.Params) {})
	}
	hr.GET("/users/:name", func(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
		_ = ps.ByName("name")
	})
	benchServe(b, hr, "/users/gordon")
}

func BenchmarkHTTPRouterStatic(b *testing.B) {
	hr := httprouter.New()
	for _, p := range []string{"/", "/users", "/users/new", "/posts", "/about"} {
		hr.GET(p, func(http.ResponseWriter, *http.Request, httprouter.Params) {})
	}
	benchServe(b, hr, "/users/new")
}
