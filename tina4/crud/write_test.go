package crud_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/tina4stack/tina4-go/internal/dbtest"
)

func TestCreate(t *testing.T) { dbtest.Each(t, testCreate) }

func testCreate(t *testing.T) {
	h := newServer(t)
	res := mustCall(t, h, "POST", "/api/notes", `{"title":"New Note","content":"Created via auto-CRUD","rating":4.5,"due_at":"2026-03-22T14:30:00+02:00"}`, 201)
	want := map[string]any{
		"id": 1.0, "title": "New Note", "content": "Created via auto-CRUD", "category": "general",
		"pinned": false, "views": 0.0, "rating": 4.5, "due_at": "2026-03-22T12:30:00Z",
	}
	for k, v := range want {
		assert.Equal(t, v, res.JSON[k])
	}
	_, ok := res.JSON["secret"]
	assert.False(t, ok, "hidden field shown")
	assert.NotEqual(t, nil, res.JSON["created_at"], "timestamps missing: %s", res.Body)
	assert.NotEqual(t, nil, res.JSON["updated_at"], "timestamps missing: %s", res.Body)
	got := mustCall(t, h, "GET", "/api/notes/1", "", 200)
	assert.Equal(t, res.Body, got.Body, "GET after POST")
}

func TestCreateErrors(t *testing.T) { dbtest.Each(t, testCreateErrors) }

func testCreateErrors(t *testing.T) {
	h := newServer(t)
	tests := []struct {
		name, body string
		status     int
		error      string
		detail     []string
	}{
		{"missing required", `{"content":"x"}`, 400, "Validation failed", []string{"title: This field is required"}},
		{"too long", `{"title":"` + strings.Repeat("x", 201) + `"}`, 400, "Validation failed", []string{"title: Must be at most 200 characters"}},
		{"bad choice", `{"title":"t","category":"junk"}`, 400, "Validation failed", []string{"category: Must be one of: general, work, personal"}},
		{"malformed", `{"title":`, 400, "invalid JSON body: unexpected end of input", nil},
		{"garbage", `{"title" "x"}`, 400, "invalid JSON body", nil},
		{"empty", ``, 400, "invalid JSON body: empty body", nil},
		{"array", `[{"title":"x"}]`, 400, "expected an object, got an array", nil},
		{"string", `"title"`, 400, "expected an object, got a string", nil},
		{"null body", `null`, 400, "expected an object, got null", nil},
		{"trailing", `{"title":"x"} {}`, 400, "unexpected data after the object", nil},
		{"unknown field", `{"title":"x","colour":"red"}`, 400, `unknown field "colour"`, nil},
		{"go field name", `{"Title":"x"}`, 400, `unknown field "Title"`, nil},
		{"duplicate", `{"title":"x","title":"y"}`, 400, `duplicate field "title"`, nil},
		{"number for string", `{"title":5}`, 400, "title: must be a string", nil},
		{"string for bool", `{"title":"x","pinned":"yes"}`, 400, "pinned: must be true or false", nil},
		{"fraction for int", `{"title":"x","views":1.5}`, 400, "views: must be an integer", nil},
		{"int32 overflow", `{"title":"x","views":3000000000}`, 400, "views: must be an integer", nil},
		{"object for float", `{"title":"x","rating":{}}`, 400, "rating: must be a number", nil},
		{"bad time", `{"title":"x","due_at":"tomorrow"}`, 400, "due_at: must be an RFC 3339 time string", nil},
		{"year 10000 in UTC", `{"title":"x","due_at":"9999-12-31T23:30:00-05:00"}`, 400, "due_at: must be an RFC 3339 time string in the years 1 to 9999", nil},
		{"year 0", `{"title":"x","due_at":"0000-06-01T00:00:00Z"}`, 400, "due_at: must be an RFC 3339 time string in the years 1 to 9999", nil},
		{"null for required", `{"title":null}`, 400, "Validation failed", []string{"title: This field is required"}},
		{"null for not null", `{"title":"x","views":null}`, 400, "Validation failed", []string{"views: This field is required"}},
		{"null and invalid", `{"title":null,"category":"junk"}`, 400, "Validation failed", []string{"title: This field is required", "category: Must be one of: general, work, personal"}},
		{"null and unknown", `{"title":null,"x":1}`, 400, "title: This field is required; unknown field \"x\"", []string{"title: This field is required", `unknown field "x"`}},
		{"client id", `{"id":7,"title":"x"}`, 400, "id: is read-only", nil},
		{"client created_at", `{"title":"x","created_at":"2020-01-01T00:00:00Z"}`, 400, "created_at: is read-only", nil},
		{"several problems", `{"title":5,"x":1}`, 400, "title: must be a string; unknown field \"x\"", []string{"title: must be a string", `unknown field "x"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustCall(t, h, "POST", "/api/notes", tt.body, tt.status)
			msg, _ := res.JSON["error"].(string)
			assert.Contains(t, msg, tt.error, "error")
			var detail []string
			if d, ok := res.JSON["detail"].([]any); ok {
				for _, line := range d {
					detail = append(detail, line.(string))
				}
			}
			assert.Equal(t, strings.Join(tt.detail, "|"), strings.Join(detail, "|"), "detail")
		})
	}
	res := mustCall(t, h, "GET", "/api/notes", "", 200)
	assert.Equal(t, 0.0, res.JSON["total"], "failed creates wrote rows: %s", res.Body)
}

func TestCreateNullableNull(t *testing.T) { dbtest.Each(t, testCreateNullableNull) }

func testCreateNullableNull(t *testing.T) {
	h := newServer(t)
	res := mustCall(t, h, "POST", "/api/notes", `{"title":"x","rating":null,"due_at":null,"id":0}`, 201)
	assert.Equal(t, nil, res.JSON["rating"], "nulls not kept: %s", res.Body)
	assert.Equal(t, nil, res.JSON["due_at"], "nulls not kept: %s", res.Body)
}

func TestUpdate(t *testing.T) { dbtest.Each(t, testUpdate) }

func testUpdate(t *testing.T) {
	for _, method := range []string{"PUT", "PATCH"} {
		t.Run(method, func(t *testing.T) {
			h := newServer(t)
			mustCall(t, h, "POST", "/api/notes", `{"title":"first","content":"one","pinned":true}`, 201)
			second := mustCall(t, h, "POST", "/api/notes", `{"title":"second"}`, 201)

			res := mustCall(t, h, method, "/api/notes/1", `{"content":"changed"}`, 200)
			assert.Equal(t, "first", res.JSON["title"], "partial update: %s", res.Body)
			assert.Equal(t, "changed", res.JSON["content"], "partial update: %s", res.Body)
			assert.Equal(t, true, res.JSON["pinned"], "partial update: %s", res.Body)
			// false, 0 and "" are written.
			res = mustCall(t, h, method, "/api/notes/1", `{"pinned":false,"content":"","views":0}`, 200)
			assert.Equal(t, false, res.JSON["pinned"], "zero values: %s", res.Body)
			assert.Equal(t, "", res.JSON["content"], "zero values: %s", res.Body)
			// An id in the body never redirects the update.
			mustCall(t, h, method, "/api/notes/1", `{"id":2,"title":"hijack"}`, 400)
			got := mustCall(t, h, "GET", "/api/notes/2", "", 200)
			assert.Equal(t, second.Body, got.Body, "row 2 changed")
			// A record read back can be sent back whole.
			cur := mustCall(t, h, "GET", "/api/notes/1", "", 200)
			body := strings.Replace(cur.Body, `"title":"first"`, `"title":"renamed"`, 1)
			res = mustCall(t, h, method, "/api/notes/1", body, 200)
			assert.Equal(t, "renamed", res.JSON["title"], "round trip: %s", res.Body)
			assert.Equal(t, 1.0, res.JSON["id"], "round trip: %s", res.Body)
			// Validation runs on the merged record.
			res = mustCall(t, h, method, "/api/notes/1", `{"title":""}`, 400)
			assert.Equal(t, "Validation failed", res.JSON["error"], "validation: %s", res.Body)
			mustCall(t, h, method, "/api/notes/1", `[1]`, 400)
			mustCall(t, h, method, "/api/notes/1", `{"views":"many"}`, 400)
			res = mustCall(t, h, method, "/api/notes/99", `{"title":"x"}`, 404)
			assert.Equal(t, "Not found", res.JSON["error"], "404 body: %s", res.Body)
		})
	}
}

func TestGetAndDelete(t *testing.T) { dbtest.Each(t, testGetAndDelete) }

func testGetAndDelete(t *testing.T) {
	h := newServer(t)
	mustCall(t, h, "POST", "/api/notes", `{"title":"x"}`, 201)
	tests := []struct {
		method, path string
		status       int
	}{
		{"GET", "/api/notes/2", 404},
		{"GET", "/api/notes/abc", 404},
		{"GET", "/api/notes/99999999999999999999", 404},
		{"GET", "/api/notes/-1", 404},
		{"DELETE", "/api/notes/2", 404},
		{"DELETE", "/api/notes/1", 204},
		{"GET", "/api/notes/1", 404},
		{"DELETE", "/api/notes/1", 404},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			res := mustCall(t, h, tt.method, tt.path, "", tt.status)
			if tt.status == 404 {
				assert.Equal(t, "Not found", res.JSON["error"], "body %s", res.Body)
			}
			if tt.status == 204 {
				assert.Equal(t, "", res.Body, "204 with a body")
			}
		})
	}
}

func TestSoftDelete(t *testing.T) { dbtest.Each(t, testSoftDelete) }

func testSoftDelete(t *testing.T) {
	h := newServer(t)
	mustCall(t, h, "POST", "/api/tasks", `{"title":"keep"}`, 201)
	mustCall(t, h, "POST", "/api/tasks", `{"title":"drop"}`, 201)
	res := mustCall(t, h, "GET", "/api/tasks/2", "", 200)
	assert.Equal(t, nil, res.JSON["deleted_at"], "deleted_at set: %s", res.Body)
	mustCall(t, h, "POST", "/api/tasks", `{"title":"x","deleted_at":"2020-01-01T00:00:00Z"}`, 400)
	mustCall(t, h, "DELETE", "/api/tasks/2", "", 204)
	mustCall(t, h, "GET", "/api/tasks/2", "", 404)
	mustCall(t, h, "PUT", "/api/tasks/2", `{"title":"back"}`, 404)
	mustCall(t, h, "DELETE", "/api/tasks/2", "", 404)
	res = mustCall(t, h, "GET", "/api/tasks", "", 200)
	assert.Equal(t, 1.0, res.JSON["total"], "list after soft delete: %s", res.Body)
	assert.Equal(t, "keep", titles(t, res), "list after soft delete: %s", res.Body)
	// The filter syntax still cannot reach the deleted row.
	res = mustCall(t, h, "GET", "/api/tasks?deleted_at__notnull=true", "", 200)
	assert.Equal(t, 0.0, res.JSON["total"], "deleted row listed: %s", res.Body)
}

func TestForeignKeyConflict(t *testing.T) { dbtest.Each(t, testForeignKeyConflict) }

func testForeignKeyConflict(t *testing.T) {
	h := newServer(t)
	mustCall(t, h, "POST", "/api/authors", `{"name":"Alice"}`, 201)
	mustCall(t, h, "POST", "/api/posts", `{"author_id":1,"title":"Hello"}`, 201)
	res := mustCall(t, h, "POST", "/api/posts", `{"author_id":9,"title":"Orphan"}`, 409)
	assert.Equal(t, "author_id: no author with id 9", res.JSON["error"], "body %s", res.Body)
	res = mustCall(t, h, "DELETE", "/api/authors/1", "", 409)
	assert.Equal(t, "authors 1 is still referenced by posts", res.JSON["error"], "body %s", res.Body)
	mustCall(t, h, "GET", "/api/authors/1", "", 200)
	mustCall(t, h, "DELETE", "/api/posts/1", "", 204)
	mustCall(t, h, "DELETE", "/api/authors/1", "", 204)
}
