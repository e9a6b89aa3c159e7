package router_test

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// TestRouterSettings: a router's Debug and Logger apply to its own requests,
// panics included; two routers in one process keep theirs.
func TestRouterSettings(t *testing.T) {
	var logA, logB bytes.Buffer
	var mu sync.Mutex
	newRouter := func(debug bool, buf *bytes.Buffer) *router.Router {
		r := router.New()
		r.Debug = debug
		r.Logger = slog.New(slog.NewTextHandler(writerFunc(func(p []byte) (int, error) {
			mu.Lock()
			defer mu.Unlock()
			return buf.Write(p)
		}), nil))
		r.Get("/err", func(*router.Request, *response.Response) error { return errors.New("inner detail") })
		r.Get("/panic", func(*router.Request, *response.Response) error { panic("kaboom") })
		return r
	}
	a, b := newRouter(true, &logA), newRouter(false, &logB)
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			r, path := a, "/err"
			if i%2 == 1 {
				r = b
			}
			if i%4 >= 2 {
				path = "/panic"
			}
			w := httptest.NewRecorder()
			r.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
			assert.Equal(t, 500, w.Code)
			if r == a {
				assert.NotContains(t, w.Body.String(), "Internal Server Error", path)
			} else {
				assert.JSONEq(t, `{"error":"Internal Server Error"}`, w.Body.String(), path)
			}
		})
	}
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, 5, bytes.Count(logA.Bytes(), []byte("inner detail")))
	assert.Equal(t, 5, bytes.Count(logA.Bytes(), []byte("kaboom")))
	assert.Equal(t, 5, bytes.Count(logB.Bytes(), []byte("inner detail")))
	assert.Equal(t, 5, bytes.Count(logB.Bytes(), []byte("kaboom")))
}

// TestExtension keeps one value per key and router.
func TestExtension(t *testing.T) {
	type key struct{}
	a, b := router.New(), router.New()
	n := 0
	mk := func() any { n++; return &n }
	assert.Same(t, a.Extension(key{}, mk), a.Extension(key{}, mk))
	b.Extension(key{}, mk)
	assert.Equal(t, 2, n, "one value per router")
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
