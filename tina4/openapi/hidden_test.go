package openapi_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/openapi"
)

// A hidden column a client may write is in the create and update schemas
// (write-only) and never in an answer; a hidden read-only one is nowhere.
// Each body is checked against the document and sent for real: the
// document allows exactly what the server takes.
func TestHiddenWritableColumns(t *testing.T) {
	r := newRouter(t)
	_, doc := document(t, r)
	steps := []struct {
		method, path, template, schema, body string
		allowed                              bool
		status                               int
		errText                              string
	}{
		{"POST", "/api/zz_accounts", "/api/zz_accounts", "accountCreate", `{"name":"a"}`, false, 400, "password: This field is required"},
		{"POST", "/api/zz_accounts", "/api/zz_accounts", "accountCreate", `{"name":"Zoë","password":"pw"}`, true, 201, ""},
		{"POST", "/api/zz_accounts", "/api/zz_accounts", "accountCreate", `{"name":"b","password":"pw","token":"t"}`, false, 400, "token: is read-only"},
		{"POST", "/api/zz_accounts", "/api/zz_accounts", "accountCreate", `{"name":"c","password":""}`, false, 400, "password: This field is required"},
		{"PATCH", "/api/zz_accounts/1", "/api/zz_accounts/{accountId}", "accountUpdate", `{"password":"new"}`, true, 200, ""},
		{"PATCH", "/api/zz_accounts/1", "/api/zz_accounts/{accountId}", "accountUpdate", `{}`, true, 200, ""},
		{"PUT", "/api/zz_accounts/1", "/api/zz_accounts/{accountId}", "accountUpdate", `{"token":""}`, false, 400, "token: is read-only"},
	}
	for _, s := range steps {
		t.Run(fmt.Sprintf("%s %s %s", s.method, s.path, s.body), func(t *testing.T) {
			err := checkBody(doc, s.schema, s.body)
			assert.Equal(t, s.allowed, err == nil, "the document allows the body")
			w := send(r, s.method, s.path, s.body)
			require.Equal(t, s.status, w.Code, "status")
			require.Contains(t, w.Body.String(), s.errText, "status")
			assert.NotContains(t, w.Body.String(), `"password"`, "a hidden column answered")
			assert.NotContains(t, w.Body.String(), `"token"`, "a hidden column answered")
			err = openapi.CheckResponse(doc, s.method, s.template, w.Code, w.Body.Bytes())
			assert.NoError(t, err)
		})
	}
}
