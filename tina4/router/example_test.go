package router_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

func show(h http.Handler, method, target, body string) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, target, strings.NewReader(body)))
	if body := strings.TrimSpace(rec.Body.String()); body != "" {
		fmt.Println(rec.Code, body)
		return
	}
	fmt.Println(rec.Code)
}

func Example() {
	rt := router.New()
	rt.Get("/api/posts/published", func(req *router.Request, res *response.Response) error {
		return res.JSON([]string{"first post"}, 200)
	})
	rt.Get("/api/posts/{id:int}", func(req *router.Request, res *response.Response) error {
		if req.Int("id") != 1 {
			return errkind.New(errkind.NotFound, "Post not found")
		}
		return res.JSON(map[string]any{"id": req.Int("id"), "title": "first post"}, 200)
	})

	show(rt, "GET", "/api/posts/published", "")
	show(rt, "GET", "/api/posts/1", "")
	show(rt, "GET", "/api/posts/2", "")
	show(rt, "GET", "/api/posts/99999999999999999999", "") // does not fit an int64: no route
	show(rt, "DELETE", "/api/posts/1", "")
	// Output:
	// 200 ["first post"]
	// 200 {"id":1,"title":"first post"}
	// 404 {"error":"Post not found"}
	// 404 {"error":"Not found"}
	// 405 {"error":"Method Not Allowed"}
}

func ExampleRequest_Bind() {
	rt := router.New()
	rt.Post("/api/notes", func(req *router.Request, res *response.Response) error {
		var in struct {
			Title string `json:"title"`
		}
		if err := req.Bind(&in); err != nil {
			return err // 400 or 413, as JSON
		}
		return res.JSON(map[string]string{"created": in.Title}, http.StatusCreated)
	})

	show(rt, "POST", "/api/notes", `{"title":"Shopping"}`)
	show(rt, "POST", "/api/notes", `{"title":42}`)
	// Output:
	// 201 {"created":"Shopping"}
	// 400 {"error":"invalid JSON body: field \"title\" must be a string, got number"}
}

func ExampleRouter_Group() {
	logger := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fmt.Println("admin:", r.Method, r.URL.Path, router.Params(r)[0].Int)
			next.ServeHTTP(w, r)
		})
	}
	rt := router.New()
	rt.Group("/admin", func(g *router.RouteGroup) {
		g.Use(logger)
		g.Options(router.Secured())
		g.Delete("/users/{id:int}", func(req *router.Request, res *response.Response) error {
			return res.Status(http.StatusNoContent)
		}, router.Describe("Delete a user", "users"))
	})

	show(rt, "DELETE", "/admin/users/7", "")
	r := rt.Routes()[0]
	fmt.Println(r.Methods, r.Pattern, r.Secured, r.Summary)
	// Output:
	// admin: DELETE /admin/users/7 7
	// 204
	// [DELETE] /admin/users/{id:int} true Delete a user
}

func ExampleFallback() {
	rt := router.New()
	// A custom route registered after the generated one still wins.
	rt.Get("/api/notes/{id:int}", func(req *router.Request, res *response.Response) error {
		return res.Text("generated", 200)
	}, router.Fallback())
	rt.Get("/api/notes/{id:int}", func(req *router.Request, res *response.Response) error {
		return res.Text("custom", 200)
	})

	show(rt, "GET", "/api/notes/3", "")
	// Output:
	// 200 custom
}

func ExampleParams() {
	rt := router.New()
	rt.Handle("GET", "/files/{rest:path}", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, p := range router.Params(r) {
			fmt.Fprintf(w, "%s=%s", p.Name, p.Value)
		}
	}))

	show(rt, "GET", "/files/docs/readme.md", "")
	// Output:
	// 200 rest=docs/readme.md
}

func ExampleGet() {
	// In an app, routes register themselves on the default router from init().
	router.Get("/hello/{name}", func(req *router.Request, res *response.Response) error {
		return res.Text("Hello, "+req.Param("name"), 0)
	})

	show(router.Default(), "GET", "/hello/Ann", "")
	// Output:
	// 200 Hello, Ann
}
