package router_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// TestBodyIsReadOnce: BodyBytes reads the body once under the size limit;
// Bind and JSON after it decode the same bytes, not an empty stream.
func TestBodyIsReadOnce(t *testing.T) {
	rt := router.New()
	rt.MaxBodyBytes = 32
	rt.Post("/twice", func(req *router.Request, res *response.Response) error {
		first, err := req.BodyBytes()
		if err != nil {
			return err
		}
		m, err := req.JSON()
		if err != nil {
			return err
		}
		again, _ := req.BodyBytes()
		return res.Text(string(first)+"|"+m["a"].(string)+"|"+string(again), 200)
	})
	w := serve(t, rt, "POST", "/twice", `{"a":"x"}`)
	require.Equal(t, 200, w.Code, w.Body.String())
	assert.Equal(t, `{"a":"x"}|x|{"a":"x"}`, w.Body.String())

	w = serve(t, rt, "POST", "/twice", `{"a":"`+strings.Repeat("x", 40)+`"}`)
	assert.Equal(t, 413, w.Code)
	assert.JSONEq(t, `{"error":"request body is larger than 32 bytes"}`, w.Body.String())
}

// TestJSONBody: the header checks (415), the size limit (413) and the
// content checks (400) of a JSON API body, in one place.
func TestJSONBody(t *testing.T) {
	rt := router.New()
	rt.MaxBodyBytes = 64
	rt.Post("/j", func(req *router.Request, res *response.Response) error {
		b, err := req.JSONBody()
		if err != nil {
			return err
		}
		return res.Text(string(b), 200)
	})
	tests := []struct {
		name, ctype, enc, body string
		status                 int
		errPart                string
	}{
		{"json", "application/json", "", `{"a":1}`, 200, ""},
		{"merge patch", "application/merge-patch+json; charset=utf-8", "", `{"a":1}`, 200, ""},
		{"no body no type", "", "", ``, 200, ""},
		{"form", "application/x-www-form-urlencoded", "", `a=1`, 415, "Content-Type application/x-www-form-urlencoded is not supported"},
		{"text", "text/plain", "", `{"a":1}`, 415, "not supported"},
		{"no type", "", "", `{"a":1}`, 415, "no Content-Type"},
		{"latin1", "application/json; charset=latin1", "", `{"a":1}`, 415, "charset"},
		{"gzip", "application/json", "gzip", `{"a":1}`, 415, "Content-Encoding"},
		{"too large", "application/json", "", `{"a":"` + strings.Repeat("x", 80) + `"}`, 413, "larger than 64 bytes"},
		{"nul", "application/json", "", `{"a":"\u0000"}`, 400, "NUL"},
		{"bad utf-8", "application/json", "", "{\"a\":\"\xff\"}", 400, "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest("POST", "/j", strings.NewReader(tt.body))
			if tt.ctype != "" {
				req.Header.Set("Content-Type", tt.ctype)
			}
			if tt.enc != "" {
				req.Header.Set("Content-Encoding", tt.enc)
			}
			w := httptest.NewRecorder()
			rt.ServeHTTP(w, req)
			require.Equal(t, tt.status, w.Code, w.Body.String())
			if tt.status == 200 {
				assert.Equal(t, tt.body, w.Body.String())
				return
			}
			assert.Contains(t, w.Body.String(), tt.errPart)
		})
	}
}

// TestRequireJSON answers 415 before the handler runs, and leaves a body
// it peeked at whole for the handler.
func TestRequireJSON(t *testing.T) {
	rt := router.New()
	ran := false
	rt.Post("/r", func(req *router.Request, res *response.Response) error {
		ran = true
		b, err := io.ReadAll(req.Body())
		if err != nil {
			return err
		}
		return res.Text(string(b), 200)
	}, router.With(router.RequireJSON))
	req := httptest.NewRequest("POST", "/r", strings.NewReader(`x=1`))
	w := httptest.NewRecorder()
	rt.ServeHTTP(w, req)
	assert.Equal(t, http.StatusUnsupportedMediaType, w.Code)
	assert.False(t, ran)

	req = httptest.NewRequest("POST", "/r", strings.NewReader(`{"a":1}`))
	req.Header.Set("Content-Type", "application/json")
	w = httptest.NewRecorder()
	rt.ServeHTTP(w, req)
	assert.Equal(t, 200, w.Code)
	assert.Equal(t, `{"a":1}`, w.Body.String())
}
