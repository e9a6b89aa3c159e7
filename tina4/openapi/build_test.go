package openapi_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tina4stack/tina4-go/tina4/openapi"
)

func TestDocumentValidates(t *testing.T) {
	_, b := document(t, newRouter(t))
	if err := openapi.Validate(b); err != nil {
		t.Fatal(err)
	}
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
			if !strings.Contains(string(good), tt.from) {
				t.Fatalf("document has no %s", tt.from)
			}
			bad := strings.Replace(string(good), tt.from, tt.to, 1)
			if err := openapi.Validate([]byte(bad)); err == nil {
				t.Error("validates")
			}
		})
	}
	if err := openapi.Validate([]byte("{")); err == nil {
		t.Error("malformed JSON validates")
	}
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
			if !reflect.DeepEqual(tt.got, tt.want) {
				t.Errorf("got %#v, want %#v", tt.got, tt.want)
			}
		})
	}
	built := openapi.Build(newRouter(t), openapi.Info{Title: "T", Version: "1"})
	if got := built.Components.Schemas["book"].Properties.Names()[:4]; !slices.Equal(got, []string{"id", "shelf_id", "title", "isbn"}) {
		t.Errorf("properties not in field order: %v", got)
	}
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
		if params[want] == nil {
			t.Errorf("list parameter %s missing", want)
		}
	}
	for _, absent := range []string{"secret", "secret__eq", "cover", "title__isnull", "read__gt", "shelf__books__title",
		"shelf__id", "shelf__label__istartswith"} { // shelf__id is shelf_id; a traversal is described in its equality form
		if params[absent] != nil {
			t.Errorf("list parameter %s documented", absent)
		}
	}
	if got := at(params["include"], "schema|items|enum"); !reflect.DeepEqual(got, []any{"shelf"}) { // shelf.books leads back: refused
		t.Errorf("include enum %v", got)
	}
	if got := at(params["total"], "schema|enum"); !reflect.DeepEqual(got, []any{"exact", "none", "estimate"}) {
		t.Errorf("total enum %v", got)
	}
	if got := at(list, "responses|200|content|application/json|schema|properties|total|type"); !reflect.DeepEqual(got, []any{"integer", "null"}) {
		t.Errorf("total type %v (null under total=none)", got)
	}
	if got := at(params["limit"], "schema|default"); got != 10.0 {
		t.Errorf("limit default %v", got)
	}
	if p := params["shelf_id__in"]; p["style"] != "form" || p["explode"] != false || at(p, "schema|type") != "array" {
		t.Errorf("in parameter %v", p)
	}
	if got := at(list, "responses|200|content|application/json|schema|required"); !reflect.DeepEqual(got, []any{"data", "total", "limit", "skip"}) {
		t.Errorf("envelope %v", got)
	}
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
		if got := codes(tt.path, tt.method); !slices.Equal(got, tt.want) {
			t.Errorf("%s %s responses %v, want %v", tt.method, tt.path, got, tt.want)
		}
	}
	if got := at(doc, "paths|/api/books/{id}|get|summary"); got != "Get a book, custom" {
		t.Errorf("the fallback route is described instead of the custom one: %v", got)
	}
	if got := at(doc, "paths|/api/books/{id}|delete|responses|204|description"); !strings.Contains(got.(string), "deleted_at") {
		t.Errorf("soft delete not described: %v", got)
	}
	if got := at(doc, "paths|/api/books|post|requestBody|content|application/json|schema|$ref"); got != "#/components/schemas/bookCreate" {
		t.Errorf("create body %v", got)
	}
	if got := at(doc, "paths|/api/books/{id}|put|requestBody|content|application/json|schema|$ref"); got != "#/components/schemas/bookUpdate" {
		t.Errorf("update body %v", got)
	}
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
	if !slices.Equal(got, want) {
		t.Errorf("parameters %q, want %q", got, want)
	}
	if search["description"] != "Searches *everything*." || at(search, "responses|200") == nil || at(search, "responses|default") == nil {
		t.Errorf("search operation %v", search)
	}
	shelve := at(doc, "paths|/api/shelves/{id}/books|post").(map[string]any)
	if got := at(shelve, "requestBody|content|application/json|schema|$ref"); got != "#/components/schemas/bookCreate" {
		t.Errorf("Accepts(model) body %v", got)
	}
	if got := at(shelve, "responses|201|content|application/json|schema|$ref"); got != "#/components/schemas/bookCreated" {
		t.Errorf("Returns(struct) body %v", got)
	}
	created := at(doc, "components|schemas|bookCreated").(map[string]any)
	if got := created["required"]; !reflect.DeepEqual(got, []any{"book", "counter"}) {
		t.Errorf("struct required %v", got)
	}
	if got := at(created, "properties|book|$ref"); got != "#/components/schemas/book" {
		t.Errorf("model inside a struct %v", got)
	}
	if got := at(created, "properties|notes|type"); !reflect.DeepEqual(got, []any{"array", "null"}) {
		t.Errorf("slice %v", got)
	}
	if !reflect.DeepEqual(shelve["security"], []any{map[string]any{"bearerAuth": []any{}}}) || at(shelve, "responses|401") == nil {
		t.Errorf("secured route %v", shelve["security"])
	}
	if got := at(doc, "components|securitySchemes|bearerAuth|scheme"); got != "bearer" {
		t.Errorf("bearer scheme %v", got)
	}
	if got := at(doc, "paths|/api/books|get|security"); !reflect.DeepEqual(got, []any{}) {
		t.Errorf("an open route says security %v, want []", got)
	}
	if got := at(doc, "paths|/api/books/{id}|get|responses|404|content"); got != nil {
		t.Errorf("Returns(404, nil) has a body: %v", got)
	}
	if got := at(doc, "paths|/files/{rest}|get|parameters"); got == nil {
		t.Error("path parameter missing")
	}
	if at(doc, "paths|/dav") != nil {
		t.Error("PROPFIND described")
	}
	ids := map[string]bool{}
	for path, item := range doc["paths"].(map[string]any) {
		for method, op := range item.(map[string]any) {
			id := op.(map[string]any)["operationId"].(string)
			if ids[id] {
				t.Errorf("%s %s: operationId %s twice", method, path, id)
			}
			ids[id] = true
		}
	}
	var tags []string
	for _, tg := range doc["tags"].([]any) {
		tags = append(tags, tg.(map[string]any)["name"].(string))
	}
	if !slices.Equal(tags, []string{"custom", "shelves", "books", "zz_accounts"}) {
		t.Errorf("tags %v", tags)
	}
}

func boolInt(v any) int {
	if v == true {
		return 1
	}
	return 0
}
