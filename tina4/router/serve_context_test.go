package router_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

type serveKey struct{}

// TestServeContext: what a wrapper passes to ServeContext is the context the
// middleware, the handler and a recovered panic's answer see, beside the
// route's parameters; ServeHTTP is ServeContext with the request's own.
func TestServeContext(t *testing.T) {
	r := router.New()
	var seenMW any
	r.Use(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			seenMW = req.Context().Value(serveKey{})
			next.ServeHTTP(w, req)
		})
	})
	r.Get("/things/{id:int}", func(req *router.Request, res *response.Response) error {
		return res.JSON(map[string]any{"id": req.Param("id"), "value": req.Context().Value(serveKey{}),
			"params": len(router.Params(req.Raw))}, http.StatusOK)
	})
	r.Get("/panic", func(*router.Request, *response.Response) error { panic("secret detail") })
	quietLogs(t)

	cases := []struct {
		name, path string
		ctx        func(*http.Request) context.Context // nil: ServeHTTP
		code       int
		body       string
		mw         any
	}{
		{"values reach middleware and handler", "/things/7",
			func(req *http.Request) context.Context { return context.WithValue(req.Context(), serveKey{}, "v") },
			200, `{"id":"7","value":"v","params":1}`, "v"},
		{"ServeHTTP keeps the request's context", "/things/8", nil, 200, `{"id":"8","value":null,"params":1}`, nil},
		{"settings in the context govern a panic's answer", "/panic",
			func(req *http.Request) context.Context {
				return response.WithSettings(req.Context(), response.Settings{Debug: true})
			}, 500, "", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			seenMW = nil
			w := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodGet, tc.path, nil)
			if tc.ctx == nil {
				r.ServeHTTP(w, req)
			} else {
				r.ServeContext(w, req, tc.ctx(req))
			}
			require.Equal(t, tc.code, w.Code, w.Body.String())
			if tc.body != "" {
				assert.JSONEq(t, tc.body, w.Body.String())
			} else {
				assert.Contains(t, w.Body.String(), "secret detail", "debug settings from the context show the panic")
			}
			assert.Equal(t, tc.mw, seenMW)
		})
	}
}
