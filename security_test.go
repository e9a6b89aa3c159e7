package main

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/auth"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// newAppWith serves the example app from a fresh database on the engine of
// the test (see dbtest.Each) with the settings changed by edit; it returns
// the App so that tests can look at its database.
func newAppWith(tb testing.TB, edit func(*tina4.Config)) *tina4.App {
	tb.Helper()
	cfg := tina4.DefaultConfig()
	cfg.DatabaseURL = dbtest.URL(tb)
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg.Swagger = true // every answer do sees is checked against the document
	if edit != nil {
		edit(&cfg)
	}
	app, err := tina4.New(cfg)
	require.NoError(tb, err, "tina4.New")
	tb.Cleanup(func() { app.Close() })
	return app
}

// withToken sends a request with "Authorization: Bearer token".
func withToken(tb testing.TB, h http.Handler, token, method, path, body string) answer {
	tb.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+token)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return answer{status: w.Code, body: w.Body.String()}
}

// The chapter's endpoints stay public; GET /api/me is secured.
func TestSecuredRoute(t *testing.T) {
	const secret = "example-app-secret-of-at-least-32-bytes"
	t.Run("nothing configured", func(t *testing.T) {
		h := newAppWith(t, nil).Handler()
		a := expect(t, h, "GET", "/api/me", "", 401)
		assert.Equal(t, `{"error":"Unauthorized"}`, strings.TrimSpace(a.body), "401 body")
		a = withToken(t, h, "", "GET", "/api/me", "")
		assert.Equal(t, 401, a.status, "empty token")
		// The chapter's writes need no token.
		expect(t, h, "POST", "/api/notes", `{"title":"public"}`, 201)
		expect(t, h, "POST", "/api/products", `{"name":"Kettle","sku":"KI-1234","price":29.99,"category":"Kitchen"}`, 201)
		expect(t, h, "POST", "/api/authors", `{"name":"Alice","email":"alice@example.com"}`, 201)
		expect(t, h, "POST", "/api/posts", `{"author_id":1,"title":"T","slug":"t"}`, 201)
		expect(t, h, "POST", "/api/posts/1/comments", `{"author_name":"Bob","author_email":"bob@example.com","body":"Great post!"}`, 201)
		expect(t, h, "PATCH", "/api/notes/1", `{"pinned":true}`, 200)
		expect(t, h, "DELETE", "/api/notes/1", "", 204)
	})
	t.Run("API key and JWT", func(t *testing.T) {
		app := newAppWith(t, func(c *tina4.Config) { c.APIKey, c.Secret = "example-key", secret })
		h := app.Handler()
		a := withToken(t, h, "example-key", "GET", "/api/me", "")
		assert.Equal(t, 200, a.status, "API key")
		assert.Contains(t, a.body, `"sub":"api_key"`, "API key")
		tok, err := app.IssueToken(auth.Claims{"sub": "alice"}, time.Hour)
		require.NoError(t, err)
		a = withToken(t, h, tok, "GET", "/api/me", "")
		assert.Equal(t, 200, a.status, "JWT")
		assert.Contains(t, a.body, `"sub":"alice"`, "JWT")
		a = withToken(t, h, "example-kex", "GET", "/api/me", "")
		assert.Equal(t, 401, a.status, "wrong key: %d %s", a.status, a.body)
	})
	t.Run("AutoCrud secured from .env", func(t *testing.T) {
		t.Setenv("TINA4_AUTOCRUD_SECURED", "true")
		t.Setenv("TINA4_API_KEY", "example-key")
		t.Chdir(t.TempDir())
		cfg, err := tina4.LoadConfig()
		require.NoError(t, err)
		// The default router mounted AutoCrud public in the tests before, so
		// this App serves it on a router of its own.
		h := newAppWith(t, func(c *tina4.Config) {
			c.CrudAccess, c.APIKey = cfg.CrudAccess, cfg.APIKey
			c.Router = router.New()
		}).Handler()
		// Not the default router, so not checked against its document.
		for _, m := range []string{"GET", "POST"} {
			a := withToken(t, h, "", m, "/api/notes", `{"title":"x"}`)
			assert.Equal(t, 401, a.status, "%s without a token: %d %s", m, a.status, a.body)
		}
		a := withToken(t, h, "example-key", "POST", "/api/notes", `{"title":"x"}`)
		assert.Equal(t, 201, a.status, "with the key: %d %s", a.status, a.body)
	})
}
