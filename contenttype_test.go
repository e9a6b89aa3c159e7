package main

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tina4stack/tina4-go/internal/dbtest"
)

// A cross-site form post (what curl -d sends without a Content-Type
// header) creates nothing, on AutoCrud and on the custom routes that read
// bodies with crud.Bind: 415.
func TestFormPostsCreateNothing(t *testing.T) { dbtest.Each(t, testFormPostsCreateNothing) }

func testFormPostsCreateNothing(t *testing.T) {
	h := newApp(t)
	tests := []struct{ path, body, list string }{
		{"/api/notes", `{"title":"x"}`, "/api/notes"},
		{"/api/tasks", `{"title":"x"}`, "/api/tasks"},
		{"/api/products", `{"name":"Kettle","sku":"KI-1234","price":29.99,"category":"Kitchen"}`, "/api/products"},
		{"/api/authors", `{"name":"Alice","email":"alice@example.com"}`, "/api/authors"},
	}
	for _, tt := range tests {
		for _, ct := range []string{"application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=b", ""} {
			t.Run(tt.path+" "+ct, func(t *testing.T) {
				before := expect(t, h, "GET", tt.list, "", 200).body
				w := httptest.NewRecorder()
				req := httptest.NewRequest("POST", tt.path, strings.NewReader(tt.body))
				if ct != "" {
					req.Header.Set("Content-Type", ct)
				}
				h.ServeHTTP(w, req)
				checkAgainstDocument(t, h, "POST", tt.path, w)
				assert.Equal(t, 415, w.Code, w.Body.String())
				assert.Equal(t, before, expect(t, h, "GET", tt.list, "", 200).body)
			})
		}
	}
}
