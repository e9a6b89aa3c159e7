package crud_test

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// treeNode is related to itself: parent and children.
type treeNode struct {
	ID       int64                        `db:"id"`
	Name     string                       `db:"name"`
	Parent   orm.NullForeignKey[treeNode] `db:"parent_id" related_name:"children"`
	Children orm.HasMany[treeNode]        `fk:"parent_id"`
}

func (treeNode) TableName() string { return "tree_nodes" }

func init() { orm.Register[treeNode]() }

// newBoundServer serves every test model on a fresh database, returning the
// router and a context bound to the database for seeding.
func newBoundServer(tb testing.TB, opts ...crud.Option) (*router.Router, context.Context) {
	tb.Helper()
	db := newDB(tb)
	r := router.New()
	r.Use(withDB(db))
	crud.Discover(r, "/api", opts...)
	return r, orm.WithDB(context.Background(), db)
}

// seedTree saves a root with n children, and a chain below the first child
// of depth more nodes; it returns the root.
func seedTree(tb testing.TB, ctx context.Context, n, depth int) treeNode {
	tb.Helper()
	root := treeNode{Name: "root"}
	require.NoError(tb, orm.Save(ctx, &root))
	var first int64
	for i := range n {
		c := treeNode{Name: fmt.Sprintf("child %d", i)}
		c.Parent.ID = root.ID
		require.NoError(tb, orm.Save(ctx, &c))
		if i == 0 {
			first = c.ID
		}
	}
	parent := first
	for i := range depth {
		c := treeNode{Name: fmt.Sprintf("deep %d", i)}
		c.Parent.ID = parent
		require.NoError(tb, orm.Save(ctx, &c))
		parent = c.ID
	}
	return root
}

// repeat joins n copies of pair with "&".
func repeat(pair string, n int) string { return strings.TrimSuffix(strings.Repeat(pair+"&", n), "&") }

// values is a comma-separated list of n distinct values.
func values(n int) string {
	v := make([]string, n)
	for i := range v {
		v[i] = fmt.Sprint(i)
	}
	return strings.Join(v, ",")
}

func TestQueryShapeLimits(t *testing.T) { dbtest.Each(t, testQueryShapeLimits) }

func testQueryShapeLimits(t *testing.T) {
	h, ctx := newBoundServer(t)
	seedNotes(t, h, 2)
	mustCall(t, h, "POST", "/api/writers", `{"name":"Ursula"}`, 201)
	mustCall(t, h, "POST", "/api/books", `{"writer_id":1,"title":"Lathe"}`, 201)
	seedTree(t, ctx, 3, 5)

	distinct := make([]string, 33)
	for i := range distinct {
		distinct[i] = fmt.Sprintf("views__gte=%d", i)
	}
	refused := []struct{ name, path, want string }{
		{"33 in-lists of 1000 values", "/api/notes?" + repeat("title__in="+values(1000), 33), "too many filter values: at most 2000"},
		{"3 in-lists of 1000 values", "/api/notes?" + repeat("id__in="+values(1000), 3), "too many filter values: at most 2000"},
		{"70000 repeated filters", "/api/notes?" + repeat("id=1", 70000), "too many filters: at most 32"},
		{"33 filters", "/api/notes?" + strings.Join(distinct, "&"), "too many filters: at most 32"},
		{"9 order fields", "/api/notes?order=id,title,content,category,pinned,views,rating,due_at,created_at", "order: at most 8 distinct fields"},
		{"9 order fields over two keys", "/api/notes?order=id,title,-id,content,category&order=pinned,views,rating,due_at,-created_at", "order: at most 8 distinct fields"},
		{"a filter 4 relations deep", "/api/tree_nodes?parent__parent__parent__parent__name=x", `filter "parent__parent__parent__parent__name" follows 4 relations, more than the limit of 3`},
		{"a filter 12 relations deep", "/api/tree_nodes?" + strings.Repeat("parent__", 12) + "id__in=1", "follows 12 relations"},
		{"skip and offset", "/api/notes?skip=1&offset=2", "use skip or offset, not both"},
		{"offset and skip", "/api/notes?offset=1&skip=1", "use skip or offset, not both"},
		{"an include back to the model", "/api/writers?include=books.writer", `include "books.writer": writer leads back to writer`},
		{"an include back, from the other side", "/api/books?include=writer.books", `include "writer.books": books leads back to book`},
		{"an include 4 relations deep", "/api/tree_nodes?include=children.children.children.children", `follows 4 relations, more than the limit of 3`},
		{"a very deep include", "/api/tree_nodes?include=" + strings.Repeat("parent.", 5000) + "parent", `follows 5001 relations, more than the limit of 3`},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			res := call(t, h, "GET", tt.path, "")
			require.Equal(t, http.StatusBadRequest, res.Status, res.Body)
			assert.Contains(t, res.JSON["error"], tt.want)
		})
	}

	accepted := []struct{ name, path string }{
		{"2001 repeats of one order field", "/api/notes?order=" + strings.TrimSuffix(strings.Repeat("id,", 2001), ",")},
		{"8 order fields with repeats", "/api/notes?order=id,title,-id,content,category,pinned,views,-views,rating,due_at"},
		{"32 filters", "/api/notes?" + strings.Join(distinct[:32], "&")},
		{"2000 values", "/api/notes?" + repeat("id__in="+values(1000), 2)},
		{"a filter 3 relations deep", "/api/tree_nodes?parent__parent__parent__name=root"},
		{"skip twice", "/api/notes?skip=1&skip=1"},
		{"a tree walk 3 deep", "/api/tree_nodes?include=children.parent.children"},
	}
	for _, tt := range accepted {
		t.Run(tt.name, func(t *testing.T) {
			mustCall(t, h, "GET", tt.path, "", http.StatusOK)
		})
	}
	t.Run("a repeated order field keeps its first direction", func(t *testing.T) {
		res := mustCall(t, h, "GET", "/api/notes?order=-id,id", "", http.StatusOK)
		assert.Equal(t, "note 2,note 1", titles(t, res))
	})
	t.Run("a deep filter finds its row", func(t *testing.T) {
		res := mustCall(t, h, "GET", "/api/tree_nodes?parent__parent__parent__name=child%200", "", http.StatusOK)
		rows := data(t, res)
		require.Len(t, rows, 1)
		assert.Equal(t, "deep 2", rows[0]["name"])
	})
}

func TestWithQueryLimits(t *testing.T) { dbtest.Each(t, testWithQueryLimits) }

func testWithQueryLimits(t *testing.T) {
	h, ctx := newBoundServer(t, crud.WithQueryLimits(crud.QueryLimits{
		MaxFilters: 2, MaxFilterValues: 3, MaxOrder: 1, MaxFilterDepth: 2, MaxJoins: 1, MaxIncludeDepth: 1, MaxIncludes: 1, MaxIncludeRows: 4,
	}))
	seedTree(t, ctx, 5, 0)
	tests := []struct{ path, want string }{
		{"/api/tree_nodes?id=1&id=2&id=3", "too many filters: at most 2"},
		{"/api/tree_nodes?id__in=1,2,3,4", "too many filter values: at most 3"},
		{"/api/tree_nodes?order=id,name", "order: at most 1 distinct fields"},
		{"/api/tree_nodes?parent__parent__parent__name=root", "more than the limit of 2"},
		{"/api/tree_nodes?parent__parent__name=root", "may follow at most 1 distinct relation paths"},
		{"/api/tree_nodes?parent__name=root&parent__parent__id=1", "may follow at most 1 distinct relation paths"},
		{"/api/tree_nodes?include=children.children", "more than the limit of 1"},
		{"/api/tree_nodes?include=children", "more than 4 related rows to embed"},
		{"/api/tree_nodes?include=children,parent", "include names 2 relations, more than the limit of 1"},
		{"/api/tree_nodes/1?include=children", "more than 4 related rows to embed"},
		{"/api/tree_nodes?include=parent", "more than 4 related rows to embed"}, // the root, embedded in 5 children
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res := call(t, h, "GET", tt.path, "")
			require.Equal(t, http.StatusBadRequest, res.Status, res.Body)
			assert.Contains(t, res.JSON["error"], tt.want)
		})
	}
	mustCall(t, h, "GET", "/api/tree_nodes?include=parent&limit=5", "", http.StatusOK)         // 4 children embed the root
	mustCall(t, h, "GET", "/api/tree_nodes?parent__name=root&parent__id=1", "", http.StatusOK) // one join for both
	assert.Panics(t, func() { crud.WithQueryLimits(crud.QueryLimits{MaxFilters: -1}) })
}

func TestGetOneInclude(t *testing.T) { dbtest.Each(t, testGetOneInclude) }

func testGetOneInclude(t *testing.T) {
	h, ctx := newBoundServer(t)
	mustCall(t, h, "POST", "/api/writers", `{"name":"Ursula"}`, 201)
	mustCall(t, h, "POST", "/api/books", `{"writer_id":1,"title":"Lathe"}`, 201)
	mustCall(t, h, "POST", "/api/books", `{"writer_id":1,"title":"Dispossessed"}`, 201)
	seedTree(t, ctx, 2, 2)

	res := mustCall(t, h, "GET", "/api/writers/1?include=books", "", http.StatusOK)
	books, _ := res.JSON["books"].([]any)
	assert.Len(t, books, 2, res.Body)
	res = mustCall(t, h, "GET", "/api/books/2?include=writer", "", http.StatusOK)
	w, _ := res.JSON["writer"].(map[string]any)
	assert.Equal(t, "Ursula", w["name"], res.Body)
	res = mustCall(t, h, "GET", "/api/tree_nodes/1?include=children.children&include=parent", "", http.StatusOK)
	kids, _ := res.JSON["children"].([]any)
	require.Len(t, kids, 2, res.Body)
	grand, _ := kids[0].(map[string]any)["children"].([]any)
	assert.Len(t, grand, 1, res.Body)
	assert.Nil(t, res.JSON["parent"])
	plain := mustCall(t, h, "GET", "/api/writers/1", "", http.StatusOK)
	assert.NotContains(t, plain.JSON, "books")

	refused := []struct{ path, want string }{
		{"/api/writers/1?include=nope", `no relation "nope"`},
		{"/api/writers/1?include=", "include: empty relation name"},
		{"/api/writers/1?include=name", `no relation "name"`},
		{"/api/writers/1?include=books.writer", "leads back to writer"},
		{"/api/tree_nodes/1?include=children.children.children.children", "more than the limit of 3"},
		{"/api/writers/99?include=nope", `no relation "nope"`},
		{"/api/writers/1?limit=1", `unknown query parameter "limit"`},
		{"/api/writers/1?name=Ursula", `unknown query parameter "name"`},
		{"/api/writers/1?%zz", "malformed query string"},
	}
	for _, tt := range refused {
		t.Run(tt.path, func(t *testing.T) {
			res := call(t, h, "GET", tt.path, "")
			require.Equal(t, http.StatusBadRequest, res.Status, res.Body)
			assert.Contains(t, res.JSON["error"], tt.want)
		})
	}
	mustCall(t, h, "GET", "/api/writers/99?include=books", "", http.StatusNotFound)
}

func TestNonCanonicalIDs(t *testing.T) { dbtest.Each(t, testNonCanonicalIDs) }

func testNonCanonicalIDs(t *testing.T) {
	h := newServer(t)
	seedNotes(t, h, 1)
	mustCall(t, h, "GET", "/api/notes/1", "", http.StatusOK)
	for _, id := range []string{"+1", "%2B1", "01", "001", "-0", "+0", "0"} {
		t.Run(id, func(t *testing.T) {
			mustCall(t, h, "GET", "/api/notes/"+id, "", http.StatusNotFound)
			mustCall(t, h, "PATCH", "/api/notes/"+id, `{"title":"changed"}`, http.StatusNotFound)
			mustCall(t, h, "PUT", "/api/notes/"+id, `{"title":"changed"}`, http.StatusNotFound)
			mustCall(t, h, "DELETE", "/api/notes/"+id, "", http.StatusNotFound)
		})
	}
	res := mustCall(t, h, "GET", "/api/notes/1", "", http.StatusOK)
	assert.Equal(t, "note 1", res.JSON["title"])
}

// The deepest include the limits allow, over a fan-out (a root with 200
// children; children.parent.children embeds 200 x 200 rows for the root
// alone): the answer is a 400 naming the row limit, and the server
// allocates less than includeAllocBound for it, since loading stops at the
// limit. (Before the limit, the same request answered 200 with 40,000
// embedded rows.)
func TestIncludeMemoryBound(t *testing.T) { dbtest.Each(t, testIncludeMemoryBound) }

const includeAllocBound = 8 << 20 // 8 MiB: the README states it

func testIncludeMemoryBound(t *testing.T) {
	h, ctx := newBoundServer(t)
	seedTree(t, ctx, 200, 0)
	paths := []string{
		"/api/tree_nodes/1?include=children.parent.children",
		"/api/tree_nodes?include=parent.children.parent&limit=100",
		"/api/tree_nodes?include=children.parent.children&limit=100",
	}
	for _, path := range paths {
		t.Run(path, func(t *testing.T) {
			call(t, h, "GET", "/api/tree_nodes/1", "") // warm up
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			res := call(t, h, "GET", path, "")
			runtime.ReadMemStats(&after)
			require.Equal(t, http.StatusBadRequest, res.Status, "%.300s", res.Body)
			assert.Contains(t, res.JSON["error"], "more than 5000 related rows to embed")
			alloc := after.TotalAlloc - before.TotalAlloc
			assert.Less(t, alloc, uint64(includeAllocBound), "bytes allocated by one request")
			t.Logf("allocated %d KiB", alloc>>10)
		})
	}
}
