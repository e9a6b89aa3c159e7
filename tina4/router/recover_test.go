package router_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// serve sends one request to h and returns the recorded answer.
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
			require.Equal(t, tt.wantStatus, rec.Code)
			require.Equal(t, tt.wantBody, strings.TrimSpace(rec.Body.String()))
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
		require.Equal(t, 500, rec.Code, "%s: got %d %q", path, rec.Code, rec.Body.String())
		require.Equal(t, `{"error":"Internal Server Error"}`, strings.TrimSpace(rec.Body.String()), "%s: got %d %q", path, rec.Code, rec.Body.String())
	}
	require.Contains(t, logs.String(), "kaboom", "panic not logged with its stack")
	require.Contains(t, logs.String(), "stack=", "panic not logged with its stack")
	rec := serve(t, rt, "GET", "/ok", "")
	require.Equal(t, 200, rec.Code, "router broken after a panic")

	// Through a real server: the connection survives and the next request is served.
	srv := httptest.NewServer(rt)
	defer srv.Close()
	for _, path := range []string{"/boom", "/ok", "/boom", "/ok"} {
		resp, err := srv.Client().Get(srv.URL + path)
		require.NoError(t, err)
		_ = resp.Body.Close()
		want := map[string]int{"/boom": 500, "/ok": 200}[path]
		require.Equal(t, want, resp.StatusCode, "%s: %d, want %d", path, resp.StatusCode, want)
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
	require.Equal(t, 200, rec.Code)
	require.Equal(t, "started", rec.Body.String())
	require.Contains(t, logs.String(), "late", "not logged")
}
