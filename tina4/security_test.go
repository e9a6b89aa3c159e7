package tina4_test

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/apptest"
	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/auth"
	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

const testSecret = "0123456789abcdef0123456789abcdef-test"

// newAppWith builds an App on a fresh router, a temporary SQLite file and
// the defaults changed by edit.
func newAppWith(tb testing.TB, r *router.Router, edit func(*tina4.Config)) (*tina4.App, *syncBuffer) {
	tb.Helper()
	logs := &syncBuffer{}
	cfg := tina4.DefaultConfig()
	cfg.DatabaseURL = "sqlite:///" + filepath.Join(tb.TempDir(), "app.db")
	cfg.Router = r
	cfg.Logger = slog.New(slog.NewJSONHandler(logs, nil))
	if edit != nil {
		edit(&cfg)
	}
	app, err := tina4.New(cfg)
	require.NoError(tb, err, "New")
	tb.Cleanup(func() { app.Close() })
	return app, logs
}

// send serves one request with the given headers ("Name: value").
func send(tb testing.TB, h http.Handler, method, path, body string, headers ...string) *httptest.ResponseRecorder {
	tb.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for _, hv := range headers {
		k, v, _ := strings.Cut(hv, ": ")
		req.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// guardedRouter has one route of each kind: a write (needs a token), a
// public write, a read, and a secured read answering the token's subject.
func guardedRouter() *router.Router {
	r := router.New()
	ok := func(req *router.Request, res *response.Response) error {
		return res.JSON(map[string]any{"sub": auth.Claims(req.Claims()).Subject()}, http.StatusOK)
	}
	r.Post("/write", ok)
	r.Post("/open", ok, router.Public())
	r.Get("/read", ok)
	r.Get("/me", ok, router.Secured())
	return r
}

func TestAccessControlFromConfig(t *testing.T) {
	valid, err := auth.IssueToken(testSecret, auth.Claims{"sub": "alice"}, time.Hour)
	require.NoError(t, err)
	otherSecret, _ := auth.IssueToken("another-secret-another-secret-xx", auth.Claims{"sub": "mallory"}, time.Hour)
	expired, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": "alice", "exp": time.Now().Add(-time.Minute).Unix()}).SignedString([]byte(testSecret))
	none, _ := jwt.NewWithClaims(jwt.SigningMethodNone, jwt.MapClaims{"sub": "alice", "exp": time.Now().Add(time.Hour).Unix()}).SignedString(jwt.UnsafeAllowNoneSignatureType)

	configs := map[string]func(*tina4.Config){
		"nothing set": nil,
		"api key":     func(c *tina4.Config) { c.APIKey = "key-123" },
		"secret":      func(c *tina4.Config) { c.Secret = testSecret },
		"both":        func(c *tina4.Config) { c.Secret, c.APIKey = testSecret, "key-123" },
	}
	tokens := []struct {
		name, token string
		validIn     []string // the configs that accept it; its subject is sub
		sub         string
	}{
		{"no token", "", nil, ""},
		{"api key", "key-123", []string{"api key", "both"}, "api_key"},
		{"jwt", valid, []string{"secret", "both"}, "alice"},
		{"jwt of another secret", otherSecret, nil, ""},
		{"expired jwt", expired, nil, ""},
		{"alg none", none, nil, ""},
		{"garbage", "x.y.z", nil, ""},
	}
	for cname, edit := range configs {
		app, _ := newAppWith(t, guardedRouter(), edit)
		h := app.Handler()
		for _, tk := range tokens {
			ok := false
			for _, c := range tk.validIn {
				ok = ok || c == cname
			}
			var hdr []string
			if tk.token != "" {
				hdr = append(hdr, "Authorization: Bearer "+tk.token)
			}
			t.Run(cname+"/"+tk.name, func(t *testing.T) {
				for _, rq := range []struct {
					method, path string
					guarded      bool
				}{{"POST", "/write", true}, {"GET", "/me", true}, {"POST", "/open", false}, {"GET", "/read", false}} {
					w := send(t, h, rq.method, rq.path, "", hdr...)
					switch {
					case rq.guarded && !ok:
						assert.Equal(t, 401, w.Code, "%s %s: %d %s, want 401", rq.method, rq.path, w.Code, w.Body)
						assert.Equal(t, `{"error":"Unauthorized"}`, strings.TrimSpace(w.Body.String()), "%s %s: %d %s, want 401", rq.method, rq.path, w.Code, w.Body)
					case w.Code != 200:
						assert.Fail(t, fmt.Sprintf("%s %s: %d %s, want 200", rq.method, rq.path, w.Code, w.Body))
					case ok && !strings.Contains(w.Body.String(), `"sub":"`+tk.sub+`"`):
						assert.Fail(t, fmt.Sprintf("%s %s: claims %s, want sub %s", rq.method, rq.path, w.Body, tk.sub))
					}
				}
			})
		}
	}
}

func TestIssueTokenUsesTheSecret(t *testing.T) {
	app, _ := newAppWith(t, guardedRouter(), func(c *tina4.Config) { c.Secret = testSecret })
	tok, err := app.IssueToken(auth.Claims{"sub": "bob"}, time.Minute)
	require.NoError(t, err)
	w := send(t, app.Handler(), "GET", "/me", "", "Authorization: Bearer "+tok)
	assert.Equal(t, 200, w.Code)
	assert.Contains(t, w.Body.String(), "bob")
	bare, _ := newAppWith(t, router.New(), nil)
	_, err = bare.IssueToken(auth.Claims{"sub": "bob"}, time.Minute)
	assert.Error(t, err, "issued a token without a SECRET")
}

// With neither SECRET nor TINA4_API_KEY, start-up says once why guarded
// routes refuse everything, and names them.
func TestStartupLogExplainsClosedRoutes(t *testing.T) {
	_, logs := newAppWith(t, guardedRouter(), nil)
	out := logs.String()
	assert.Equal(t, 1, strings.Count(out, "neither SECRET nor TINA4_API_KEY is set"), "start-up log")
	assert.Contains(t, out, "POST /write", "start-up log")
	assert.Contains(t, out, "GET /me", "start-up log")
	assert.NotContains(t, out, "POST /open", "start-up log")
	_, logs = newAppWith(t, guardedRouter(), func(c *tina4.Config) { c.APIKey = "k" })
	assert.NotContains(t, logs.String(), "neither SECRET", "warned with an API key")
	_, logs = newAppWith(t, guardedRouter(), func(c *tina4.Config) { c.Secret = "short" })
	assert.Contains(t, logs.String(), "SECRET is shorter than 32 bytes", "no warning for a short secret")
	open := router.New()
	open.Post("/x", func(*router.Request, *response.Response) error { return nil }, router.Public())
	_, logs = newAppWith(t, open, nil)
	assert.NotContains(t, logs.String(), "neither SECRET", "warned with no guarded route")
}

func TestAutoCrudSecuredFromConfig(t *testing.T) {
	tests := []struct {
		access              crud.Access
		anonRead, anonWrite int
	}{
		{crud.AccessPublic, 200, 201},
		{crud.AccessSecuredWrites, 200, 401},
		{crud.AccessSecured, 401, 401},
	}
	for _, tt := range tests {
		t.Run(tt.access.String(), func(t *testing.T) {
			app, _ := newAppWith(t, router.New(), func(c *tina4.Config) { c.CrudAccess, c.APIKey = tt.access, "key" })
			h := app.Handler()
			w := send(t, h, "POST", "/api/widgets", `{"name":"a"}`)
			assert.Equal(t, tt.anonWrite, w.Code, "anonymous POST: %d %s", w.Code, w.Body)
			w = send(t, h, "GET", "/api/widgets", "")
			assert.Equal(t, tt.anonRead, w.Code, "anonymous GET: %d %s", w.Code, w.Body)
			w = send(t, h, "POST", "/api/widgets", `{"name":"b"}`, "Authorization: Bearer key")
			assert.Equal(t, 201, w.Code, "POST with the key: %d %s", w.Code, w.Body)
			w = send(t, h, "GET", "/api/widgets", "", "Authorization: Bearer key")
			want := `"total":2`
			if tt.anonWrite == 401 {
				want = `"total":1` // the anonymous POST wrote nothing
			}
			assert.Equal(t, 200, w.Code, "GET with the key")
			assert.Contains(t, w.Body.String(), want, "GET with the key")
			w = send(t, h, "GET", "/health", "")
			assert.Equal(t, 200, w.Code, "health")
		})
	}
}

func TestCORS(t *testing.T) {
	preflight := func(h http.Handler, origin string) *httptest.ResponseRecorder {
		return send(t, h, "OPTIONS", "/write", "", "Origin: "+origin, "Access-Control-Request-Method: POST",
			"Access-Control-Request-Headers: authorization,content-type")
	}
	t.Run("off unless set", func(t *testing.T) {
		app, _ := newAppWith(t, guardedRouter(), nil)
		h := app.Handler()
		w := send(t, h, "GET", "/read", "", "Origin: https://evil.example")
		assert.Equal(t, "", w.Header().Get("Access-Control-Allow-Origin"), "CORS header with CORS off")
		w = preflight(h, "https://evil.example")
		assert.Equal(t, "", w.Header().Get("Access-Control-Allow-Origin"), "preflight with CORS off: %d %v", w.Code, w.Header())
		assert.NotEqual(t, "", w.Header().Get("Allow"), "preflight with CORS off: %d %v", w.Code, w.Header())
	})
	t.Run("listed origins", func(t *testing.T) {
		app, _ := newAppWith(t, guardedRouter(), func(c *tina4.Config) {
			c.CORSOrigins = "https://app.example.com, https://admin.example.com"
		})
		h := app.Handler()
		w := preflight(h, "https://app.example.com")
		hd := w.Header()
		assert.Equal(t, 204, w.Code, "preflight")
		assert.Equal(t, "https://app.example.com", hd.Get("Access-Control-Allow-Origin"), "preflight")
		assert.Contains(t, hd.Get("Access-Control-Allow-Methods"), "POST", "preflight")
		assert.Contains(t, strings.ToLower(hd.Get("Access-Control-Allow-Headers")), "authorization", "preflight")
		assert.Equal(t, "600", hd.Get("Access-Control-Max-Age"), "preflight")
		assert.Equal(t, "", hd.Get("Access-Control-Allow-Credentials"), "preflight")
		w = preflight(h, "https://evil.example")
		assert.Equal(t, "", w.Header().Get("Access-Control-Allow-Origin"), "preflight of another origin allowed: %v", w.Header())
		// A refused write still carries the header, so the browser can read the 401.
		w = send(t, h, "POST", "/write", "", "Origin: https://admin.example.com")
		assert.Equal(t, 401, w.Code, "401")
		assert.Equal(t, "https://admin.example.com", w.Header().Get("Access-Control-Allow-Origin"), "401")
		w = send(t, h, "GET", "/read", "", "Origin: https://evil.example")
		assert.Equal(t, 200, w.Code, "GET from another origin")
		assert.Equal(t, "", w.Header().Get("Access-Control-Allow-Origin"), "GET from another origin")
	})
	t.Run("any origin, credentials, max age", func(t *testing.T) {
		app, _ := newAppWith(t, guardedRouter(), func(c *tina4.Config) { c.CORSOrigins, c.CORSMaxAge = "*", 0 })
		w := preflight(app.Handler(), "https://x.example")
		assert.Equal(t, "*", w.Header().Get("Access-Control-Allow-Origin"), "*")
		assert.Equal(t, "0", w.Header().Get("Access-Control-Max-Age"), "*")
		app, _ = newAppWith(t, guardedRouter(), func(c *tina4.Config) { c.CORSOrigins, c.CORSCredentials = "https://a.example", true })
		w = preflight(app.Handler(), "https://a.example")
		assert.Equal(t, "true", w.Header().Get("Access-Control-Allow-Credentials"), "credentials")
		cfg := tina4.DefaultConfig()
		cfg.DatabaseURL = "sqlite::memory:"
		cfg.Router = router.New()
		cfg.CORSOrigins, cfg.CORSCredentials = "*", true
		_, err := tina4.New(cfg)
		if assert.Error(t, err, "credentials with *") {
			assert.Contains(t, err.Error(), "TINA4_CORS_CREDENTIALS", "credentials with *")
		}
	})
}

// Headers over TINA4_MAX_HEADER_BYTES answer 431 from a real server: JSON
// just past the limit, the server's own plain answer far past it.
func TestHeaderSizeLimit(t *testing.T) {
	app, _ := newAppWith(t, guardedRouter(), func(c *tina4.Config) { c.MaxHeaderBytes = 2048 })
	base := apptest.Serve(t, app).URL
	tests := []struct {
		name   string
		size   int
		status int
		json   bool
	}{
		{"small", 100, 200, true},
		{"just under", 1800, 200, true},
		{"just over", 2500, 431, true},
		{"far over", 64 << 10, 431, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", base+"/read", nil)
			req.Header.Set("X-Big", strings.Repeat("a", tt.size))
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			require.Equal(t, tt.status, resp.StatusCode, "status %d %s, want %d", resp.StatusCode, b, tt.status)
			var body map[string]string
			if tt.json {
				if assert.NoError(t, json.Unmarshal(b, &body), "body") {
					assert.False(t, tt.status == 431 && body["error"] != "request headers are larger than 2048 bytes", "body")
				}
			}
		})
	}
}

// A client that never finishes its headers is cut off after
// TINA4_READ_HEADER_TIMEOUT (slowloris).
func TestReadHeaderTimeout(t *testing.T) {
	app, _ := newAppWith(t, guardedRouter(), func(c *tina4.Config) { c.ReadHeaderTimeout = 200 * time.Millisecond })
	conn, err := net.Dial("tcp", strings.TrimPrefix(apptest.Serve(t, app).URL, "http://"))
	require.NoError(t, err)
	defer conn.Close()
	if _, err := conn.Write([]byte("GET /read HTTP/1.1\r\nHost: x\r\nX-Slow: ")); err != nil {
		require.NoError(t, err)
	}
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	b, err := io.ReadAll(conn) // returns when the server closes the connection
	ne, ok := err.(net.Error)
	if ok {
		require.False(t, ne.Timeout(), "the server kept the connection open for 10s; read %q", b)
	}
	assert.NotContains(t, string(b), "200 OK", "answered an unfinished request")
}
