package openapi_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/openapi"
)

// Real answers of the AutoCrud routes match the document: the schemas,
// status codes and envelopes describe what the server sends.
func TestResponsesMatchDocument(t *testing.T) {
	r := newRouter(t)
	_, doc := document(t, r)
	steps := []struct {
		method, path, template, body string
		status                       int
	}{
		{"POST", "/api/shelves", "/api/shelves", `{"label":"Fiction"}`, 201},
		{"POST", "/api/shelves", "/api/shelves", `{"label":"F"}`, 400},
		{"POST", "/api/books", "/api/books", `{"shelf_id":1,"title":"Ulysses","isbn":"978-0199535675","price":9.5,"due_at":"2026-05-01T10:00:00Z","cover":"AQID"}`, 201},
		{"POST", "/api/books", "/api/books", `{"shelf_id":1,"title":"Nameless"}`, 201},
		{"POST", "/api/books", "/api/books", `{"shelf_id":9,"title":"Orphan"}`, 409},
		{"POST", "/api/books", "/api/books", `{"title":"x","colour":"red","isbn":"bad"}`, 400},
		{"GET", "/api/books", "/api/books", ``, 200},
		{"GET", "/api/books?include=shelf&order=-title&title__icontains=u", "/api/books", ``, 200},
		{"GET", "/api/books?include=shelf.books", "/api/books", ``, 400}, // leads back to books
		{"GET", "/api/shelves?include=books", "/api/shelves", ``, 200},
		{"GET", "/api/books?limit=0", "/api/books", ``, 400},
		{"GET", "/api/shelves/1", "/api/shelves/{id}", ``, 200},
		{"GET", "/api/shelves/7", "/api/shelves/{id}", ``, 404},
		{"PATCH", "/api/books/1", "/api/books/{id}", `{"read":true,"genre":"poetry"}`, 200},
		{"PUT", "/api/books/1", "/api/books/{id}", `{"pages":-1}`, 400},
		{"PUT", "/api/books/5", "/api/books/{id}", `{"pages":1}`, 404},
		{"DELETE", "/api/shelves/1", "/api/shelves/{id}", ``, 409},
		{"DELETE", "/api/books/2", "/api/books/{id}", ``, 204},
		{"DELETE", "/api/books/2", "/api/books/{id}", ``, 404},
	}
	for _, s := range steps {
		t.Run(fmt.Sprintf("%s %s %d", s.method, s.path, s.status), func(t *testing.T) {
			w := send(r, s.method, s.path, s.body)
			require.Equal(t, s.status, w.Code, "status %d, want %d: %s", w.Code, s.status, w.Body)
			err := openapi.CheckResponse(doc, s.method, s.template, w.Code, w.Body.Bytes())
			assert.NoError(t, err)
		})
	}
}

// CheckResponse is not vacuous: answers the document does not describe fail.
func TestCheckResponseRejects(t *testing.T) {
	_, doc := document(t, newRouter(t))
	tests := []struct {
		name, method, path string
		status             int
		body               string
	}{
		{"missing total", "GET", "/api/books", 200, `{"data":[],"limit":10,"skip":0}`},
		{"extra key", "GET", "/api/shelves/{id}", 200, `{"id":1,"label":"xy","secret":"s"}`},
		{"hidden column", "GET", "/api/books", 200, `{"data":[{"secret":"s"}],"total":1,"limit":10,"skip":0}`},
		{"wrong type", "GET", "/api/shelves/{id}", 200, `{"id":"1","label":"xy"}`},
		{"error without message", "GET", "/api/shelves/{id}", 404, `{"detail":[]}`},
		{"body on 204", "DELETE", "/api/books/{id}", 204, `{}`},
		{"undocumented status", "DELETE", "/api/books/{id}", 418, ``},
		{"unknown path", "GET", "/nope", 200, `{}`},
		{"not JSON", "GET", "/api/shelves/{id}", 200, `<html>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := openapi.CheckResponse(doc, tt.method, tt.path, tt.status, []byte(tt.body))
			assert.Error(t, err, "passes")
		})
	}
}

func TestMount(t *testing.T) {
	r := newRouter(t)
	doc, err := openapi.Mount(r, "", openapi.Info{Title: "Shelves & <Books>", Version: "2"})
	require.NoError(t, err)
	page := send(r, "GET", "/swagger", "")
	require.Equal(t, 200, page.Code, "GET /swagger")
	require.True(t, strings.HasPrefix(page.Header().Get("Content-Type"), "text/html"), "GET /swagger")
	for _, want := range []string{`data-url="/swagger/openapi.json"`, `src="/swagger/swagger-ui-bundle.js"`, `href="/swagger/swagger-ui.css"`, `Shelves &amp; &lt;Books&gt;`} {
		assert.Contains(t, page.Body.String(), want, "page lacks")
	}
	assert.NotContains(t, page.Body.String(), "//cdn", "page loads from the network")
	assert.NotContains(t, page.Body.String(), "https:", "page loads from the network")
	js := send(r, "GET", "/swagger/openapi.json", "")
	want, _ := json.Marshal(doc)
	assert.Equal(t, 200, js.Code, "openapi.json: %d, body differs from Build", js.Code)
	assert.Equal(t, string(want), strings.TrimSpace(js.Body.String()), "openapi.json: %d, body differs from Build", js.Code)
	assert.Equal(t, nil, at(mustJSON(t, js.Body.Bytes()), "paths|/swagger"), "the document describes /swagger")
	for _, tt := range []struct {
		path        string
		status      int
		contentType string
	}{
		{"/swagger/swagger-ui-bundle.js", 200, "text/javascript"},
		{"/swagger/tina4-swagger.js", 200, "text/javascript"},
		{"/swagger/swagger-ui.css", 200, "text/css"},
		{"/swagger/LICENSE", 200, ""},
		{"/swagger/favicon-32x32.png", 200, "image/png"},
		{"/swagger/index.html", 404, "application/json"},
		{"/swagger/README.md", 404, "application/json"},
		{"/swagger/nope.js", 404, "application/json"},
	} {
		w := send(r, "GET", tt.path, "")
		assert.Equal(t, tt.status, w.Code, "GET %s: %d %q, want %d %q", tt.path, w.Code, w.Header().Get("Content-Type"), tt.status, tt.contentType)
		assert.True(t, strings.HasPrefix(w.Header().Get("Content-Type"), tt.contentType), "GET %s: %d %q, want %d %q", tt.path, w.Code, w.Header().Get("Content-Type"), tt.status, tt.contentType)
	}
	w := send(r, "GET", "/swagger/..%2fserve.go", "")
	assert.NotEqual(t, 200, w.Code, "a file outside the UI is served")
	w = send(r, "GET", "/swagger/swagger-ui-bundle.js", "")
	assert.GreaterOrEqual(t, w.Body.Len(), 1<<20, "bundle is %d bytes", w.Body.Len())
	w = send(r, "HEAD", "/swagger/swagger-ui.css", "")
	assert.Equal(t, http.StatusOK, w.Code, "HEAD")
}

func mustJSON(tb testing.TB, b []byte) map[string]any {
	tb.Helper()
	var m map[string]any
	err := json.Unmarshal(b, &m)
	require.NoError(tb, err)
	return m
}
