package router_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// Request.Authenticated says whether the router's Auth accepted the
// request's credentials, with or without claims, and runs Auth no second
// time.
func TestRequestAuthenticated(t *testing.T) {
	calls := 0
	r := router.New()
	r.Auth = func(req *http.Request) (map[string]any, error) {
		calls++
		if req.Header.Get("Authorization") == "Bearer good" {
			return nil, nil // accepted, without claims
		}
		return nil, errors.New("bad token")
	}
	var got bool
	r.Get("/open", func(req *router.Request, res *response.Response) error {
		got = req.Authenticated()
		return res.JSON("ok", http.StatusOK)
	})
	for _, tt := range []struct {
		header string
		want   bool
		calls  int
	}{{"", false, 0}, {"Bearer good", true, 1}, {"Bearer bad", false, 1}} {
		calls, got = 0, !tt.want
		req := httptest.NewRequest(http.MethodGet, "/open", nil)
		if tt.header != "" {
			req.Header.Set("Authorization", tt.header)
		}
		w := httptest.NewRecorder()
		r.ServeHTTP(w, req)
		assert.Equal(t, http.StatusOK, w.Code, tt.header)
		assert.Equal(t, tt.want, got, tt.header)
		assert.Equal(t, tt.calls, calls, "Auth runs once at most: %q", tt.header)
	}
}
