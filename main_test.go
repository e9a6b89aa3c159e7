package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/internal/dbtest"
)

// newApp serves the example app (the models and routes main.go imports, on
// the default router) from a fresh database on the engine of the test (see
// dbtest.Each).
func newApp(tb testing.TB) http.Handler {
	tb.Helper()
	return newAppWith(tb, nil).Handler()
}

type answer struct {
	status int
	body   string
	json   map[string]any
}

// do sends a request and decodes a JSON object answer. The answer must
// match what the OpenAPI document at /swagger/openapi.json says of it.
func do(tb testing.TB, h http.Handler, method, path, body string) answer {
	tb.Helper()
	w := httptest.NewRecorder()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	h.ServeHTTP(w, req)
	checkAgainstDocument(tb, h, method, path, w)
	a := answer{status: w.Code, body: w.Body.String()}
	if strings.HasPrefix(a.body, "{") {
		err := json.Unmarshal(w.Body.Bytes(), &a.json)
		require.NoError(tb, err, "%s %s: %v in %s", method, path, err, a.body)
	}
	return a
}

// expect is do that fails unless the status is want.
func expect(tb testing.TB, h http.Handler, method, path, body string, want int) answer {
	tb.Helper()
	a := do(tb, h, method, path, body)
	require.Equal(tb, want, a.status, "%s %s %s: %d %s, want %d", method, path, body, a.status, a.body, want)
	return a
}

// field digs a value out of decoded JSON: field(m, "post", "id").
func field(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

func strs(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, fmt.Sprint(x))
	}
	return out
}

func TestNotesAutoCrud(t *testing.T) { dbtest.Each(t, testNotesAutoCrud) }

func testNotesAutoCrud(t *testing.T) {
	h := newApp(t)
	created := expect(t, h, "POST", "/api/notes", `{"title":"Shopping List","content":"Milk, eggs","category":"personal"}`, 201)
	assert.Equal(t, 1.0, created.json["id"], "create: %s", created.body)
	assert.Equal(t, false, created.json["pinned"], "create: %s", created.body)
	assert.NotEqual(t, nil, created.json["created_at"], "create: %s", created.body)
	expect(t, h, "POST", "/api/notes", `{"title":"Sprint Plan","content":"Review backlog","category":"work","pinned":true}`, 201)
	list := expect(t, h, "GET", "/api/notes?limit=10&offset=0", "", 200)
	assert.Equal(t, 2.0, list.json["total"], "list: %s", list.body)
	assert.Equal(t, 10.0, list.json["limit"], "list: %s", list.body)
	assert.Equal(t, 0.0, list.json["skip"], "list: %s", list.body)
	assert.Equal(t, "Sprint Plan", field(list.json, "data", 1, "title"), "list: %s", list.body)
	l := expect(t, h, "GET", "/api/notes?category=work", "", 200)
	assert.Equal(t, 1.0, l.json["total"], "filter: %s", l.body)
	bad := expect(t, h, "POST", "/api/notes", `{"content":"no title"}`, 400)
	assert.Equal(t, "Validation failed", bad.json["error"], "validation: %s", bad.body)
	assert.Equal(t, "title: This field is required", strs(bad.json["detail"])[0], "validation: %s", bad.body)
	u := expect(t, h, "PATCH", "/api/notes/1", `{"pinned":true}`, 200)
	assert.Equal(t, true, u.json["pinned"], "patch: %s", u.body)
	assert.Equal(t, "Shopping List", u.json["title"], "patch: %s", u.body)
	expect(t, h, "DELETE", "/api/notes/1", "", 204)
	nf := expect(t, h, "GET", "/api/notes/1", "", 404)
	assert.Equal(t, "Not found", nf.json["error"], "404: %s", nf.body)
}

func TestTasksSoftDelete(t *testing.T) { dbtest.Each(t, testTasksSoftDelete) }

func testTasksSoftDelete(t *testing.T) {
	h := newApp(t)
	expect(t, h, "POST", "/api/tasks", `{"title":"Write chapter"}`, 201)
	expect(t, h, "POST", "/api/tasks", `{"title":"Review chapter","completed":true}`, 201)
	expect(t, h, "DELETE", "/api/tasks/1", "", 204)
	expect(t, h, "GET", "/api/tasks/1", "", 404)
	expect(t, h, "DELETE", "/api/tasks/1", "", 404)
	l := expect(t, h, "GET", "/api/tasks", "", 200)
	assert.Equal(t, 1.0, l.json["total"], "list after soft delete: %s", l.body)
	assert.Equal(t, "Review chapter", field(l.json, "data", 0, "title"), "list after soft delete: %s", l.body)
}

func TestProducts(t *testing.T) { dbtest.Each(t, testProducts) }

func testProducts(t *testing.T) {
	h := newApp(t)
	bad := expect(t, h, "POST", "/api/products", `{"name":"A","sku":"bad","price":0,"category":"Toys"}`, 400)
	want := []string{
		"name: Must be at least 2 characters",
		`sku: Must match pattern ^[A-Z]{2}-\d{4}$`,
		"price: Must be at least 0.01",
		"category: Must be one of: Electronics, Kitchen, Office, Fitness",
	}
	got := strs(bad.json["errors"])
	assert.Equal(t, strings.Join(want, "|"), strings.Join(got, "|"), "errors")
	missing := expect(t, h, "POST", "/api/products", `{}`, 400)
	assert.Equal(t, "name: This field is required|sku: This field is required|price: This field is required", strings.Join(strs(missing.json["errors"]), "|"), "missing")
	ok := expect(t, h, "POST", "/api/products", `{"name":"Kettle","sku":"KI-1234","price":29.99,"category":"Kitchen"}`, 201)
	assert.Equal(t, 1.0, field(ok.json, "product", "id"), "create: %s", ok.body)
	assert.Equal(t, 29.99, field(ok.json, "product", "price"), "create: %s", ok.body)
	expect(t, h, "POST", "/api/products", `{"name":"Kettle","price":"cheap"}`, 400)
	expect(t, h, "POST", "/api/products", `not json`, 400)
	// AutoCrud serves the rest of /api/products.
	l := expect(t, h, "GET", "/api/products", "", 200)
	assert.Equal(t, 1.0, l.json["total"], "AutoCrud list: %s", l.body)
	expect(t, h, "GET", "/api/products/1", "", 200)
}

// blog creates Alice with two posts (one published) and a comment.
func blog(tb testing.TB, h http.Handler) {
	tb.Helper()
	expect(tb, h, "POST", "/api/authors", `{"name":"Alice","email":"alice@example.com","bio":"Tech writer"}`, 201)
	expect(tb, h, "POST", "/api/posts", `{"author_id":1,"title":"Getting Started with Tina4","slug":"getting-started","content":"...","status":"published"}`, 201)
	expect(tb, h, "POST", "/api/posts", `{"author_id":1,"title":"Advanced Routing","slug":"advanced-routing"}`, 201)
	expect(tb, h, "POST", "/api/posts/1/comments", `{"author_name":"Bob","author_email":"bob@example.com","body":"Great post!"}`, 201)
}

func TestBlog(t *testing.T) { dbtest.Each(t, testBlog) }

func testBlog(t *testing.T) {
	h := newApp(t)
	blog(t, h)

	t.Run("authors", func(t *testing.T) {
		a := expect(t, h, "GET", "/api/authors/1", "", 200)
		assert.Equal(t, "Alice", a.json["name"], "author: %s", a.body)
		assert.Equal(t, "Tech writer", a.json["bio"], "author: %s", a.body)
		assert.Equal(t, "advanced-routing", field(a.json, "posts", 1, "slug"), "author: %s", a.body)
		assert.Equal(t, nil, field(a.json, "posts", 2), "author: %s", a.body)
		nf := expect(t, h, "GET", "/api/authors/99", "", 404)
		assert.Equal(t, "Author not found", nf.json["error"], "404: %s", nf.body)
		bad := expect(t, h, "POST", "/api/authors", `{"name":"A","email":"nope"}`, 400)
		got := strings.Join(strs(bad.json["errors"]), "|")
		assert.Equal(t, "name: Must be at least 2 characters|email: Must be a valid email address", got, "errors")
		created := expect(t, h, "POST", "/api/authors", `{"name":"Carol","email":"carol@example.com"}`, 201)
		assert.Equal(t, 2.0, field(created.json, "author", "id"), "create: %s", created.body)
		assert.Equal(t, "", field(created.json, "author", "bio"), "create: %s", created.body)
		// AutoCrud serves the author list; deleting an author with posts is a conflict.
		l := expect(t, h, "GET", "/api/authors", "", 200)
		assert.Equal(t, 2.0, l.json["total"], "list: %s", l.body)
		c := expect(t, h, "DELETE", "/api/authors/1", "", 409)
		assert.Equal(t, "authors 1 is still referenced by posts", c.json["error"], "conflict: %s", c.body)
		expect(t, h, "DELETE", "/api/authors/2", "", 204)
	})

	t.Run("posts", func(t *testing.T) {
		p := expect(t, h, "POST", "/api/posts", `{"author_id":99,"title":"x","slug":"x"}`, 404)
		assert.Equal(t, "Author not found", p.json["error"], "unknown author: %s", p.body)
		expect(t, h, "POST", "/api/posts", `{"title":"no author","slug":"x"}`, 404)
		bad := expect(t, h, "POST", "/api/posts", `{"author_id":1,"status":"secret"}`, 400)
		got := strings.Join(strs(bad.json["errors"]), "|")
		assert.Equal(t, "title: This field is required|slug: This field is required|status: Must be one of: draft, published, archived", got, "errors")
		created := expect(t, h, "POST", "/api/posts", `{"author_id":1,"title":"Third","slug":"third"}`, 201)
		assert.Equal(t, "draft", field(created.json, "post", "status"), "defaults: %s", created.body)
		assert.Equal(t, "", field(created.json, "post", "content"), "defaults: %s", created.body)

		list := expect(t, h, "GET", "/api/posts", "", 200)
		assert.Equal(t, 1.0, list.json["count"], "list: %s", list.body)
		assert.Equal(t, "Getting Started with Tina4", field(list.json, "posts", 0, "title"), "list: %s", list.body)
		author := field(list.json, "posts", 0, "author").(map[string]any)
		if assert.Len(t, author, 2, "list author") && assert.Equal(t, 1.0, author["id"], "list author") {
			assert.Equal(t, "Alice", author["name"], "list author")
		}

		one := expect(t, h, "GET", "/api/posts/1", "", 200)
		assert.Equal(t, "alice@example.com", field(one.json, "author", "email"), "post: %s", one.body)
		assert.Equal(t, 1.0, one.json["comment_count"], "post: %s", one.body)
		assert.Equal(t, "Great post!", field(one.json, "comments", 0, "body"), "post: %s", one.body)
		assert.Equal(t, "getting-started", one.json["slug"], "post: %s", one.body)
		nf := expect(t, h, "GET", "/api/posts/99", "", 404)
		assert.Equal(t, "Post not found", nf.json["error"], "404: %s", nf.body)
	})

	t.Run("comments", func(t *testing.T) {
		c := expect(t, h, "POST", "/api/posts/2/comments", `{"post_id":1,"author_name":"Dan","author_email":"dan@example.com","body":"Useful, thanks"}`, 201)
		assert.Equal(t, 2.0, field(c.json, "comment", "post_id"), "comment went elsewhere: %s", c.body)
		bad := expect(t, h, "POST", "/api/posts/1/comments", `{"author_name":"Eve","author_email":"eve@example.com","body":"Hi"}`, 400)
		got := strings.Join(strs(bad.json["errors"]), "|")
		assert.Equal(t, "body: Must be at least 5 characters", got, "errors")
		nf := expect(t, h, "POST", "/api/posts/99/comments", `{"author_name":"Eve","author_email":"eve@example.com","body":"Hello there"}`, 404)
		assert.Equal(t, "Post not found", nf.json["error"], "404: %s", nf.body)
		expect(t, h, "POST", "/api/posts/1/comments", `["x"]`, 400)
		// AutoCrud serves the comment list.
		l := expect(t, h, "GET", "/api/comments?post_id=1", "", 200)
		assert.Equal(t, 1.0, l.json["total"], "comments of post 1: %s", l.body)
	})

	t.Run("scopes", func(t *testing.T) {
		pub := expect(t, h, "GET", "/api/posts/published", "", 200)
		n := len(pub.json["posts"].([]any))
		assert.Equal(t, 1, n, "published: %s", pub.body)
		recent := expect(t, h, "GET", "/api/posts/recent?days=1", "", 200)
		n = len(recent.json["posts"].([]any))
		assert.Equal(t, 3, n, "recent: %d posts: %s", n, recent.body)
		expect(t, h, "GET", "/api/posts/recent", "", 200)
		for _, q := range []string{"days=abc", "days=0", "days=-3", "days=99999999999999999999", "days=36501"} {
			expect(t, h, "GET", "/api/posts/recent?"+q, "", 400)
		}
	})

	t.Run("AutoCrud fills the gaps", func(t *testing.T) {
		// PUT on a post is AutoCrud's; the id in the body does not move it.
		expect(t, h, "PUT", "/api/posts/2", `{"id":1,"title":"x"}`, 400)
		u := expect(t, h, "PUT", "/api/posts/2", `{"status":"published"}`, 200)
		assert.Equal(t, "published", u.json["status"], "put: %s", u.body)
		assert.Equal(t, "Advanced Routing", u.json["title"], "put: %s", u.body)
		l := expect(t, h, "GET", "/api/posts", "", 200)
		assert.Equal(t, 2.0, l.json["count"], "published after PUT: %s", l.body)
		expect(t, h, "GET", "/api/posts?include=author", "", 200) // the custom list ignores query keys
		// The chapter's relations are declared, so AutoCrud can include them
		// and filter across them.
		c := expect(t, h, "GET", "/api/comments?include=post&post__title__startswith=Getting", "", 200)
		rows, _ := c.json["data"].([]any)
		require.Len(t, rows, 1, "include/traversal: %s", c.body)
		post, _ := rows[0].(map[string]any)["post"].(map[string]any)
		assert.Equal(t, "getting-started", post["slug"], "included post: %s", c.body)
		a := expect(t, h, "GET", "/api/authors?include=posts.comments", "", 200)
		assert.Contains(t, a.body, `"comments":[{`, "nested include")
		e := expect(t, h, "GET", "/api/comments?include=author", "", 400)
		assert.Contains(t, e.json["error"].(string), `no relation "author"`, "unknown include: %s", e.body)
	})
}

func TestHealth(t *testing.T) { dbtest.Each(t, testHealth) }

func testHealth(t *testing.T) {
	h := newApp(t)
	a := expect(t, h, "GET", "/health", "", 200)
	assert.Equal(t, "ok", a.json["status"], "health: %s", a.body)
}
