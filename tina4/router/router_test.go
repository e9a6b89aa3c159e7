package router_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// serve sends one request to h and returns the recorded answer.
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
