package router_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

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
