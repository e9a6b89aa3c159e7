package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/internal/apptest"
	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4"
)

// tables are the example app's tables, dumped by snapshot.
var tables = []string{"notes", "tasks", "products", "authors", "posts", "comments"}

// snapshot dumps every row of the example app's tables, through the raw
// pool, so that a test can prove a request changed nothing.
func snapshot(tb testing.TB, app *tina4.App) string {
	tb.Helper()
	var b strings.Builder
	for _, t := range tables {
		rows, err := app.DB().Pool().QueryContext(context.Background(), "SELECT * FROM "+t+" ORDER BY id")
		require.NoError(tb, err, "snapshot %s: %v", t, err)
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]sql.RawBytes, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			require.NoError(tb, rows.Scan(ptrs...))
			fmt.Fprintf(&b, "%s:", t)
			for _, v := range vals {
				fmt.Fprintf(&b, " %q", v)
			}
			b.WriteByte('\n')
		}
		err = rows.Close()
		require.NoError(tb, err)
	}
	return b.String()
}

// seeded is the example app with a note, a task, a product and the blog.
func seeded(tb testing.TB, edit func(*tina4.Config)) (*tina4.App, http.Handler) {
	tb.Helper()
	app := newAppWith(tb, edit)
	h := app.Handler()
	expect(tb, h, "POST", "/api/notes", `{"title":"Shopping List","content":"Milk, eggs","category":"personal"}`, 201)
	expect(tb, h, "POST", "/api/tasks", `{"title":"Write chapter"}`, 201)
	expect(tb, h, "POST", "/api/products", `{"name":"Kettle","sku":"KI-1234","price":29.99,"category":"Kitchen"}`, 201)
	blog(tb, h)
	return app, h
}

func nested(depth int) string { return strings.Repeat("[", depth) + strings.Repeat("]", depth) }

// q escapes a query-string key or value.
func q(s string) string { return url.QueryEscape(s) }

// Every bad request to the example app answers a 4xx with a JSON "error"
// saying what was wrong: never a 500 or a panic, and no row changes.
func TestBadInput(t *testing.T) { dbtest.Each(t, testBadInput) }

func testBadInput(t *testing.T) {
	app, h := seeded(t, nil)
	before := snapshot(t, app)
	big := `{"title":"` + strings.Repeat("x", 1<<20) + `"}`
	tests := []struct {
		name, method, path, body string
		want                     int
		says                     string // a part of the error message
	}{
		// Malformed JSON.
		{"truncated", "POST", "/api/notes", `{"title":`, 400, "invalid JSON body"},
		{"trailing comma", "POST", "/api/notes", `{"title":"x",}`, 400, "invalid JSON body"},
		{"not JSON", "POST", "/api/products", `name=Kettle`, 400, "invalid JSON body"},
		{"empty body", "POST", "/api/authors", ``, 400, "empty body"},
		{"truncated update", "PATCH", "/api/notes/1", `{"title":"x"`, 400, "invalid JSON body"},
		{"bad comment", "POST", "/api/posts/1/comments", `{"body": }`, 400, "invalid JSON body"},
		{"two values", "POST", "/api/notes", `{"title":"x"} {"title":"y"}`, 400, "unexpected data"},
		{"raw NUL byte", "POST", "/api/notes", "{\"title\":\"a\x00b\"}", 400, "invalid JSON body"},
		// JSON of the wrong shape.
		{"array for an object", "POST", "/api/notes", `[{"title":"x"}]`, 400, "expected an object, got an array"},
		{"string for an object", "POST", "/api/authors", `"Alice"`, 400, "expected an object, got a string"},
		{"null for an object", "POST", "/api/posts", `null`, 400, "expected an object, got null"},
		{"number for an object", "PUT", "/api/notes/1", `42`, 400, "expected an object, got a number"},
		{"array to a custom route", "POST", "/api/posts/1/comments", `["x"]`, 400, "expected an object"},
		// Wrong field types.
		{"number for a string", "POST", "/api/notes", `{"title":5}`, 400, "title: must be a string"},
		{"object for a string", "POST", "/api/notes", `{"title":{"a":1}}`, 400, "title: must be a string"},
		{"null for a string", "POST", "/api/notes", `{"title":null}`, 400, "Validation failed"},
		{"string for a bool", "PATCH", "/api/notes/1", `{"pinned":"yes"}`, 400, "pinned: must be true or false"},
		{"number for a bool", "PATCH", "/api/tasks/1", `{"completed":1}`, 400, "completed: must be true or false"},
		{"string for a price", "POST", "/api/products", `{"name":"Kettle","sku":"KI-1234","price":"cheap"}`, 400, "price: must be a number"},
		{"string for a key", "POST", "/api/posts", `{"author_id":"1","title":"x","slug":"x"}`, 400, "author_id: must be an integer"},
		{"fraction for a key", "POST", "/api/posts", `{"author_id":1.5,"title":"x","slug":"x"}`, 400, "author_id: must be an integer"},
		{"key overflows int64", "POST", "/api/posts", `{"author_id":99999999999999999999,"title":"x","slug":"x"}`, 400, "author_id: must be an integer"},
		{"bad time", "PATCH", "/api/notes/1", `{"created_at":"yesterday"}`, 400, "created_at: must be an RFC 3339 time string"},
		// Unknown fields.
		{"unknown field", "POST", "/api/notes", `{"title":"x","nope":1}`, 400, `unknown field "nope"`},
		{"unknown field, custom route", "POST", "/api/products", `{"name":"Kettle","sku":"KI-1234","price":1,"discount":50}`, 400, `unknown field "discount"`},
		{"field in the wrong case", "PATCH", "/api/notes/1", `{"Title":"x"}`, 400, `unknown field "Title"`},
		{"relation as a field", "POST", "/api/authors", `{"name":"Bo","email":"bo@example.com","posts":[]}`, 400, `unknown field "posts"`},
		{"duplicate field", "POST", "/api/notes", `{"title":"x","title":"y"}`, 400, `duplicate field "title"`},
		// Invalid UTF-8 and NUL characters.
		{"invalid UTF-8", "POST", "/api/notes", "{\"title\":\"\xff\xfe\"}", 400, "not valid UTF-8"},
		{"invalid UTF-8 in an update", "PATCH", "/api/notes/1", "{\"content\":\"\xc3\x28\"}", 400, "not valid UTF-8"},
		{"invalid UTF-8 in a key", "POST", "/api/notes", "{\"ti\xfftle\":\"x\"}", 400, "not valid UTF-8"},
		{"NUL", "POST", "/api/notes", `{"title":"a\u0000b"}`, 400, "NUL"},
		{"NUL, custom route", "POST", "/api/authors", `{"name":"Al\u0000ice","email":"a@example.com"}`, 400, "NUL"},
		{"unpaired surrogate", "POST", "/api/notes", `{"title":"\ud800"}`, 400, "unpaired UTF-16 surrogate"},
		// Size and depth.
		{"body over the limit", "POST", "/api/notes", big, 413, "request body is larger than 1048576 bytes"},
		{"body over the limit, custom route", "POST", "/api/products", big, 413, "larger than"},
		{"deep nesting", "POST", "/api/notes", `{"title":` + nested(100000) + `}`, 400, "nested deeper than 64 levels"},
		{"deep nesting, custom route", "POST", "/api/posts", `{"title":` + nested(65) + `}`, 400, "nested deeper"},
		// Ids.
		{"negative id", "GET", "/api/notes/-1", "", 404, "Not found"},
		{"zero id", "GET", "/api/notes/0", "", 404, "Not found"},
		{"non-numeric id", "GET", "/api/notes/abc", "", 404, "Not found"},
		{"id overflows int64", "GET", "/api/notes/99999999999999999999", "", 404, "Not found"},
		{"fractional id", "GET", "/api/notes/1.5", "", 404, "Not found"},
		{"negative id update", "PUT", "/api/notes/-1", `{"title":"x"}`, 404, "Not found"},
		{"zero id delete", "DELETE", "/api/notes/0", "", 404, "Not found"},
		{"non-numeric id delete", "DELETE", "/api/tasks/abc", "", 404, "Not found"},
		{"overflow id patch", "PATCH", "/api/notes/99999999999999999999", `{"title":"x"}`, 404, "Not found"},
		{"negative post", "GET", "/api/posts/-1", "", 404, "Post not found"},
		{"zero post comment", "POST", "/api/posts/0/comments", `{"author_name":"Bob","author_email":"bob@example.com","body":"Great post!"}`, 404, "Post not found"},
		{"non-numeric post comment", "POST", "/api/posts/abc/comments", `{}`, 404, "Not found"},
		{"overflow author", "GET", "/api/authors/99999999999999999999", "", 404, "Not found"},
		{"id in the body", "PATCH", "/api/notes/1", `{"id":2}`, 400, "id: is read-only"},
		{"negative id in the body", "POST", "/api/notes", `{"id":-1,"title":"x"}`, 400, "id: is read-only"},
		// Paging.
		{"negative limit", "GET", "/api/notes?limit=-1", "", 400, "limit must not be negative"},
		{"zero limit", "GET", "/api/notes?limit=0", "", 400, "limit must be at least 1"},
		{"non-numeric limit", "GET", "/api/notes?limit=ten", "", 400, "limit must be a whole number"},
		{"float limit", "GET", "/api/notes?limit=1e3", "", 400, "limit must be a whole number"},
		{"negative skip", "GET", "/api/notes?skip=-5", "", 400, "skip must not be negative"},
		{"negative offset", "GET", "/api/notes?offset=-1", "", 400, "skip must not be negative"},
		{"huge skip", "GET", "/api/notes?skip=99999999999999999999", "", 400, "skip must be at most"},
		{"zero page", "GET", "/api/notes?page=0", "", 400, "page must be at least 1"},
		{"huge page", "GET", "/api/notes?page=999999999999999999", "", 400, "too large"},
		{"negative per_page", "GET", "/api/notes?per_page=-1", "", 400, "must not be negative"},
		// Filter keys, values and order fields that try SQL.
		{"SQL in a filter key", "GET", "/api/notes?" + q("title';DROP TABLE notes;--") + "=x", "", 400, "has no field"},
		{"SQL in an order field", "GET", "/api/notes?order=" + q("id;DELETE"), "", 400, "unknown field"},
		{"order with a direction", "GET", "/api/notes?order=" + q("title DESC"), "", 400, "unknown field"},
		{"subquery order", "GET", "/api/notes?order=" + q("(SELECT 1)"), "", 400, "unknown field"},
		{"SQL in an in list", "GET", "/api/notes?id__in=" + q("1,2);DROP TABLE notes;--"), "", 400, "id"},
		{"unknown operator", "GET", "/api/notes?title__regex=x", "", 400, "regex"},
		{"numeric key", "GET", "/api/notes?1=1", "", 400, "has no field"},
		{"SQL through traversal", "GET", "/api/comments?" + q("post__title;--") + "=x", "", 400, "has no field"},
		{"malformed escape", "GET", "/api/notes?title=%zz", "", 400, "malformed query string"},
		{"NUL in a filter value", "GET", "/api/notes?title=a%00b", "", 400, "without NUL"},
		{"invalid UTF-8 in a filter value", "GET", "/api/notes?title__icontains=%ff", "", 400, "valid UTF-8"},
		// Include.
		{"unknown include", "GET", "/api/comments?include=author", "", 400, `no relation "author"`},
		{"unknown nested include", "GET", "/api/authors?include=posts.nope", "", 400, `no relation "nope"`},
		{"SQL include", "GET", "/api/authors?include=" + q("posts;DROP TABLE posts"), "", 400, "no relation"},
		{"empty include", "GET", "/api/authors?include=", "", 400, "empty relation name"},
		// A custom route's query parameters.
		{"days not a number", "GET", "/api/posts/recent?days=" + q("1;DROP"), "", 400, "days"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			req := httptest.NewRequest(tt.method, tt.path, strings.NewReader(tt.body))
			if tt.body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			h.ServeHTTP(w, req)
			var body map[string]any
			err := json.Unmarshal(w.Body.Bytes(), &body)
			require.NoError(t, err, "%d, not a JSON object: %q", w.Code, w.Body)
			msg, _ := body["error"].(string)
			assert.Equal(t, tt.want, w.Code, "%d %s, want %d with an error saying %q", w.Code, w.Body, tt.want, tt.says)
			assert.Contains(t, msg, tt.says, "%d %s, want %d with an error saying %q", w.Code, w.Body, tt.want, tt.says)
			after := snapshot(t, app)
			require.Equal(t, before, after, "the data changed:\n%s\nto\n%s", before, after)
		})
	}
}

// Values that look like SQL are bound, not run: they match nothing, and
// huge limits are capped rather than refused.
func TestHarmlessOddInput(t *testing.T) { dbtest.Each(t, testHarmlessOddInput) }

func testHarmlessOddInput(t *testing.T) {
	app, h := seeded(t, nil)
	before := snapshot(t, app)
	for _, path := range []string{
		"/api/notes?title=" + q("' OR 1=1 --"),
		"/api/notes?title__icontains=" + q("%' OR '1'='1"),
		"/api/notes?category__in=" + q("work','x'); DROP TABLE notes; --"),
	} {
		a := expect(t, h, "GET", path, "", 200)
		assert.Equal(t, 0.0, a.json["total"], "%s matched rows: %s", path, a.body)
	}
	a := expect(t, h, "GET", "/api/notes?limit=99999999999999999999", "", 200)
	assert.Equal(t, 100.0, a.json["limit"], "huge limit: %s", a.body)
	assert.Equal(t, 1.0, a.json["total"], "huge limit: %s", a.body)
	after := snapshot(t, app)
	require.Equal(t, before, after, "the data changed:\n%s\nto\n%s", before, after)
}

// The body limit comes from TINA4_MAX_BODY_BYTES.
func TestBodyLimitFromEnv(t *testing.T) { dbtest.Each(t, testBodyLimitFromEnv) }

func testBodyLimitFromEnv(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("TINA4_MAX_BODY_BYTES", "1024")
	cfg, err := tina4.LoadConfig()
	require.NoError(t, err)
	app, h := seeded(t, func(c *tina4.Config) { c.MaxBodyBytes = cfg.MaxBodyBytes })
	before := snapshot(t, app)
	body := `{"title":"` + strings.Repeat("x", 1100) + `"}`
	a := expect(t, h, "POST", "/api/notes", body, 413)
	assert.Equal(t, "request body is larger than 1024 bytes", a.json["error"], "413: %s", a.body)
	expect(t, h, "POST", "/api/authors", `{"name":"`+strings.Repeat("x", 1100)+`","email":"a@example.com"}`, 413)
	after := snapshot(t, app)
	require.Equal(t, before, after, "the data changed:\n%s\nto\n%s", before, after)
	expect(t, h, "POST", "/api/notes", `{"title":"`+strings.Repeat("x", 100)+`"}`, 201)
}

// Headers over TINA4_MAX_HEADER_BYTES answer 431 from the real server.
func TestHeadersOverTheLimit(t *testing.T) {
	app := newAppWith(t, func(c *tina4.Config) { c.MaxHeaderBytes = 4096 })
	base := apptest.Serve(t, app).URL
	for _, size := range []int{5000, 100000} {
		req, _ := http.NewRequest("GET", base+"/api/notes", nil)
		req.Header.Set("Cookie", "session="+strings.Repeat("c", size))
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.Equal(t, http.StatusRequestHeaderFieldsTooLarge, resp.StatusCode, "%d-byte cookie: %d %s", size, resp.StatusCode, b)
	}
}
