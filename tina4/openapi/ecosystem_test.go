package openapi_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/openapi"
)

// clientName is the identifier common generators derive from a parameter
// name (oapi-codegen: shelf_id and shelf__id are both ShelfId).
func clientName(name string) string {
	return strings.ToLower(strings.NewReplacer("_", "", "-", "", ".", "").Replace(name))
}

func TestNoTwoParametersShareAClientName(t *testing.T) {
	doc, _ := document(t, newRouter(t))
	for path, item := range doc["paths"].(map[string]any) {
		for method, op := range item.(map[string]any) {
			t.Run(method+" "+path, func(t *testing.T) {
				seen := map[string]string{}
				params, _ := at(op, "parameters").([]any)
				for _, p := range params {
					name := at(p, "name").(string)
					id := at(p, "in").(string) + " " + clientName(name)
					assert.Empty(t, seen[id], "%s and %s map to one identifier", seen[id], name)
					seen[id] = name
				}
			})
		}
	}
}

func TestListDescribesTraversalsInTheirEqualityForm(t *testing.T) {
	doc, _ := document(t, newRouter(t))
	list := at(doc, "paths|/api/books|get")
	names := map[string]bool{}
	for _, p := range at(list, "parameters").([]any) {
		names[at(p, "name").(string)] = true
	}
	assert.True(t, names["shelf_id"], "the foreign-key column")
	assert.True(t, names["shelf__label"], "a traversal, equality form")
	assert.False(t, names["shelf__id"], "the related key, redundant with shelf_id")
	assert.False(t, names["shelf__label__icontains"], "a traversal operator")
	assert.True(t, names["title__icontains"], "an operator of the model's own column")
	assert.Contains(t, at(list, "description"), "every operator of the related column")
	assert.False(t, names["title__ne"], "an operator the description names instead")
	assert.Less(t, len(names), 90)
}

func TestPublicOperationsSaySecurityEmpty(t *testing.T) {
	doc, _ := document(t, newRouter(t))
	for path, item := range doc["paths"].(map[string]any) {
		for method, op := range item.(map[string]any) {
			sec, ok := op.(map[string]any)["security"]
			require.True(t, ok, "%s %s has no security", method, path)
			if len(sec.([]any)) == 0 {
				assert.Nil(t, at(op, "responses|401"), "%s %s is public but documents 401", method, path)
			}
		}
	}
}

func TestServersLicenseAndTags(t *testing.T) {
	info := openapi.Info{Title: "Shop", Version: "2.1.0", Description: "The shop.",
		License: &openapi.License{Name: "MIT", Identifier: "MIT"}}
	built := openapi.Build(newRouter(t), info, openapi.WithServers(openapi.Server{URL: "https://api.example.com"}))
	b, err := json.Marshal(built)
	require.NoError(t, err)
	require.NoError(t, openapi.Validate(b))
	var doc map[string]any
	require.NoError(t, json.Unmarshal(b, &doc))
	assert.Equal(t, []any{map[string]any{"url": "https://api.example.com"}}, doc["servers"])
	assert.Equal(t, map[string]any{"name": "MIT", "identifier": "MIT"}, at(doc, "info|license"))
	assert.Equal(t, "Shop", at(doc, "info|title"))
	for _, tag := range doc["tags"].([]any) {
		assert.NotEmpty(t, at(tag, "description"), "tag %v", tag)
	}
	noServers, _ := document(t, newRouter(t))
	assert.Nil(t, noServers["servers"])
}

func TestRelationDescriptionsCountTheirRows(t *testing.T) {
	doc, _ := document(t, newRouter(t))
	assert.Equal(t, "The related shelf, present when include names shelf.", at(doc, "components|schemas|book|properties|shelf|description"))
	assert.Equal(t, "The related books, present when include names books.", at(doc, "components|schemas|shelf|properties|books|description"))
}

// A column left out of an update keeps its value, so the update schema has
// no defaults (a generator would fill them in); the create schema does.
func TestUpdateSchemaHasNoDefaults(t *testing.T) {
	doc, _ := document(t, newRouter(t))
	assert.Equal(t, "novel", at(doc, "components|schemas|bookCreate|properties|genre|default"))
	assert.Nil(t, at(doc, "components|schemas|bookUpdate|properties|genre|default"))
}

// A custom route documents its client errors as the range 4XX, and
// CheckResponse finds a 422 there.
func TestCustomRouteClientErrorRange(t *testing.T) {
	_, b := document(t, newRouter(t))
	require.NoError(t, openapi.CheckResponse(b, "GET", "/api/search/{term}/{score}", 422, []byte(`{"error":"Post 7 is archived"}`)))
	err := openapi.CheckResponse(b, "GET", "/api/search/{term}/{score}", 422, []byte(`{"message":"x"}`))
	assert.ErrorContains(t, err, "does not match")

	ranged := []byte(`{"openapi":"3.1.1","info":{"title":"T","version":"1"},"paths":{"/x":{"get":{"operationId":"x",
		"responses":{"200":{"description":"ok"},"4XX":{"description":"client error","content":{"application/json":{"schema":
		{"type":"object","required":["error"]}}}}}}}}}`)
	require.NoError(t, openapi.CheckResponse(ranged, "GET", "/x", 409, []byte(`{"error":"taken"}`)))
	assert.ErrorContains(t, openapi.CheckResponse(ranged, "GET", "/x", 409, []byte(`{}`)), "does not match")
	assert.ErrorContains(t, openapi.CheckResponse(ranged, "GET", "/x", 500, []byte(`{}`)), "documents no 500 answer")
}
