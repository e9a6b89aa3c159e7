package crud_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// rawCall sends a request with exactly the given headers (no Content-Type
// unless one is given).
func rawCall(tb testing.TB, h http.Handler, method, path, body string, headers map[string]string) *httptest.ResponseRecorder {
	tb.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// contentTypeCases are the headers of a write and the status they get.
var contentTypeCases = []struct {
	name    string
	headers map[string]string
	status  int // for a valid body; 0: the write succeeds
}{
	{"json", map[string]string{"Content-Type": "application/json"}, 0},
	{"json with charset", map[string]string{"Content-Type": "application/json; charset=utf-8"}, 0},
	{"json upper case", map[string]string{"Content-Type": "Application/JSON;Charset=UTF-8"}, 0},
	{"+json", map[string]string{"Content-Type": "application/merge-patch+json"}, 0},
	{"identity encoding", map[string]string{"Content-Type": "application/json", "Content-Encoding": "identity"}, 0},
	{"cross-site form", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, 415},
	{"multipart", map[string]string{"Content-Type": "multipart/form-data; boundary=x"}, 415},
	{"text/plain", map[string]string{"Content-Type": "text/plain;charset=UTF-8"}, 415},
	{"no content type", nil, 415},
	{"not a media type", map[string]string{"Content-Type": "json"}, 415},
	{"lookalike", map[string]string{"Content-Type": "application/jsonp"}, 415},
	{"bare +json", map[string]string{"Content-Type": "application/+json"}, 415},
	{"text/json", map[string]string{"Content-Type": "text/json"}, 415},
	{"latin1", map[string]string{"Content-Type": "application/json; charset=iso-8859-1"}, 415},
	{"gzip", map[string]string{"Content-Type": "application/json", "Content-Encoding": "gzip"}, 415},
	{"br after identity", map[string]string{"Content-Type": "application/json", "Content-Encoding": "identity, br"}, 415},
}

// POST, PUT and PATCH of AutoCrud read only bodies that are JSON by their
// Content-Type; any other (a cross-site form post among them) is 415 and
// writes nothing.
func TestWritesNeedJSONContentType(t *testing.T) { dbtest.Each(t, testWritesNeedJSONContentType) }

func testWritesNeedJSONContentType(t *testing.T) {
	h := newServer(t)
	mustCall(t, h, "POST", "/api/notes", `{"title":"kept"}`, 201)
	for _, tt := range contentTypeCases {
		t.Run(tt.name, func(t *testing.T) {
			for _, method := range []string{"POST", "PUT", "PATCH"} {
				path := "/api/notes"
				if method != "POST" {
					path += "/1"
				}
				before := mustCall(t, h, "GET", "/api/notes", "", 200)
				w := rawCall(t, h, method, path, `{"title":"changed"}`, tt.headers)
				after := mustCall(t, h, "GET", "/api/notes", "", 200)
				if tt.status == 0 {
					assert.Less(t, w.Code, 300, "%s: %s", method, w.Body)
					continue
				}
				require.Equal(t, tt.status, w.Code, "%s: %s", method, w.Body)
				assert.Contains(t, w.Body.String(), `"error":"`)
				assert.Equal(t, before.Body, after.Body, "%s: a refused write changed rows", method)
			}
		})
	}
	t.Run("no body, no content type", func(t *testing.T) {
		w := rawCall(t, h, "POST", "/api/notes", "", nil)
		assert.Equal(t, 400, w.Code, w.Body.String())
		assert.Contains(t, w.Body.String(), "empty body")
	})
	t.Run("delete needs none", func(t *testing.T) {
		w := rawCall(t, h, "DELETE", "/api/notes/1", "", nil)
		assert.Equal(t, 204, w.Code, w.Body.String())
	})
}

// crud.Bind applies the same rule in a custom route.
func TestBindNeedsJSONContentType(t *testing.T) {
	r := router.New()
	r.Post("/notes", func(req *router.Request, res *response.Response) error {
		var n note
		if err := crud.Bind(req, &n); err != nil {
			return err
		}
		return res.JSON(map[string]any{"title": n.Title}, 200)
	}, router.Public())
	for _, tt := range contentTypeCases {
		t.Run(tt.name, func(t *testing.T) {
			w := rawCall(t, r, "POST", "/notes", `{"title":"x"}`, tt.headers)
			if tt.status == 0 {
				assert.Equal(t, 200, w.Code, w.Body.String())
				assert.JSONEq(t, `{"title":"x"}`, w.Body.String())
				return
			}
			assert.Equal(t, tt.status, w.Code, w.Body.String())
		})
	}
}
