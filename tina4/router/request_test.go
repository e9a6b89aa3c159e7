package router_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

type note struct {
	Title string `json:"title"`
	Stars int    `json:"stars"`
	Tags  []string
}

func TestBind(t *testing.T) {
	rt := router.New()
	rt.MaxBodyBytes = 64
	rt.Post("/notes", func(req *router.Request, res *response.Response) error {
		var n note
		if err := req.Bind(&n); err != nil {
			return err
		}
		return res.JSON(n, http.StatusCreated)
	})
	rt.Post("/map", func(req *router.Request, res *response.Response) error {
		m, err := req.JSON()
		if err != nil {
			return err
		}
		return res.Text(fmt.Sprintf("%T %v", m["id"], m["id"]), 200)
	})
	rt.Post("/not-pointer", func(req *router.Request, res *response.Response) error {
		return req.Bind(note{})
	})
	tests := []struct {
		name, path, body string
		wantStatus       int
		wantBody         string
	}{
		{"ok", "/notes", `{"title":"hi","stars":3,"extra":true}`, 201, `{"title":"hi","stars":3,"Tags":null}`},
		{"empty", "/notes", ``, 400, `{"error":"invalid JSON body: empty body"}`},
		{"malformed", "/notes", `{"title":}`, 400, `{"error":"invalid JSON body: invalid character '}' looking for beginning of value (at byte 10)"}`},
		{"truncated", "/notes", `{"title":"a"`, 400, `{"error":"invalid JSON body: unexpected end of input"}`},
		{"wrong type", "/notes", `{"stars":"many"}`, 400, `{"error":"invalid JSON body: field \"stars\" must be an integer, got string"}`},
		{"float for int", "/notes", `{"stars":1.5}`, 400, `{"error":"invalid JSON body: field \"stars\" must be an integer, got number 1.5"}`},
		{"wrong top type", "/notes", `[1]`, 400, `{"error":"invalid JSON body: the body must be an object, got array"}`},
		{"trailing data", "/notes", `{"title":"a"} {"title":"b"}`, 400, `{"error":"invalid JSON body: unexpected data after the JSON value"}`},
		{"trailing garbage", "/notes", `{"title":"a"}x`, 400, `{"error":"invalid JSON body: unexpected data after the JSON value"}`},
		{"trailing space ok", "/notes", "{\"title\":\"a\"}\n ", 201, `{"title":"a","stars":0,"Tags":null}`},
		{"too large", "/notes", `{"title":"` + strings.Repeat("x", 100) + `"}`, 413, `{"error":"request body is larger than 64 bytes"}`},
		{"too large after value", "/notes", `{"title":"a"}` + strings.Repeat(" ", 100), 413, `{"error":"request body is larger than 64 bytes"}`},
		{"map keeps numbers", "/map", `{"id":9007199254740993}`, 200, `json.Number 9007199254740993`},
		{"map needs object", "/map", `[1,2]`, 400, `{"error":"invalid JSON body: the body must be an object, got array"}`},
		{"map null", "/map", `null`, 400, `{"error":"invalid JSON body: expected an object, got null"}`},
		{"bind misuse is a 500", "/not-pointer", `{}`, 500, `{"error":"Internal Server Error"}`},
		{"invalid UTF-8", "/notes", "{\"title\":\"\xff\"}", 400, `{"error":"invalid JSON body: not valid UTF-8 (at byte 10)"}`},
		{"NUL", "/notes", `{"title":"a\u0000"}`, 400, `{"error":"invalid JSON body: strings must not contain NUL (\\u0000) characters (at byte 11)"}`},
		{"NUL in a map", "/map", `{"a\u0000":1}`, 400, `{"error":"invalid JSON body: strings must not contain NUL (\\u0000) characters (at byte 3)"}`},
		{"lone surrogate", "/map", `{"a":"\udc00"}`, 400, `{"error":"invalid JSON body: a string holds an unpaired UTF-16 surrogate \\udc00 (at byte 6)"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			quietLogs(t)
			rec := serve(t, rt, "POST", tt.path, tt.body)
			require.Equal(t, tt.wantStatus, rec.Code)
			require.Equal(t, tt.wantBody, strings.TrimSpace(rec.Body.String()))
		})
	}
}

func TestQueryAndHeaders(t *testing.T) {
	rt := router.New()
	rt.Get("/q", func(req *router.Request, res *response.Response) error {
		page, err := req.QueryInt("page", 1)
		if err != nil {
			return err
		}
		draft, err := req.QueryBool("draft", false)
		if err != nil {
			return err
		}
		return res.Text(fmt.Sprintf("%s page=%d draft=%v q=%s h=%s c=%s route=%s", req.Method(), page, draft,
			req.Query("q"), req.Header("X-Thing"), req.Cookie("sid"), req.Route().Pattern), 0)
	})
	tests := []struct {
		target     string
		wantStatus int
		wantBody   string
	}{
		{"/q", 200, "GET page=1 draft=false q= h=hdr c=abc route=/q"},
		{"/q?page=3&draft=true&q=go+lang", 200, "GET page=3 draft=true q=go lang h=hdr c=abc route=/q"},
		{"/q?page=", 200, "GET page=1 draft=false q= h=hdr c=abc route=/q"},
		{"/q?page=two", 400, `{"error":"query parameter \"page\" must be an integer"}`},
		{"/q?draft=maybe", 400, `{"error":"query parameter \"draft\" must be true or false"}`},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			req := httptest.NewRequest("GET", tt.target, nil)
			req.Header.Set("X-Thing", "hdr")
			req.AddCookie(&http.Cookie{Name: "sid", Value: "abc"})
			rec := httptest.NewRecorder()
			rt.ServeHTTP(rec, req)
			require.Equal(t, tt.wantStatus, rec.Code)
			require.Equal(t, tt.wantBody, strings.TrimSpace(rec.Body.String()))
		})
	}
}

func TestFormAndFile(t *testing.T) {
	rt := router.New()
	rt.MaxBodyBytes = 1024
	rt.Post("/form", func(req *router.Request, res *response.Response) error {
		return res.Text("name="+req.Form("name"), 0)
	})
	rt.Post("/upload", func(req *router.Request, res *response.Response) error {
		f, h, err := req.File("doc")
		if err != nil {
			return err
		}
		defer f.Close()
		data, _ := io.ReadAll(f)
		return res.Text(fmt.Sprintf("%s %s %s", h.Filename, data, req.Form("note")), 0)
	})
	multipartBody := func(fileSize int) (string, *bytes.Buffer) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		_ = mw.WriteField("note", "hello")
		fw, _ := mw.CreateFormFile("doc", "a.txt")
		_, _ = fw.Write(bytes.Repeat([]byte("z"), fileSize))
		_ = mw.Close()
		return mw.FormDataContentType(), &buf
	}
	t.Run("urlencoded", func(t *testing.T) {
		req := httptest.NewRequest("POST", "/form", strings.NewReader("name=Ann+Lee"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		rt.ServeHTTP(rec, req)
		require.Equal(t, "name=Ann Lee", rec.Body.String())
	})
	tests := []struct {
		name       string
		size       int
		field      string
		wantStatus int
		wantBody   string
	}{
		{"file", 3, "doc", 200, "a.txt zzz hello"},
		{"too large", 4096, "doc", 413, `{"error":"request body is larger than 1024 bytes"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ct, body := multipartBody(tt.size)
			req := httptest.NewRequest("POST", "/upload", body)
			req.Header.Set("Content-Type", ct)
			rec := httptest.NewRecorder()
			rt.ServeHTTP(rec, req)
			require.Equal(t, tt.wantStatus, rec.Code)
			require.Equal(t, tt.wantBody, strings.TrimSpace(rec.Body.String()))
		})
	}
	t.Run("missing file", func(t *testing.T) {
		req := httptest.NewRequest("POST", "/upload", strings.NewReader("a=b"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		rt.ServeHTTP(rec, req)
		var body map[string]string
		_ = json.Unmarshal(rec.Body.Bytes(), &body)
		require.Equal(t, 400, rec.Code, "got %d %q", rec.Code, rec.Body.String())
		require.Contains(t, body["error"], `form file "doc"`, "got %d %q", rec.Code, rec.Body.String())
	})
}
