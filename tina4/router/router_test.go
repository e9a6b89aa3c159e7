package router_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
			require.Equal(t, tt.wantStatus, rec.Code)
			require.Equal(t, tt.wantBody, rec.Body.String())
			got := rec.Header().Get("Allow")
			require.Equal(t, tt.wantAllow, got, "Allow")
		})
	}
}

func TestHeadKeepsHeaders(t *testing.T) {
	rt := router.New()
	rt.Get("/doc", func(req *router.Request, res *response.Response) error { return res.JSON(map[string]int{"a": 1}, 0) })
	rec := serve(t, rt, "HEAD", "/doc", "")
	require.Equal(t, 200, rec.Code, "got %d %q %v", rec.Code, rec.Body.String(), rec.Header())
	require.Equal(t, 0, rec.Body.Len(), "got %d %q %v", rec.Code, rec.Body.String(), rec.Header())
	require.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"), "got %d %q %v", rec.Code, rec.Body.String(), rec.Header())
	require.Equal(t, "8", rec.Header().Get("Content-Length"), "got %d %q %v", rec.Code, rec.Body.String(), rec.Header())
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
			require.Equal(t, tt.wantStatus, rec.Code, "status")
			if tt.wantLoc != "" {
				require.Equal(t, tt.wantLoc, rec.Header().Get("Location"), "Location")
			}
			if tt.wantBody != "" {
				require.Equal(t, tt.wantBody, rec.Body.String(), "body")
			}
		})
	}
}

func TestCustomNotFoundAndMethodNotAllowed(t *testing.T) {
	rt := router.New()
	rt.Get("/a", echo("a"))
	rt.NotFound = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(410) })
	rt.MethodNotAllowed = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(418) })
	rec := serve(t, rt, "GET", "/b", "")
	assert.Equal(t, 410, rec.Code, "not found")
	rec = serve(t, rt, "POST", "/a", "")
	assert.Equal(t, 418, rec.Code, "method not allowed")
	assert.NotEqual(t, "", rec.Header().Get("Allow"), "method not allowed")
	rt.HandleMethodNotAllowed = false
	rt.HandleOPTIONS = false
	rec = serve(t, rt, "POST", "/a", "")
	assert.Equal(t, 410, rec.Code, "405 off")
	rec = serve(t, rt, "OPTIONS", "/a", "")
	assert.Equal(t, 410, rec.Code, "OPTIONS off")
}

func TestErrorBodiesAreJSON(t *testing.T) {
	rt := router.New()
	rt.Get("/a", echo("a"))
	for _, tc := range []struct{ method, path string }{{"GET", "/b"}, {"POST", "/a"}} {
		rec := serve(t, rt, tc.method, tc.path, "")
		var body map[string]string
		err := json.Unmarshal(rec.Body.Bytes(), &body)
		if assert.NoError(t, err, "%s %s: %q", tc.method, tc.path, rec.Body.String()) {
			assert.NotEqual(t, "", body["error"], "%s %s: %q", tc.method, tc.path, rec.Body.String())
		}
		ct := rec.Header().Get("Content-Type")
		assert.Equal(t, "application/json; charset=utf-8", ct, "Content-Type")
	}
}
