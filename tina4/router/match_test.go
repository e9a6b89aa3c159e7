package router_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// serve sends one request to h and returns the recorded answer.
func TestMatching(t *testing.T) {
	routes := []reg{
		{"GET", "/api/posts/published", "published"},
		{"GET", "/api/posts/{id:int}", "post"},
		{"GET", "/api/posts/{id:int}/comments", "comments"},
		{"GET", "/api/posts/{slug}", "slug"},
		{"GET", "/users/me", "me"},
		{"GET", "/users/{id:int}", "user"},
		{"GET", "/users/{uid:int}/posts", "user-posts"},
		{"GET", "/users/{name}/profile", "profile"},
		{"GET", "/geo/{lat:float}/{lng:float}", "geo"},
		{"GET", "/files/{rest:path}", "files"},
		{"GET", "/static/*", "static"},
		{"GET", "/x/{n:int}", "x"},
		{"GET", "/", "root"},
	}
	tests := []struct {
		path string
		want string // "" means 404
	}{
		{"/api/posts/published", "published"},
		{"/api/posts/42", "post id=42"},
		{"/api/posts/42/comments", "comments id=42"},
		{"/api/posts/hello-world", "slug slug=hello-world"},
		{"/api/posts/9223372036854775808", "slug slug=9223372036854775808"}, // too big for int: the string route
		{"/users/me", "me"},
		{"/users/7", "user id=7"},
		{"/users/7/posts", "user-posts uid=7"},
		{"/users/bob/profile", "profile name=bob"},
		{"/users/bob", ""},
		{"/users/7/profile", "profile name=7"}, // backtracks from {uid:int} to {name}
		{"/x/-5", "x n=-5"},
		{"/x/9223372036854775807", "x n=9223372036854775807"},
		{"/x/9223372036854775808", ""},
		{"/x/-9223372036854775809", ""},
		{"/x/1.5", ""},
		{"/x/abc", ""},
		{"/geo/51.5/-0.12", "geo lat=51.5 lng=-0.12"},
		{"/geo/1e3/2", "geo lat=1000 lng=2"},
		{"/geo/inf/2", ""},
		{"/geo/NaN/2", ""},
		{"/geo/1e999/2", ""},
		{"/files/a/b/c.txt", "files rest=a/b/c.txt"},
		{"/files/a", "files rest=a"},
		{"/files", ""},
		{"/static/css/site.css", "static *=css/site.css"},
		{"/", "root"},
		{"/nope", ""},
	}
	orders := map[string][]reg{"as listed": routes, "reversed": reverse(routes)}
	for order, regs := range orders {
		rt := build(regs)
		for _, tt := range tests {
			t.Run(order+tt.path, func(t *testing.T) {
				rec := serve(t, rt, "GET", tt.path, "")
				if tt.want == "" {
					require.Equal(t, 404, rec.Code, "got %d %q, want 404 JSON", rec.Code, rec.Body.String())
					require.Equal(t, `{"error":"Not found"}`, strings.TrimSpace(rec.Body.String()), "got %d %q, want 404 JSON", rec.Code, rec.Body.String())
					return
				}
				require.Equal(t, 200, rec.Code)
				require.Equal(t, tt.want, rec.Body.String())
			})
		}
	}
}

func TestTypedParamsInHandler(t *testing.T) {
	rt := router.New()
	rt.Get("/n/{id:int}/{f:float}/{s}", func(req *router.Request, res *response.Response) error {
		return res.JSON(map[string]any{"id": req.Int("id"), "f": req.Float("f"), "s": req.Param("s"),
			"sAsInt": req.Int("s"), "missing": req.Param("missing")}, 0)
	})
	rec := serve(t, rt, "GET", "/n/-3/0.25/17", "")
	got := strings.TrimSpace(rec.Body.String())
	require.Equal(t, `{"f":0.25,"id":-3,"missing":"","s":"17","sAsInt":17}`, got)
}
