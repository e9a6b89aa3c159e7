package openapi_test

import (
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/openapi"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// An operation needs the bearer scheme and documents the 401 exactly when
// the router asks for a token (router.NeedsAuth): custom writes unless
// Public, reads when Secured, AutoCrud as configured. The 401 the router
// writes without a token matches the document.
func TestSecurityFollowsNeedsAuth(t *testing.T) {
	r := router.New()
	r.Auth = func(req *http.Request) (map[string]any, error) {
		if req.Header.Get("Authorization") == "Bearer good" {
			return map[string]any{"sub": "t"}, nil
		}
		return nil, errors.New("no valid token")
	}
	ok := func(req *router.Request, res *response.Response) error { return res.JSON(map[string]int{"ok": 1}, 200) }
	type okBody struct {
		OK int `json:"ok"`
	}
	r.Post("/api/public", ok, router.Public(), router.Returns(200, okBody{}))
	r.Post("/api/ping", ok)
	r.Put("/api/ping", ok)
	r.Get("/api/secret", ok, router.Secured())
	r.Get("/api/open", ok, router.Returns(200, okBody{}))
	r.Delete("/api/both", ok, router.Public(), router.Secured()) // Secured wins
	crud.Register[shelf](r, "/all", crud.Secured())
	crud.Register[book](r, "/writes", crud.SecuredWrites())
	crud.Register[account](r, "/open")
	parsed, doc := document(t, r)
	err := openapi.Validate(doc)
	require.NoError(t, err)
	tests := []struct {
		method, path, template string
		secured, send          bool // send: request it without a token
	}{
		{"POST", "/api/public", "/api/public", false, true},
		{"POST", "/api/ping", "/api/ping", true, true},
		{"PUT", "/api/ping", "/api/ping", true, true},
		{"GET", "/api/secret", "/api/secret", true, true},
		{"GET", "/api/open", "/api/open", false, true},
		{"DELETE", "/api/both", "/api/both", true, true},
		{"GET", "/all/shelves", "/all/shelves", true, true},
		{"POST", "/all/shelves", "/all/shelves", true, true},
		{"GET", "/all/shelves/1", "/all/shelves/{id}", true, true},
		{"DELETE", "/all/shelves/1", "/all/shelves/{id}", true, true},
		{"GET", "/writes/books", "/writes/books", false, false},
		{"GET", "/writes/books/1", "/writes/books/{id}", false, false},
		{"POST", "/writes/books", "/writes/books", true, true},
		{"PUT", "/writes/books/1", "/writes/books/{id}", true, true},
		{"PATCH", "/writes/books/1", "/writes/books/{id}", true, true},
		{"DELETE", "/writes/books/1", "/writes/books/{id}", true, true},
		{"GET", "/open/zz_accounts", "/open/zz_accounts", false, false},
		{"POST", "/open/zz_accounts", "/open/zz_accounts", false, false},
		{"DELETE", "/open/zz_accounts/1", "/open/zz_accounts/{id}", false, false},
	}
	bearer := []any{map[string]any{"bearerAuth": []any{}}}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			op := at(parsed, "paths|"+tt.template+"|"+strings.ToLower(tt.method))
			require.NotEqual(t, nil, op, "not described")
			gotSec := at(op, "security")
			assert.False(t, tt.secured && !reflect.DeepEqual(gotSec, bearer), "security %v, want secured=%v", gotSec, tt.secured)
			assert.False(t, !tt.secured && !reflect.DeepEqual(gotSec, []any{}), "security %v, want secured=%v", gotSec, tt.secured)
			got := at(op, "responses|401|content|application/json|schema|$ref")
			assert.Equal(t, got == "#/components/schemas/Error", tt.secured, "401 answer %v, want documented=%v", got, tt.secured)
			if !tt.send {
				return
			}
			w := send(r, tt.method, tt.path, `{}`)
			want := map[bool]int{true: 401, false: 200}[tt.secured]
			require.Equal(t, want, w.Code, "status %d without a token, want %d: %s", w.Code, want, w.Body)
			err := openapi.CheckResponse(doc, tt.method, tt.template, w.Code, w.Body.Bytes())
			assert.NoError(t, err)
		})
	}
	got := at(parsed, "components|securitySchemes|bearerAuth|scheme")
	assert.Equal(t, "bearer", got, "bearer scheme")
}
