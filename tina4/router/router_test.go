package router_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// serve sends one request to h and returns the recorded answer.
func serve(tb testing.TB, h http.Handler, method, target, body string) *httptest.ResponseRecorder {
	tb.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, target, rd))
	return rec
}

// echo answers with the given name and the request's parameters, typed.
func echo(name string) router.HandlerFunc {
	return func(req *router.Request, res *response.Response) error {
		parts := []string{name}
		for _, p := range req.Params() {
			switch p.Type {
			case router.ParamInt:
				parts = append(parts, fmt.Sprintf("%s=%d", p.Name, req.Int(p.Name)))
			case router.ParamFloat:
				parts = append(parts, fmt.Sprintf("%s=%g", p.Name, req.Float(p.Name)))
			default:
				parts = append(parts, fmt.Sprintf("%s=%s", p.Name, p.Value))
			}
		}
		return res.Text(strings.Join(parts, " "), 200)
	}
}

// quietLogs discards slog output for the test and returns what was logged.
func quietLogs(tb testing.TB) *bytes.Buffer {
	tb.Helper()
	var buf bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, nil)))
	tb.Cleanup(func() { slog.SetDefault(old) })
	return &buf
}

type reg struct{ method, pattern, name string }

func build(regs []reg) *router.Router {
	rt := router.New()
	for _, r := range regs {
		rt.Handle(r.method, r.pattern, plainEcho(r.name))
	}
	return rt
}

// plainEcho is echo as a plain http.Handler, reading the parameters with
// router.Params.
func plainEcho(name string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ps := router.Params(r)
		parts := []string{name}
		for _, p := range ps {
			switch p.Type {
			case router.ParamInt:
				parts = append(parts, fmt.Sprintf("%s=%d", p.Name, p.Int))
			case router.ParamFloat:
				parts = append(parts, fmt.Sprintf("%s=%g", p.Name, p.Float))
			default:
				parts = append(parts, fmt.Sprintf("%s=%s", p.Name, p.Value))
			}
		}
		_, _ = io.WriteString(w, strings.Join(parts, " "))
	})
}

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
					if rec.Code != 404 || strings.TrimSpace(rec.Body.String()) != `{"error":"Not found"}` {
						t.Fatalf("got %d %q, want 404 JSON", rec.Code, rec.Body.String())
					}
					return
				}
				if rec.Code != 200 || rec.Body.String() != tt.want {
					t.Fatalf("got %d %q, want %q", rec.Code, rec.Body.String(), tt.want)
				}
			})
		}
	}
}

func reverse(in []reg) []reg {
	out := make([]reg, len(in))
	for i, r := range in {
		out[len(in)-1-i] = r
	}
	return out
}

func TestTypedParamsInHandler(t *testing.T) {
	rt := router.New()
	rt.Get("/n/{id:int}/{f:float}/{s}", func(req *router.Request, res *response.Response) error {
		return res.JSON(map[string]any{"id": req.Int("id"), "f": req.Float("f"), "s": req.Param("s"),
			"sAsInt": req.Int("s"), "missing": req.Param("missing")}, 0)
	})
	rec := serve(t, rt, "GET", "/n/-3/0.25/17", "")
	if got := strings.TrimSpace(rec.Body.String()); got != `{"f":0.25,"id":-3,"missing":"","s":"17","sAsInt":17}` {
		t.Fatal(got)
	}
}

func TestMethods(t *testing.T) {
	rt := router.New()
	rt.Get("/notes", echo("list"))
	rt.Post("/notes", echo("create"))
	rt.Put("/notes/{id:int}", echo("put"))
	rt.Patch("/notes/{id:int}", echo("patch"))
	rt.Delete("/notes/{id:int}", echo("delete"))
	rt.Any("/any", echo("any"))
	rt.Get("/custom-options", echo("get"))
	rt.Handle("OPTIONS", "/custom-options", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Custom", "1")
		w.WriteHeader(200)
	}))
	tests := []struct {
		name, method, path string
		wantStatus         int
		wantBody           string
		wantAllow          string
	}{
		{"get", "GET", "/notes", 200, "list", ""},
		{"post", "POST", "/notes", 200, "create", ""},
		{"put", "PUT", "/notes/3", 200, "put id=3", ""},
		{"patch", "PATCH", "/notes/3", 200, "patch id=3", ""},
		{"delete", "DELETE", "/notes/3", 200, "delete id=3", ""},
		{"405 with allow", "DELETE", "/notes", 405, `{"error":"Method Not Allowed"}` + "\n", "GET, HEAD, OPTIONS, POST"},
		{"405 param path", "GET", "/notes/3", 405, `{"error":"Method Not Allowed"}` + "\n", "DELETE, OPTIONS, PATCH, PUT"},
		{"405 needs a type match", "GET", "/notes/abc", 404, `{"error":"Not found"}` + "\n", ""},
		{"head from get", "HEAD", "/notes", 200, "", ""},
		{"options automatic", "OPTIONS", "/notes", 204, "", "GET, HEAD, OPTIONS, POST"},
		{"options unknown path", "OPTIONS", "/nowhere", 404, `{"error":"Not found"}` + "\n", ""},
		{"options custom route", "OPTIONS", "/custom-options", 200, "", ""},
		{"any get", "GET", "/any", 200, "any", ""},
		{"any delete", "DELETE", "/any", 200, "any", ""},
		{"any has no options route", "OPTIONS", "/any", 204, "", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := serve(t, rt, tt.method, tt.path, "")
			if rec.Code != tt.wantStatus || rec.Body.String() != tt.wantBody {
				t.Fatalf("got %d %q, want %d %q", rec.Code, rec.Body.String(), tt.wantStatus, tt.wantBody)
			}
			if got := rec.Header().Get("Allow"); got != tt.wantAllow {
				t.Fatalf("Allow = %q, want %q", got, tt.wantAllow)
			}
		})
	}
}

func TestHeadKeepsHeaders(t *testing.T) {
	rt := router.New()
	rt.Get("/doc", func(req *router.Request, res *response.Response) error { return res.JSON(map[string]int{"a": 1}, 0) })
	rec := serve(t, rt, "HEAD", "/doc", "")
	if rec.Code != 200 || rec.Body.Len() != 0 || rec.Header().Get("Content-Type") != "application/json; charset=utf-8" ||
		rec.Header().Get("Content-Length") != "8" {
		t.Fatalf("got %d %q %v", rec.Code, rec.Body.String(), rec.Header())
	}
}

func TestTrailingSlashAndCleanPaths(t *testing.T) {
	rt := router.New()
	rt.Get("/api/notes", echo("notes"))
	rt.Post("/api/notes", echo("create"))
	rt.Get("/api/notes/{id:int}", echo("note"))
	tests := []struct {
		name, method, target string
		wantStatus           int
		wantBody, wantLoc    string
	}{
		{"trailing slash matches", "GET", "/api/notes/", 200, "notes", ""},
		{"trailing slash post", "POST", "/api/notes/", 200, "create", ""},
		{"trailing slash param", "GET", "/api/notes/4/", 200, "note id=4", ""},
		{"double slash redirects", "GET", "/api//notes?x=1", 301, "", "/api/notes?x=1"},
		{"dot dot redirects", "GET", "/api/x/../notes", 301, "", "/api/notes"},
		{"post redirect keeps method", "POST", "/api//notes", 308, "", "/api/notes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := serve(t, rt, tt.method, tt.target, "")
			if rec.Code != tt.wantStatus {
				t.Fatalf("status %d, want %d", rec.Code, tt.wantStatus)
			}
			if tt.wantLoc != "" && rec.Header().Get("Location") != tt.wantLoc {
				t.Fatalf("Location = %q, want %q", rec.Header().Get("Location"), tt.wantLoc)
			}
			if tt.wantBody != "" && rec.Body.String() != tt.wantBody {
				t.Fatalf("body %q, want %q", rec.Body.String(), tt.wantBody)
			}
		})
	}
}

func TestHandlerErrors(t *testing.T) {
	rt := router.New()
	rt.Get("/missing", func(*router.Request, *response.Response) error {
		return fmt.Errorf("find: %w", errkind.New(errkind.NotFound, "Note not found"))
	})
	rt.Get("/internal", func(*router.Request, *response.Response) error {
		return fmt.Errorf("SELECT secret FROM users: disk I/O error")
	})
	rt.Get("/wrote", func(req *router.Request, res *response.Response) error {
		_ = res.Text("partial", 202)
		return fmt.Errorf("late failure")
	})
	tests := []struct {
		path       string
		wantStatus int
		wantBody   string
	}{
		{"/missing", 404, `{"error":"find: Note not found"}`},
		{"/internal", 500, `{"error":"Internal Server Error"}`},
		{"/wrote", 202, "partial"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			quietLogs(t)
			rec := serve(t, rt, "GET", tt.path, "")
			if rec.Code != tt.wantStatus || strings.TrimSpace(rec.Body.String()) != tt.wantBody {
				t.Fatalf("got %d %q", rec.Code, rec.Body.String())
			}
		})
	}
}

func TestPanicRecovered(t *testing.T) {
	logs := quietLogs(t)
	rt := router.New()
	rt.Get("/boom", func(*router.Request, *response.Response) error { panic("kaboom") })
	rt.Handle("GET", "/plain-boom", http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(fmt.Errorf("plain")) }))
	rt.Get("/ok", echo("ok"))
	for _, path := range []string{"/boom", "/plain-boom"} {
		rec := serve(t, rt, "GET", path, "")
		if rec.Code != 500 || strings.TrimSpace(rec.Body.String()) != `{"error":"Internal Server Error"}` {
			t.Fatalf("%s: got %d %q", path, rec.Code, rec.Body.String())
		}
	}
	if !strings.Contains(logs.String(), "kaboom") || !strings.Contains(logs.String(), "stack=") {
		t.Fatalf("panic not logged with its stack: %s", logs)
	}
	if rec := serve(t, rt, "GET", "/ok", ""); rec.Code != 200 {
		t.Fatalf("router broken after a panic: %d", rec.Code)
	}

	// Through a real server: the connection survives and the next request is served.
	srv := httptest.NewServer(rt)
	defer srv.Close()
	for _, path := range []string{"/boom", "/ok", "/boom", "/ok"} {
		resp, err := srv.Client().Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		if want := map[string]int{"/boom": 500, "/ok": 200}[path]; resp.StatusCode != want {
			t.Fatalf("%s: %d, want %d", path, resp.StatusCode, want)
		}
	}
}

func TestPanicAfterWrite(t *testing.T) {
	logs := quietLogs(t)
	rt := router.New()
	rt.Get("/half", func(req *router.Request, res *response.Response) error {
		_ = res.Text("started", 200)
		panic("late")
	})
	rec := serve(t, rt, "GET", "/half", "")
	if rec.Code != 200 || rec.Body.String() != "started" {
		t.Fatalf("got %d %q", rec.Code, rec.Body.String())
	}
	if !strings.Contains(logs.String(), "late") {
		t.Fatal("not logged")
	}
}

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
				if !strings.HasPrefix(msg, "router: ") || !strings.Contains(msg, tt.wantMsg) {
					t.Fatalf("panic %q, want a router: panic containing %q", msg, tt.wantMsg)
				}
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
				if rec.Body.String() != tt.want {
					t.Errorf("%s %s = %d %q, want %q", tt.method, tt.path, rec.Code, rec.Body.String(), tt.want)
				}
			}
		})
	}
	t.Run("normal string route beats fallback int route", func(t *testing.T) {
		rt := router.New()
		rt.Get("/n/{id:int}", echo("auto"), router.Fallback())
		rt.Get("/n/{name}", echo("custom"))
		if got := serve(t, rt, "GET", "/n/3", "").Body.String(); got != "custom name=3" {
			t.Fatal(got)
		}
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
	if len(routes) != 2 {
		t.Fatalf("%d routes", len(routes))
	}
	a, x := routes[0], routes[1]
	if a.Pattern != "/a/{id:int}/{rest:path}" || !a.Public || a.Secured || a.Summary != "Get an A" ||
		strings.Join(a.Tags, ",") != "as,letters" || strings.Join(a.Methods, ",") != "GET" || a.Fallback {
		t.Errorf("a = %+v", a)
	}
	if fmt.Sprint(a.Params) != "[{id int} {rest path}]" {
		t.Errorf("a.Params = %v", a.Params)
	}
	if x.Pattern != "/admin/x" || !x.Secured || x.Public || strings.Join(x.Methods, ",") != "GET,POST,PUT,PATCH,DELETE" {
		t.Errorf("x = %+v", x)
	}
	var seen *router.Route
	rt.Use(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			seen = router.CurrentRoute(r)
			next.ServeHTTP(w, r)
		})
	})
	serve(t, rt, "PATCH", "/admin/x", "")
	if seen != x {
		t.Errorf("CurrentRoute = %v, want the /admin/x route", seen)
	}
	serve(t, rt, "GET", "/nowhere", "")
	if seen != nil {
		t.Errorf("CurrentRoute on a 404 = %v", seen)
	}
}

func TestCustomNotFoundAndMethodNotAllowed(t *testing.T) {
	rt := router.New()
	rt.Get("/a", echo("a"))
	rt.NotFound = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(410) })
	rt.MethodNotAllowed = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(418) })
	if rec := serve(t, rt, "GET", "/b", ""); rec.Code != 410 {
		t.Errorf("not found: %d", rec.Code)
	}
	if rec := serve(t, rt, "POST", "/a", ""); rec.Code != 418 || rec.Header().Get("Allow") == "" {
		t.Errorf("method not allowed: %d %v", rec.Code, rec.Header())
	}
	rt.HandleMethodNotAllowed = false
	rt.HandleOPTIONS = false
	if rec := serve(t, rt, "POST", "/a", ""); rec.Code != 410 {
		t.Errorf("405 off: %d", rec.Code)
	}
	if rec := serve(t, rt, "OPTIONS", "/a", ""); rec.Code != 410 {
		t.Errorf("OPTIONS off: %d", rec.Code)
	}
}

func TestErrorBodiesAreJSON(t *testing.T) {
	rt := router.New()
	rt.Get("/a", echo("a"))
	for _, tc := range []struct{ method, path string }{{"GET", "/b"}, {"POST", "/a"}} {
		rec := serve(t, rt, tc.method, tc.path, "")
		var body map[string]string
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body["error"] == "" {
			t.Errorf("%s %s: %q", tc.method, tc.path, rec.Body.String())
		}
		if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
			t.Errorf("Content-Type %q", ct)
		}
	}
}
