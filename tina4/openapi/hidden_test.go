package openapi_test

import (
	"fmt"
	"strings"
	"testing"

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
			if err := checkBody(doc, s.schema, s.body); (err == nil) != s.allowed {
				t.Errorf("the document allows the body: %v, want %v (%v)", err == nil, s.allowed, err)
			}
			w := send(r, s.method, s.path, s.body)
			if w.Code != s.status || !strings.Contains(w.Body.String(), s.errText) {
				t.Fatalf("status %d %s, want %d %q", w.Code, w.Body, s.status, s.errText)
			}
			if strings.Contains(w.Body.String(), `"password"`) || strings.Contains(w.Body.String(), `"token"`) {
				t.Errorf("a hidden column answered: %s", w.Body)
			}
			if err := openapi.CheckResponse(doc, s.method, s.template, w.Code, w.Body.Bytes()); err != nil {
				t.Error(err)
			}
		})
	}
}
