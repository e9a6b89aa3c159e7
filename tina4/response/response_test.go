package response_test

import (
	"encoding/json"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/response"
)

func newRes(tb testing.TB, method, target string) (*response.Response, *httptest.ResponseRecorder) {
	tb.Helper()
	rec := httptest.NewRecorder()
	return response.New(rec, httptest.NewRequest(method, target, nil)), rec
}

func TestWriters(t *testing.T) {
	tests := []struct {
		name       string
		write      func(res *response.Response) error
		wantStatus int
		wantType   string
		wantBody   string
		wantHeader map[string]string
	}{
		{"json default status", func(r *response.Response) error { return r.JSON(map[string]int{"a": 1}, 0) },
			200, "application/json; charset=utf-8", `{"a":1}` + "\n", nil},
		{"json no html escaping", func(r *response.Response) error { return r.JSON("<b>&</b>", 201) },
			201, "application/json; charset=utf-8", `"<b>&</b>"` + "\n", nil},
		{"json nil 204 no body", func(r *response.Response) error { return r.JSON(nil, 204) },
			204, "application/json; charset=utf-8", "", nil},
		{"json nil 200 is null", func(r *response.Response) error { return r.JSON(nil, 200) },
			200, "application/json; charset=utf-8", "null\n", nil},
		{"html", func(r *response.Response) error { return r.HTML("<h1>hi</h1>", 0) },
			200, "text/html; charset=utf-8", "<h1>hi</h1>", map[string]string{"Content-Length": "11"}},
		{"text with status", func(r *response.Response) error { return r.Text("nope", 418) },
			418, "text/plain; charset=utf-8", "nope", nil},
		{"status only", func(r *response.Response) error { return r.Status(202) },
			202, "", "", nil},
		{"redirect default 302", func(r *response.Response) error { return r.Redirect("/login", 0) },
			302, "", "", map[string]string{"Location": "/login"}},
		{"redirect 301", func(r *response.Response) error { return r.Redirect("https://example.com/", 301) },
			301, "", "", map[string]string{"Location": "https://example.com/"}},
		{"header and cookie chain", func(r *response.Response) error {
			return r.Header("X-Id", "7").Cookie(&http.Cookie{Name: "s", Value: "v"}).Text("ok", 0)
		}, 200, "text/plain; charset=utf-8", "ok", map[string]string{"X-Id": "7", "Set-Cookie": "s=v"}},
		{"raw writer", func(r *response.Response) error {
			r.Writer().WriteHeader(207)
			_, err := r.Writer().Write([]byte("raw"))
			return err
		}, 207, "", "raw", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, rec := newRes(t, "GET", "/")
			require.False(t, res.Written(), "Written before writing")
			err := tt.write(res)
			require.NoError(t, err, "write")
			assert.True(t, res.Written(), "Written=%v StatusCode=%d, want true %d", res.Written(), res.StatusCode(), tt.wantStatus)
			assert.Equal(t, tt.wantStatus, res.StatusCode(), "Written=%v StatusCode=%d, want true %d", res.Written(), res.StatusCode(), tt.wantStatus)
			assert.Equal(t, tt.wantStatus, rec.Code, "status")
			if tt.wantType != "" {
				assert.Equal(t, tt.wantType, rec.Header().Get("Content-Type"), "Content-Type")
			}
			if tt.wantBody != "" || tt.wantStatus == 204 {
				got := rec.Body.String()
				assert.Equal(t, tt.wantBody, got, "body")
			}
			for k, v := range tt.wantHeader {
				got := rec.Header().Get(k)
				assert.Equal(t, v, got, "header %s = %q, want %q", k, got, v)
			}
		})
	}
}

func TestJSONEncodeErrorWritesNothing(t *testing.T) {
	res, rec := newRes(t, "GET", "/")
	err := res.JSON(math.NaN(), 200)
	require.Error(t, err, "want an error for NaN")
	require.False(t, res.Written(), "wrote %q after encode error", rec.Body.String())
	require.Equal(t, 0, rec.Body.Len(), "wrote %q after encode error", rec.Body.String())
	require.NoError(t, res.Error(err))
	require.Equal(t, 500, rec.Code)
	require.Contains(t, rec.Body.String(), "Internal Server Error")
}

func TestRedirectWithoutRequest(t *testing.T) {
	rec := httptest.NewRecorder()
	err := response.New(rec, nil).Redirect("/next", 0)
	require.NoError(t, err)
	require.Equal(t, 302, rec.Code)
	require.Equal(t, "/next", rec.Header().Get("Location"))
}

func TestRedirectRejectsNon3xx(t *testing.T) {
	res, _ := newRes(t, "GET", "/")
	err := res.Redirect("/x", 200)
	require.Error(t, err, "want error for status 200")
}

func TestFileAndDownload(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "notes.txt")
	err := os.WriteFile(path, []byte("hello file"), 0o644)
	require.NoError(t, err)
	tests := []struct {
		name        string
		serve       func(r *response.Response) error
		wantStatus  int
		wantBody    string
		wantDispo   string
		wantErrCode int
	}{
		{"file", func(r *response.Response) error { return r.File(path) }, 200, "hello file", "", 0},
		{"download named", func(r *response.Response) error { return r.Download(path, "my notes.txt") },
			200, "hello file", `attachment; filename="my notes.txt"`, 0},
		{"download default name", func(r *response.Response) error { return r.Download(path, "") },
			200, "hello file", "attachment; filename=notes.txt", 0},
		{"missing", func(r *response.Response) error { return r.File(filepath.Join(dir, "nope")) }, 0, "", "", 404},
		{"directory", func(r *response.Response) error { return r.File(dir) }, 0, "", "", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, rec := newRes(t, "GET", "/")
			err := tt.serve(res)
			if tt.wantErrCode != 0 {
				require.Error(t, err, "err = %v (status %d), want status %d", err, response.StatusOf(err), tt.wantErrCode)
				require.Equal(t, tt.wantErrCode, response.StatusOf(err), "err = %v (status %d), want status %d", err, response.StatusOf(err), tt.wantErrCode)
				require.False(t, res.Written(), "wrote on error")
				require.NotContains(t, response.Message(err), dir, "message %q leaks the server path", response.Message(err))
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantStatus, rec.Code)
			assert.Equal(t, tt.wantBody, rec.Body.String())
			got := rec.Header().Get("Content-Disposition")
			assert.Equal(t, tt.wantDispo, got, "Content-Disposition")
			ct := rec.Header().Get("Content-Type")
			assert.True(t, strings.HasPrefix(ct, "text/plain"), "Content-Type")
		})
	}
}

func TestFileRange(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.txt")
	err := os.WriteFile(path, []byte("0123456789"), 0o644)
	require.NoError(t, err)
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Range", "bytes=2-4")
	err = response.New(rec, req).File(path)
	require.NoError(t, err)
	require.Equal(t, http.StatusPartialContent, rec.Code)
	require.Equal(t, "234", rec.Body.String())
}

func TestJSONBytesMatchesJSON(t *testing.T) {
	for _, status := range []int{0, 201, 204, 304} {
		a, b := httptest.NewRecorder(), httptest.NewRecorder()
		v := map[string]any{"title": "Zoë ✓", "n": 2}
		err := response.New(a, nil).JSON(v, status)
		require.NoError(t, err)
		enc, _ := json.Marshal(v)
		err = response.New(b, nil).JSONBytes(enc, status)
		require.NoError(t, err)
		assert.Equal(t, b.Code, a.Code, "status %d: JSON wrote %d %q %v, JSONBytes %d %q %v", status, a.Code, a.Body, a.Header(), b.Code, b.Body, b.Header())
		assert.Equal(t, b.Body.String(), a.Body.String(), "status %d: JSON wrote %d %q %v, JSONBytes %d %q %v", status, a.Code, a.Body, a.Header(), b.Code, b.Body, b.Header())
		assert.Equal(t, b.Header().Get("Content-Type"), a.Header().Get("Content-Type"), "status %d: JSON wrote %d %q %v, JSONBytes %d %q %v", status, a.Code, a.Body, a.Header(), b.Code, b.Body, b.Header())
		assert.Equal(t, b.Header().Get("Content-Length"), a.Header().Get("Content-Length"), "status %d: JSON wrote %d %q %v, JSONBytes %d %q %v", status, a.Code, a.Body, a.Header(), b.Code, b.Body, b.Header())
	}
}

// TestJSONBytesHeadersApart: the two header values JSONBytes sets share one
// allocation; adding to one must leave the other as it was.
func TestJSONBytesHeadersApart(t *testing.T) {
	rec := httptest.NewRecorder()
	require.NoError(t, response.New(rec, nil).JSONBytes([]byte(`{"a":1}`), 200))
	rec.Header().Add("Content-Type", "text/x-extra")
	rec.Header()["Content-Type"][0] = "text/changed"
	assert.Equal(t, []string{"8"}, rec.Header()["Content-Length"])
	assert.Equal(t, []string{"text/changed", "text/x-extra"}, rec.Header()["Content-Type"])
}
