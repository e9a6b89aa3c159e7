package crud_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// FuzzListQuery sends arbitrary query strings to the list route: the answer
// is a 200 or a 400, never a panic or a 500.
func FuzzListQuery(f *testing.F) {
	for _, seed := range []string{
		"", "limit=5&skip=2", "page=2&per_page=3", "order=-views,title", "title__icontains=go",
		"order=id;DELETE", "title';DROP TABLE notes;--=x", "limit=-1", "skip=99999999999999999999",
		"views__in=1,2,x", "due_at__isnull=true", "include=author", "%zz", "a=%", "limit=1e3",
		"title__startswith=%_\\", "pinned=true&category=work",
		// the limits of bounds.go
		"skip=1&offset=1", "offset=2&offset=3", "order=id,id,-id,id", "order=id,title,content,category,pinned,views,rating,due_at,created_at",
		strings.Repeat("id=1&", 40), strings.Repeat("id__in=1,2,3,4,5,6,7,8,9&", 30), "a__b__c__d__e=1", "include=a.b.c.d",
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
		if w.Code != http.StatusOK {
			require.Equal(t, http.StatusBadRequest, w.Code, "query %q: status %d: %s", raw, w.Code, w.Body)
		}
		require.True(t, strings.HasPrefix(w.Body.String(), "{"), "query %q: body %q", raw, w.Body)
	})
}

// FuzzGetQuery sends arbitrary query strings to the route of one row: the
// answer is a 200, a 400 or a 404, never a panic or a 500.
func FuzzGetQuery(f *testing.F) {
	for _, seed := range []string{
		"", "include=books", "include=books.writer", "include=", "include=nope", "limit=1", "%zz", "include=books&include=books",
		"include=" + strings.Repeat("books.", 100) + "books",
	} {
		f.Add(seed, "1")
	}
	f.Add("include=books", "01")
	f.Add("", "+1")
	h := newServer(f)
	mustCall(f, h, "POST", "/api/writers", `{"name":"Ursula"}`, 201)
	mustCall(f, h, "POST", "/api/books", `{"writer_id":1,"title":"Lathe"}`, 201)
	f.Fuzz(func(t *testing.T, raw, id string) {
		if id == "" || strings.ContainsAny(id, "/.?#%\\") || !utf8.ValidString(id) {
			t.Skip() // not one path segment: the router's redirects and 404s, not this route
		}
		req := httptest.NewRequest("GET", "/api/writers/1", nil)
		req.URL.Path = "/api/writers/" + id
		req.URL.RawQuery = raw
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		switch w.Code {
		case http.StatusOK, http.StatusBadRequest, http.StatusNotFound:
		default:
			require.Fail(t, fmt.Sprintf("id %q query %q: status %d: %s", id, raw, w.Code, w.Body))
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
		if w.Code != http.StatusCreated {
			require.Equal(t, http.StatusBadRequest, w.Code, "body %q: status %d: %s", body, w.Code, w.Body)
		}
	})
}
