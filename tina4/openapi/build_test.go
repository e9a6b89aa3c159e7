package openapi_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/openapi"
)

func TestDocumentValidates(t *testing.T) {
	_, b := document(t, newRouter(t))
	err := openapi.Validate(b)
	require.NoError(t, err)
}

// Validate is not vacuous: broken documents and broken schemas fail.
func TestValidateRejects(t *testing.T) {
	_, good := document(t, newRouter(t))
	tests := []struct{ name, from, to string }{
		{"wrong version", `"openapi":"3.1.1"`, `"openapi":"2.0"`},
		{"no info title", `"title":"Test",`, ``},
		{"bad parameter location", `"in":"query"`, `"in":"body"`},
		{"negative minLength", `"minLength":2`, `"minLength":-2`},
		{"bad pattern", `"pattern":"^$|(?:^\\d{3}-\\d{10}$)"`, `"pattern":"(("`},
		{"unknown type", `"type":"boolean"`, `"type":"bool"`},
		{"dangling ref", `"$ref":"#/components/schemas/Error"`, `"$ref":"#/components/schemas/Nope"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Contains(t, string(good), tt.from, "document has no")
			bad := strings.Replace(string(good), tt.from, tt.to, 1)
			err := openapi.Validate([]byte(bad))
			assert.Error(t, err, "validates")
		})
	}
	err := openapi.Validate([]byte("{"))
	assert.Error(t, err, "malformed JSON validates")
}

func TestModelSchemas(t *testing.T) {
	doc, _ := document(t, newRouter(t))
	row := at(doc, "components|schemas|book").(map[string]any)
	create := at(doc, "components|schemas|bookCreate").(map[string]any)
	update := at(doc, "components|schemas|bookUpdate").(map[string]any)
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"row required: every column", row["required"], []any{"id", "shelf_id", "title", "isbn", "genre", "pages", "price", "email", "read", "cover", "stock", "due_at", "created_at", "updated_at", "deleted_at"}},
		{"create required", create["required"], []any{"shelf_id", "title"}},
		{"update required", update["required"], nil},
		{"hidden absent", at(row, "properties|secret"), nil},
		{"hidden writable in input, write-only", at(create, "properties|secret|writeOnly"), true},
		{"hidden writable in update, write-only", at(update, "properties|secret|writeOnly"), true},
		{"write-only is not read-only", at(create, "properties|secret|readOnly"), nil},
		{"hidden required in input", at(doc, "components|schemas|accountCreate|required"), []any{"name", "password"}},
		{"hidden absent from a row", at(doc, "components|schemas|account|properties|password"), nil},
		{"hidden read-only absent from a row", at(doc, "components|schemas|account|properties|token"), nil},
		{"hidden read-only absent from input", at(doc, "components|schemas|accountCreate|properties|token"), nil},
		{"hidden read-only absent from update", at(doc, "components|schemas|accountUpdate|properties|token"), nil},
		{"closed row", row["additionalProperties"], false},
		{"closed input", create["additionalProperties"], false},
		{"pk read-only", at(row, "properties|id|readOnly"), true},
		{"pk type", at(row, "properties|id|type"), "integer"},
		{"timestamp read-only", at(create, "properties|created_at|readOnly"), true},
		{"timestamp format", at(row, "properties|updated_at|format"), "date-time"},
		{"soft delete read-only", at(row, "properties|deleted_at|readOnly"), true},
		{"soft delete nullable", at(row, "properties|deleted_at|type"), []any{"string", "null"}},
		{"readonly tag", at(row, "properties|stock|readOnly"), true},
		{"unsigned", at(row, "properties|stock|minimum"), 0.0},
		{"writable has no readOnly", at(row, "properties|title|readOnly"), nil},
		{"max length", at(create, "properties|title|maxLength"), 200.0},
		{"required text is non-empty", at(create, "properties|title|minLength"), 1.0},
		{"pattern, empty allowed", at(create, "properties|isbn|pattern"), `^$|(?:^\d{3}-\d{10}$)`},
		{"unique", at(create, "properties|isbn|description"), "Unique."},
		{"enum with omitempty's empty", at(create, "properties|genre|enum"), []any{"", "novel", "poetry", "short stories"}},
		{"default", at(create, "properties|genre|default"), "novel"},
		{"int32", at(create, "properties|pages|format"), "int32"},
		{"gte", at(create, "properties|pages|minimum"), 0.0},
		{"lte", at(create, "properties|pages|maximum"), 5000.0},
		{"omitempty drops a bound refusing zero", at(create, "properties|price|exclusiveMinimum"), nil},
		{"nullable number", at(create, "properties|price|type"), []any{"number", "null"}},
		{"email, empty allowed", at(create, "properties|email|anyOf"), []any{map[string]any{"maxLength": 0.0}, map[string]any{"format": "email"}}},
		{"bytes may be null in a row", at(row, "properties|cover|type"), []any{"string", "null"}},
		{"bytes may not be null in a body", at(create, "properties|cover|type"), "string"},
		{"bool", at(create, "properties|read|type"), "boolean"},
		{"bytes", at(create, "properties|cover|contentEncoding"), "base64"},
		{"foreign key", at(create, "properties|shelf_id|description"), "Foreign key to shelves.id (on delete restrict)."},
		{"label bounds", at(doc, "components|schemas|shelfCreate|properties|label|minLength"), 2.0},
		{"relation in row", at(row, "properties|shelf|anyOf"), []any{map[string]any{"$ref": "#/components/schemas/shelf"}, map[string]any{"type": "null"}}},
		{"reverse relation", at(doc, "components|schemas|shelf|properties|books|items|$ref"), "#/components/schemas/book"},
		{"relation not in input", at(create, "properties|shelf"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.got)
		})
	}
	built := openapi.Build(newRouter(t), openapi.Info{Title: "T", Version: "1"})
	got := built.Components.Schemas["book"].Properties.Names()[:4]
	assert.True(t, slices.Equal(got, []string{"id", "shelf_id", "title", "isbn"}), "properties not in field order")
}

func TestCrudOperations(t *testing.T) {
	doc, _ := document(t, newRouter(t))
	list := at(doc, "paths|/api/books|get").(map[string]any)
	params := map[string]map[string]any{}
	for _, p := range list["parameters"].([]any) {
		pm := p.(map[string]any)
		params[pm["name"].(string)] = pm
	}
	for _, want := range []string{"limit", "skip", "offset", "page", "per_page", "order", "include", "title", "title__icontains",
		"pages__gte", "price__isnull", "shelf_id__in", "shelf__label", "due_at__lt"} {
		assert.NotNil(t, params[want], "list parameter %s missing", want)
	}
	for _, absent := range []string{"secret", "secret__eq", "cover", "title__isnull", "read__gt", "shelf__books__title",
		"shelf__id", "shelf__label__istartswith"} { // shelf__id is shelf_id; a traversal is described in its equality form
		assert.Nil(t, params[absent], "list parameter %s documented", absent)
	}
	// shelf.books leads back: refused
	got := at(params["include"], "schema|items|enum")
	assert.Equal(t, []any{"shelf"}, got, "include enum")
	assert.Equal(t, []any{"exact", "none", "estimate"}, at(params["total"], "schema|enum"), "total enum")
	assert.Equal(t, []any{"integer", "null"}, at(list, "responses|200|content|application/json|schema|properties|total|type"),
		"total type (null under total=none)")
	got = at(params["limit"], "schema|default")
	assert.Equal(t, 10.0, got, "limit default")
	p := params["shelf_id__in"]
	assert.Equal(t, "form", p["style"], "in parameter")
	assert.Equal(t, false, p["explode"], "in parameter")
	assert.Equal(t, "array", at(p, "schema|type"), "in parameter")
	got = at(list, "responses|200|content|application/json|schema|required")
	assert.Equal(t, []any{"data", "total", "limit", "skip"}, got, "envelope")
	codes := func(path, method string) []string {
		var out []string
		for k := range at(doc, "paths|"+path+"|"+method+"|responses").(map[string]any) {
			out = append(out, k)
		}
		slices.Sort(out)
		return out
	}
	for _, tt := range []struct {
		path, method string
		want         []string
	}{
		{"/api/books", "get", []string{"200", "400"}},
		{"/api/books", "post", []string{"201", "400", "409", "413", "415"}},
		{"/api/books/{id}", "get", []string{"200", "404", "4XX", "default"}}, // the custom route, which hides AutoCrud's
		{"/api/books/{id}", "patch", []string{"200", "400", "404", "409", "413", "415"}},
		{"/api/books/{id}", "delete", []string{"204", "404", "409"}},
	} {
		got := codes(tt.path, tt.method)
		assert.True(t, slices.Equal(got, tt.want), "%s %s responses %v, want %v", tt.method, tt.path, got, tt.want)
	}
	got = at(doc, "paths|/api/books/{id}|get|summary")
	assert.Equal(t, "Get a book, custom", got, "the fallback route is described instead of the custom one")
	got = at(doc, "paths|/api/books/{id}|delete|responses|204|description")
	assert.Contains(t, got.(string), "deleted_at", "soft delete not described")
	got = at(doc, "paths|/api/books|post|requestBody|content|application/json|schema|$ref")
	assert.Equal(t, "#/components/schemas/bookCreate", got, "create body")
	got = at(doc, "paths|/api/books/{id}|put|requestBody|content|application/json|schema|$ref")
	assert.Equal(t, "#/components/schemas/bookUpdate", got, "update body")
}

func TestCustomRoutes(t *testing.T) {
	doc, _ := document(t, newRouter(t))
	search := at(doc, "paths|/api/search/{term}/{score}|get").(map[string]any)
	var got []string
	for _, p := range search["parameters"].([]any) {
		pm := p.(map[string]any)
		got = append(got, pm["in"].(string)+" "+pm["name"].(string)+" "+at(pm, "schema|type").(string)+" "+strings.Repeat("!", boolInt(pm["required"])))
	}
	want := []string{"path term string !", "path score number !", "query limit integer ", "query q string !"}
	assert.True(t, slices.Equal(got, want), "parameters")
	assert.Equal(t, "Searches *everything*.", search["description"], "search operation")
	assert.NotEqual(t, nil, at(search, "responses|200"), "search operation")
	assert.NotEqual(t, nil, at(search, "responses|default"), "search operation")
	shelve := at(doc, "paths|/api/shelves/{id}/books|post").(map[string]any)
	assert.Equal(t, "#/components/schemas/bookCreate", at(shelve, "requestBody|content|application/json|schema|$ref"), "Accepts(model) body")
	assert.Equal(t, "#/components/schemas/bookCreated", at(shelve, "responses|201|content|application/json|schema|$ref"), "Returns(struct) body")
	created := at(doc, "components|schemas|bookCreated").(map[string]any)
	assert.Equal(t, []any{"book", "counter"}, created["required"], "struct required")
	assert.Equal(t, "#/components/schemas/book", at(created, "properties|book|$ref"), "model inside a struct")
	assert.Equal(t, []any{"array", "null"}, at(created, "properties|notes|type"), "slice")
	assert.Equal(t, []any{map[string]any{"bearerAuth": []any{}}}, shelve["security"], "secured route")
	assert.NotEqual(t, nil, at(shelve, "responses|401"), "secured route")
	assert.Equal(t, "bearer", at(doc, "components|securitySchemes|bearerAuth|scheme"), "bearer scheme")
	assert.Equal(t, []any{}, at(doc, "paths|/api/books|get|security"), "an open route says security")
	assert.Equal(t, nil, at(doc, "paths|/api/books/{id}|get|responses|404|content"), "Returns(404, nil) has a body")
	assert.NotEqual(t, nil, at(doc, "paths|/files/{rest}|get|parameters"), "path parameter missing")
	assert.Equal(t, nil, at(doc, "paths|/dav"), "PROPFIND described")
	ids := map[string]bool{}
	for path, item := range doc["paths"].(map[string]any) {
		for method, op := range item.(map[string]any) {
			id := op.(map[string]any)["operationId"].(string)
			assert.False(t, ids[id], "%s %s: operationId %s twice", method, path, id)
			ids[id] = true
		}
	}
	var tags []string
	for _, tg := range doc["tags"].([]any) {
		tags = append(tags, tg.(map[string]any)["name"].(string))
	}
	assert.True(t, slices.Equal(tags, []string{"custom", "shelves", "books", "zz_accounts"}), "tags")
}

func boolInt(v any) int {
	if v == true {
		return 1
	}
	return 0
}
