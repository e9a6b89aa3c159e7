package crud_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzListQuery sends arbitrary query strings to the list route: the answer
// is a 200 or a 400, never a panic or a 500.
func FuzzListQuery(f *testing.F) {
	for _, seed := range []string{
		"", "limit=5&skip=2", "page=2&per_page=3", "order=-views,title", "title__icontains=go",
		"order=id;DELETE", "title';DROP TABLE notes;--=x", "limit=-1", "skip=99999999999999999999",
		"views__in=1,2,x", "due_at__isnull=true", "include=author", "%zz", "a=%", "limit=1e3",
		"title__startswith=%_\\", "pinned=true&category=work",
	} {
		f.Add(seed)
	}
	h := newServer(f)
	seedNotes(f, h, 3)
	f.Fuzz(func(t *testing.T, raw string) {
		req := httptest.NewRequest("GET", "/api/notes", nil)
		req.URL.RawQuery = raw
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusOK && w.Code != http.StatusBadRequest {
			t.Fatalf("query %q: status %d: %s", raw, w.Code, w.Body)
		}
		if !strings.HasPrefix(w.Body.String(), "{") {
			t.Fatalf("query %q: body %q", raw, w.Body)
		}
	})
}

// FuzzCreateBody sends arbitrary bodies to the create route: never a panic
// or a 500.
func FuzzCreateBody(f *testing.F) {
	for _, seed := range []string{
		`{"title":"x"}`, `{"title":5}`, `[]`, `null`, `{"id":1,"title":"x"}`, `{"due_at":"2026-01-01T00:00:00Z","title":"t"}`,
		`{"rating":1e400,"title":"x"}`, `{"views":-0,"title":"x"}`, `{"title":"x","title":"y"}`, `{`, `{"secret":"s","title":"x"}`,
	} {
		f.Add(seed)
	}
	h := newServer(f)
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest("POST", "/api/notes", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusCreated && w.Code != http.StatusBadRequest {
			t.Fatalf("body %q: status %d: %s", body, w.Code, w.Body)
		}
	})
}
