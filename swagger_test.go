package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/openapi"
	"github.com/tina4stack/tina4-go/tina4/router"
)

var document struct {
	once  sync.Once
	body  []byte
	paths []string
}

// appDocument fetches the example app's OpenAPI document once.
func appDocument(tb testing.TB, h http.Handler) []byte {
	tb.Helper()
	document.once.Do(func() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/swagger/openapi.json", nil))
		if w.Code != 200 {
			return
		}
		document.body = w.Body.Bytes()
		for _, rt := range router.Default().Routes() {
			document.paths = append(document.paths, strings.Split(rt.Pattern, "?")[0])
		}
	})
	require.NotNil(tb, document.body, "GET /swagger/openapi.json did not answer 200")
	return document.body
}

// checkAgainstDocument checks an answer against the document: the
// operation of the route the request matched, and the response of its
// status. Requests that match no documented operation are left alone.
func checkAgainstDocument(tb testing.TB, h http.Handler, method, target string, w *httptest.ResponseRecorder) {
	tb.Helper()
	doc := appDocument(tb, h)
	path, _, _ := strings.Cut(target, "?")
	tmpl := templateOf(path)
	if tmpl == "" || strings.HasPrefix(path, "/swagger") {
		return
	}
	err := openapi.CheckResponse(doc, method, tmpl, w.Code, w.Body.Bytes())
	assert.NoError(tb, err, "%s %s: %v", method, target, err)
}

// templateOf finds the document path a request path falls under: literal
// segments before parameters, as the router matches.
func templateOf(path string) string {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	best, bestScore := "", -1
	for _, pattern := range document.paths {
		ps := strings.Split(strings.Trim(pattern, "/"), "/")
		if len(ps) != len(segs) {
			continue
		}
		score, ok := 0, true
		for i, p := range ps {
			switch {
			case p == segs[i]:
				score += 1 << (len(ps) - i)
			case strings.HasPrefix(p, "{"):
			default:
				ok = false
			}
		}
		if ok && score > bestScore {
			best, bestScore = pattern, score
		}
	}
	if best == "" {
		return ""
	}
	parts := strings.Split(best, "/")
	for i, p := range parts {
		if name, _, typed := strings.Cut(strings.Trim(p, "{}"), ":"); strings.HasPrefix(p, "{") && typed {
			parts[i] = "{" + name + "}"
		}
	}
	return strings.Join(parts, "/")
}

// The example app's document is valid OpenAPI 3.1 and describes every
// endpoint of the chapter.
func TestSwaggerDocument(t *testing.T) {
	h := newApp(t)
	doc := appDocument(t, h)
	err := openapi.Validate(doc)
	require.NoError(t, err)
	var ops []string
	for _, rt := range router.Default().Routes() {
		if strings.HasPrefix(rt.Pattern, "/swagger") {
			continue
		}
		for _, m := range rt.Methods {
			ops = append(ops, m+" "+templateOf(rt.Pattern))
		}
	}
	for _, want := range []string{
		"GET /api/notes", "POST /api/notes", "GET /api/notes/{id}", "PUT /api/notes/{id}", "PATCH /api/notes/{id}", "DELETE /api/notes/{id}",
		"GET /api/tasks", "DELETE /api/tasks/{id}", "POST /api/products", "GET /api/products", "POST /api/authors", "GET /api/authors/{id}",
		"DELETE /api/authors/{id}", "POST /api/posts", "GET /api/posts", "GET /api/posts/{id}", "PUT /api/posts/{id}",
		"POST /api/posts/{id}/comments", "GET /api/comments", "GET /api/posts/published", "GET /api/posts/recent", "GET /health",
	} {
		assert.True(t, slices.Contains(ops, want), "route %s not registered", want)
		method, path, _ := strings.Cut(want, " ")
		if !strings.Contains(string(doc), `"`+path+`":{`) {
			assert.Fail(t, fmt.Sprintf("%s: no path in the document", want))
			continue
		}
		// An operation exists when CheckResponse finds it.
		err := openapi.CheckResponse(doc, method, path, 599, nil)
		if err != nil {
			assert.NotContains(t, err.Error(), "no operation", "%s: %v", want, err)
		}
	}
	for _, want := range []string{`"title__icontains"`, `"post__title"`, `every operator of the related column`, `"include"`, `"posts.comments"`, `"per_page"`,
		`"Create a product (section 11)"`, `"productCreated"`, `"NoteCreate"`, `"Error"`} {
		assert.Contains(t, string(doc), want, "document lacks")
	}
}

func TestSwaggerUI(t *testing.T) {
	h := newApp(t)
	a := do(t, h, "GET", "/swagger", "")
	assert.Equal(t, 200, a.status, "GET /swagger")
	assert.Contains(t, a.body, `id="swagger-ui"`, "GET /swagger")
}
