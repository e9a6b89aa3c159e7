package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

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
		if err := json.Unmarshal(w.Body.Bytes(), &a.json); err != nil {
			tb.Fatalf("%s %s: %v in %s", method, path, err, a.body)
		}
	}
	return a
}

// expect is do that fails unless the status is want.
func expect(tb testing.TB, h http.Handler, method, path, body string, want int) answer {
	tb.Helper()
	a := do(tb, h, method, path, body)
	if a.status != want {
		tb.Fatalf("%s %s %s: %d %s, want %d", method, path, body, a.status, a.body, want)
	}
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
	if created.json["id"] != 1.0 || created.json["pinned"] != false || created.json["created_at"] == nil {
		t.Errorf("create: %s", created.body)
	}
	expect(t, h, "POST", "/api/notes", `{"title":"Sprint Plan","content":"Review backlog","category":"work","pinned":true}`, 201)
	list := expect(t, h, "GET", "/api/notes?limit=10&offset=0", "", 200)
	if list.json["total"] != 2.0 || list.json["limit"] != 10.0 || list.json["skip"] != 0.0 || field(list.json, "data", 1, "title") != "Sprint Plan" {
		t.Errorf("list: %s", list.body)
	}
	if l := expect(t, h, "GET", "/api/notes?category=work", "", 200); l.json["total"] != 1.0 {
		t.Errorf("filter: %s", l.body)
	}
	bad := expect(t, h, "POST", "/api/notes", `{"content":"no title"}`, 400)
	if bad.json["error"] != "Validation failed" || strs(bad.json["detail"])[0] != "title: This field is required" {
		t.Errorf("validation: %s", bad.body)
	}
	if u := expect(t, h, "PATCH", "/api/notes/1", `{"pinned":true}`, 200); u.json["pinned"] != true || u.json["title"] != "Shopping List" {
		t.Errorf("patch: %s", u.body)
	}
	expect(t, h, "DELETE", "/api/notes/1", "", 204)
	if nf := expect(t, h, "GET", "/api/notes/1", "", 404); nf.json["error"] != "Not found" {
		t.Errorf("404: %s", nf.body)
	}
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
	if l.json["total"] != 1.0 || field(l.json, "data", 0, "title") != "Review chapter" {
		t.Errorf("list after soft delete: %s", l.body)
	}
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
	if got := strs(bad.json["errors"]); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("errors\n%q\nwant\n%q", got, want)
	}
	missing := expect(t, h, "POST", "/api/products", `{}`, 400)
	if got := strings.Join(strs(missing.json["errors"]), "|"); got != "name: This field is required|sku: This field is required|price: This field is required" {
		t.Errorf("missing: %s", got)
	}
	ok := expect(t, h, "POST", "/api/products", `{"name":"Kettle","sku":"KI-1234","price":29.99,"category":"Kitchen"}`, 201)
	if field(ok.json, "product", "id") != 1.0 || field(ok.json, "product", "price") != 29.99 {
		t.Errorf("create: %s", ok.body)
	}
	expect(t, h, "POST", "/api/products", `{"name":"Kettle","price":"cheap"}`, 400)
	expect(t, h, "POST", "/api/products", `not json`, 400)
	// AutoCrud serves the rest of /api/products.
	if l := expect(t, h, "GET", "/api/products", "", 200); l.json["total"] != 1.0 {
		t.Errorf("AutoCrud list: %s", l.body)
	}
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
		if a.json["name"] != "Alice" || a.json["bio"] != "Tech writer" || field(a.json, "posts", 1, "slug") != "advanced-routing" || field(a.json, "posts", 2) != nil {
			t.Errorf("author: %s", a.body)
		}
		if nf := expect(t, h, "GET", "/api/authors/99", "", 404); nf.json["error"] != "Author not found" {
			t.Errorf("404: %s", nf.body)
		}
		bad := expect(t, h, "POST", "/api/authors", `{"name":"A","email":"nope"}`, 400)
		if got := strings.Join(strs(bad.json["errors"]), "|"); got != "name: Must be at least 2 characters|email: Must be a valid email address" {
			t.Errorf("errors: %s", got)
		}
		created := expect(t, h, "POST", "/api/authors", `{"name":"Carol","email":"carol@example.com"}`, 201)
		if field(created.json, "author", "id") != 2.0 || field(created.json, "author", "bio") != "" {
			t.Errorf("create: %s", created.body)
		}
		// AutoCrud serves the author list; deleting an author with posts is a conflict.
		if l := expect(t, h, "GET", "/api/authors", "", 200); l.json["total"] != 2.0 {
			t.Errorf("list: %s", l.body)
		}
		if c := expect(t, h, "DELETE", "/api/authors/1", "", 409); c.json["error"] != "authors 1 is still referenced by posts" {
			t.Errorf("conflict: %s", c.body)
		}
		expect(t, h, "DELETE", "/api/authors/2", "", 204)
	})

	t.Run("posts", func(t *testing.T) {
		p := expect(t, h, "POST", "/api/posts", `{"author_id":99,"title":"x","slug":"x"}`, 404)
		if p.json["error"] != "Author not found" {
			t.Errorf("unknown author: %s", p.body)
		}
		expect(t, h, "POST", "/api/posts", `{"title":"no author","slug":"x"}`, 404)
		bad := expect(t, h, "POST", "/api/posts", `{"author_id":1,"status":"secret"}`, 400)
		if got := strings.Join(strs(bad.json["errors"]), "|"); got != "title: This field is required|slug: This field is required|status: Must be one of: draft, published, archived" {
			t.Errorf("errors: %s", got)
		}
		created := expect(t, h, "POST", "/api/posts", `{"author_id":1,"title":"Third","slug":"third"}`, 201)
		if field(created.json, "post", "status") != "draft" || field(created.json, "post", "content") != "" {
			t.Errorf("defaults: %s", created.body)
		}

		list := expect(t, h, "GET", "/api/posts", "", 200)
		if list.json["count"] != 1.0 || field(list.json, "posts", 0, "title") != "Getting Started with Tina4" {
			t.Errorf("list: %s", list.body)
		}
		author := field(list.json, "posts", 0, "author").(map[string]any)
		if len(author) != 2 || author["id"] != 1.0 || author["name"] != "Alice" {
			t.Errorf("list author: %v", author)
		}

		one := expect(t, h, "GET", "/api/posts/1", "", 200)
		if field(one.json, "author", "email") != "alice@example.com" || one.json["comment_count"] != 1.0 ||
			field(one.json, "comments", 0, "body") != "Great post!" || one.json["slug"] != "getting-started" {
			t.Errorf("post: %s", one.body)
		}
		if nf := expect(t, h, "GET", "/api/posts/99", "", 404); nf.json["error"] != "Post not found" {
			t.Errorf("404: %s", nf.body)
		}
	})

	t.Run("comments", func(t *testing.T) {
		c := expect(t, h, "POST", "/api/posts/2/comments", `{"post_id":1,"author_name":"Dan","author_email":"dan@example.com","body":"Useful, thanks"}`, 201)
		if field(c.json, "comment", "post_id") != 2.0 {
			t.Errorf("comment went elsewhere: %s", c.body)
		}
		bad := expect(t, h, "POST", "/api/posts/1/comments", `{"author_name":"Eve","author_email":"eve@example.com","body":"Hi"}`, 400)
		if got := strings.Join(strs(bad.json["errors"]), "|"); got != "body: Must be at least 5 characters" {
			t.Errorf("errors: %s", got)
		}
		if nf := expect(t, h, "POST", "/api/posts/99/comments", `{"author_name":"Eve","author_email":"eve@example.com","body":"Hello there"}`, 404); nf.json["error"] != "Post not found" {
			t.Errorf("404: %s", nf.body)
		}
		expect(t, h, "POST", "/api/posts/1/comments", `["x"]`, 400)
		// AutoCrud serves the comment list.
		if l := expect(t, h, "GET", "/api/comments?post_id=1", "", 200); l.json["total"] != 1.0 {
			t.Errorf("comments of post 1: %s", l.body)
		}
	})

	t.Run("scopes", func(t *testing.T) {
		pub := expect(t, h, "GET", "/api/posts/published", "", 200)
		if n := len(pub.json["posts"].([]any)); n != 1 {
			t.Errorf("published: %s", pub.body)
		}
		recent := expect(t, h, "GET", "/api/posts/recent?days=1", "", 200)
		if n := len(recent.json["posts"].([]any)); n != 3 {
			t.Errorf("recent: %d posts: %s", n, recent.body)
		}
		expect(t, h, "GET", "/api/posts/recent", "", 200)
		for _, q := range []string{"days=abc", "days=0", "days=-3", "days=99999999999999999999", "days=36501"} {
			expect(t, h, "GET", "/api/posts/recent?"+q, "", 400)
		}
	})

	t.Run("AutoCrud fills the gaps", func(t *testing.T) {
		// PUT on a post is AutoCrud's; the id in the body does not move it.
		expect(t, h, "PUT", "/api/posts/2", `{"id":1,"title":"x"}`, 400)
		u := expect(t, h, "PUT", "/api/posts/2", `{"status":"published"}`, 200)
		if u.json["status"] != "published" || u.json["title"] != "Advanced Routing" {
			t.Errorf("put: %s", u.body)
		}
		if l := expect(t, h, "GET", "/api/posts", "", 200); l.json["count"] != 2.0 {
			t.Errorf("published after PUT: %s", l.body)
		}
		expect(t, h, "GET", "/api/posts?include=author", "", 200) // the custom list ignores query keys
		// The chapter's relations are declared, so AutoCrud can include them
		// and filter across them.
		c := expect(t, h, "GET", "/api/comments?include=post&post__title__startswith=Getting", "", 200)
		rows, _ := c.json["data"].([]any)
		if len(rows) != 1 {
			t.Fatalf("include/traversal: %s", c.body)
		}
		if post, _ := rows[0].(map[string]any)["post"].(map[string]any); post["slug"] != "getting-started" {
			t.Errorf("included post: %s", c.body)
		}
		a := expect(t, h, "GET", "/api/authors?include=posts.comments", "", 200)
		if !strings.Contains(a.body, `"comments":[{`) {
			t.Errorf("nested include: %s", a.body)
		}
		if e := expect(t, h, "GET", "/api/comments?include=author", "", 400); !strings.Contains(e.json["error"].(string), `no relation "author"`) {
			t.Errorf("unknown include: %s", e.body)
		}
	})
}

func TestHealth(t *testing.T) { dbtest.Each(t, testHealth) }

func testHealth(t *testing.T) {
	h := newApp(t)
	if a := expect(t, h, "GET", "/health", "", 200); a.json["status"] != "ok" {
		t.Errorf("health: %s", a.body)
	}
}
