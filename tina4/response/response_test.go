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
			if res.Written() {
				t.Fatal("Written before writing")
			}
			if err := tt.write(res); err != nil {
				t.Fatalf("write: %v", err)
			}
			if !res.Written() || res.StatusCode() != tt.wantStatus {
				t.Errorf("Written=%v StatusCode=%d, want true %d", res.Written(), res.StatusCode(), tt.wantStatus)
			}
			if rec.Code != tt.wantStatus {
				t.Errorf("status = %d, want %d", rec.Code, tt.wantStatus)
			}
			if tt.wantType != "" && rec.Header().Get("Content-Type") != tt.wantType {
				t.Errorf("Content-Type = %q, want %q", rec.Header().Get("Content-Type"), tt.wantType)
			}
			if tt.wantBody != "" || tt.wantStatus == 204 {
				if got := rec.Body.String(); got != tt.wantBody {
					t.Errorf("body = %q, want %q", got, tt.wantBody)
				}
			}
			for k, v := range tt.wantHeader {
				if got := rec.Header().Get(k); got != v {
					t.Errorf("header %s = %q, want %q", k, got, v)
				}
			}
		})
	}
}

func TestJSONEncodeErrorWritesNothing(t *testing.T) {
	res, rec := newRes(t, "GET", "/")
	err := res.JSON(math.NaN(), 200)
	if err == nil {
		t.Fatal("want an error for NaN")
	}
	if res.Written() || rec.Body.Len() != 0 {
		t.Fatalf("wrote %q after encode error", rec.Body.String())
	}
	if err := res.Error(err); err != nil {
		t.Fatal(err)
	}
	if rec.Code != 500 || !strings.Contains(rec.Body.String(), "Internal Server Error") {
		t.Fatalf("got %d %q", rec.Code, rec.Body.String())
	}
}

func TestRedirectWithoutRequest(t *testing.T) {
	rec := httptest.NewRecorder()
	if err := response.New(rec, nil).Redirect("/next", 0); err != nil {
		t.Fatal(err)
	}
	if rec.Code != 302 || rec.Header().Get("Location") != "/next" {
		t.Fatalf("got %d %v", rec.Code, rec.Header())
	}
}

func TestRedirectRejectsNon3xx(t *testing.T) {
	res, _ := newRes(t, "GET", "/")
	if err := res.Redirect("/x", 200); err == nil {
		t.Fatal("want error for status 200")
	}
}

func TestFileAndDownload(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(path, []byte("hello file"), 0o644); err != nil {
		t.Fatal(err)
	}
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
				if err == nil || response.StatusOf(err) != tt.wantErrCode {
					t.Fatalf("err = %v (status %d), want status %d", err, response.StatusOf(err), tt.wantErrCode)
				}
				if res.Written() {
					t.Fatal("wrote on error")
				}
				if strings.Contains(response.Message(err), dir) {
					t.Fatalf("message %q leaks the server path", response.Message(err))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if rec.Code != tt.wantStatus || rec.Body.String() != tt.wantBody {
				t.Errorf("got %d %q", rec.Code, rec.Body.String())
			}
			if got := rec.Header().Get("Content-Disposition"); got != tt.wantDispo {
				t.Errorf("Content-Disposition = %q, want %q", got, tt.wantDispo)
			}
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
				t.Errorf("Content-Type = %q", ct)
			}
		})
	}
}

func TestFileRange(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.txt")
	if err := os.WriteFile(path, []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Range", "bytes=2-4")
	if err := response.New(rec, req).File(path); err != nil {
		t.Fatal(err)
	}
	if rec.Code != http.StatusPartialContent || rec.Body.String() != "234" {
		t.Fatalf("got %d %q", rec.Code, rec.Body.String())
	}
}

func TestJSONBytesMatchesJSON(t *testing.T) {
	for _, status := range []int{0, 201, 204, 304} {
		a, b := httptest.NewRecorder(), httptest.NewRecorder()
		v := map[string]any{"title": "Zoë ✓", "n": 2}
		if err := response.New(a, nil).JSON(v, status); err != nil {
			t.Fatal(err)
		}
		enc, _ := json.Marshal(v)
		if err := response.New(b, nil).JSONBytes(enc, status); err != nil {
			t.Fatal(err)
		}
		if a.Code != b.Code || a.Body.String() != b.Body.String() ||
			a.Header().Get("Content-Type") != b.Header().Get("Content-Type") ||
			a.Header().Get("Content-Length") != b.Header().Get("Content-Length") {
			t.Errorf("status %d: JSON wrote %d %q %v, JSONBytes %d %q %v", status,
				a.Code, a.Body, a.Header(), b.Code, b.Body, b.Header())
		}
	}
}
