package openapi_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/tina4stack/tina4-go/tina4/openapi"
)

// A custom route and AutoCrud's routes on the same path under another
// parameter name are one path, with the custom route's name: the custom GET
// hides AutoCrud's, and AutoCrud's other methods are described under it.
func TestPathParameterNames(t *testing.T) {
	r := newRouter(t)
	doc, b := document(t, r)
	if at(doc, "paths|/api/zz_accounts/{id}") != nil {
		t.Error("a second template for /api/zz_accounts/{accountId}")
	}
	item, _ := at(doc, "paths|/api/zz_accounts/{accountId}").(map[string]any)
	var methods []string
	for m := range item {
		methods = append(methods, m)
	}
	slices.Sort(methods)
	if want := []string{"delete", "get", "patch", "put"}; !slices.Equal(methods, want) {
		t.Fatalf("methods %v, want %v", methods, want)
	}
	if got := at(item, "get|summary"); got != "Get an account, custom" {
		t.Errorf("GET is AutoCrud's, which the custom route hides: %v", got)
	}
	for _, m := range methods {
		params := at(item, m+"|parameters").([]any)
		if len(params) != 1 || at(params[0], "name") != "accountId" || at(params[0], "in") != "path" {
			t.Errorf("%s parameters %v", m, params)
		}
	}
	if err := openapi.Validate(b); err != nil {
		t.Fatal(err)
	}
	// The operations described under the custom name answer there.
	if w := send(r, "POST", "/api/zz_accounts", `{"name":"a","password":"p"}`); w.Code != 201 {
		t.Fatalf("create: %d %s", w.Code, w.Body)
	}
	for _, m := range []string{"PATCH", "DELETE"} {
		w := send(r, m, "/api/zz_accounts/1", `{"name":"b"}`)
		if err := openapi.CheckResponse(b, m, "/api/zz_accounts/{accountId}", w.Code, w.Body.Bytes()); err != nil || w.Code >= 300 {
			t.Errorf("%s: %d %v", m, w.Code, err)
		}
	}
}

// Validate refuses templates that differ only in parameter names, and
// operations whose path parameters are not their template's.
func TestValidateRejectsPathTemplates(t *testing.T) {
	_, good := document(t, newRouter(t))
	tests := []struct {
		name  string
		spoil func(paths map[string]any)
		want  string
	}{
		{"templates differing in names", func(paths map[string]any) {
			var twin map[string]any
			raw, _ := json.Marshal(map[string]any{"get": paths["/api/shelves/{id}"].(map[string]any)["get"]})
			_ = json.Unmarshal([]byte(strings.ReplaceAll(string(raw), `"name":"id"`, `"name":"shelfId"`)), &twin)
			delete(paths["/api/shelves/{id}"].(map[string]any), "get")
			paths["/api/shelves/{shelfId}"] = twin
		}, "differ only in parameter names"},
		{"parameter not in template", func(paths map[string]any) {
			p := at(paths, "/api/search/{term}/{score}|get|parameters").([]any)
			p[0].(map[string]any)["name"] = "terms"
		}, "path parameters [score terms]"},
		{"template parameter undeclared", func(paths map[string]any) {
			op := at(paths, "/files/{rest}|get").(map[string]any)
			delete(op, "parameters")
		}, "path parameters [], but the template names [rest]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var doc map[string]any
			if err := json.Unmarshal(good, &doc); err != nil {
				t.Fatal(err)
			}
			tt.spoil(doc["paths"].(map[string]any))
			bad, _ := json.Marshal(doc)
			err := openapi.Validate(bad)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
	if err := openapi.Validate(good); err != nil {
		t.Errorf("the good document fails: %v", err)
	}
}
