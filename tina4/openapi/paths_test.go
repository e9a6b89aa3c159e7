package openapi_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/openapi"
)

// A custom route and AutoCrud's routes on the same path under another
// parameter name are one path, with the custom route's name: the custom GET
// hides AutoCrud's, and AutoCrud's other methods are described under it.
func TestPathParameterNames(t *testing.T) {
	r := newRouter(t)
	doc, b := document(t, r)
	assert.Equal(t, nil, at(doc, "paths|/api/zz_accounts/{id}"), "a second template for /api/zz_accounts/{accountId}")
	item, _ := at(doc, "paths|/api/zz_accounts/{accountId}").(map[string]any)
	var methods []string
	for m := range item {
		methods = append(methods, m)
	}
	slices.Sort(methods)
	want := []string{"delete", "get", "patch", "put"}
	require.True(t, slices.Equal(methods, want), "methods")
	got := at(item, "get|summary")
	assert.Equal(t, "Get an account, custom", got, "GET is AutoCrud's, which the custom route hides")
	for _, m := range methods {
		params := at(item, m+"|parameters").([]any)
		if assert.Len(t, params, 1, "%s parameters %v", m, params) && assert.Equal(t, "accountId", at(params[0], "name"), "%s parameters %v", m, params) {
			assert.Equal(t, "path", at(params[0], "in"), "%s parameters %v", m, params)
		}
	}
	err := openapi.Validate(b)
	require.NoError(t, err)
	// The operations described under the custom name answer there.
	w := send(r, "POST", "/api/zz_accounts", `{"name":"a","password":"p"}`)
	require.Equal(t, 201, w.Code, "create: %d %s", w.Code, w.Body)
	for _, m := range []string{"PATCH", "DELETE"} {
		w := send(r, m, "/api/zz_accounts/1", `{"name":"b"}`)
		err := openapi.CheckResponse(b, m, "/api/zz_accounts/{accountId}", w.Code, w.Body.Bytes())
		if assert.NoError(t, err, "%s: %d %v", m, w.Code, err) {
			assert.Less(t, w.Code, 300, "%s: %d %v", m, w.Code, err)
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
			require.NoError(t, json.Unmarshal(good, &doc))
			tt.spoil(doc["paths"].(map[string]any))
			bad, _ := json.Marshal(doc)
			err := openapi.Validate(bad)
			if assert.Error(t, err) {
				assert.Contains(t, err.Error(), tt.want)
			}
		})
	}
	err := openapi.Validate(good)
	assert.NoError(t, err, "the good document fails")
}
