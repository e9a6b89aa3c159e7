package router_test

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

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

func reverse(in []reg) []reg {
	out := make([]reg, len(in))
	for i, r := range in {
		out[len(in)-1-i] = r
	}
	return out
}
