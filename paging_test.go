package main

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
)

// The app's own list routes page like AutoCrud: limit (default 10, capped
// at 100), skip or offset, and the total.
func TestAppListsPage(t *testing.T) { dbtest.Each(t, testAppListsPage) }

func testAppListsPage(t *testing.T) {
	h := newApp(t)
	blog(t, h) // one published post of two
	for i := range 12 {
		expect(t, h, "POST", "/api/posts", fmt.Sprintf(`{"author_id":1,"title":"Post %d","slug":"post-%d","status":"published"}`, i, i), 201)
	}
	pages := []struct {
		path                     string
		rows, total, limit, skip int
	}{
		{"/api/posts", 10, 13, 10, 0},
		{"/api/posts?limit=5&skip=10", 3, 13, 5, 10},
		{"/api/posts?limit=2&offset=4", 2, 13, 2, 4},
		{"/api/posts?limit=1000", 13, 13, 100, 0},
		{"/api/posts?limit=99999999999999999999", 13, 13, 100, 0},
		{"/api/posts?skip=50", 0, 13, 10, 50},
		{"/api/posts/published?limit=3", 3, 13, 3, 0},
		{"/api/posts/recent?days=1", 10, 14, 10, 0},
		{"/api/posts/recent?days=1&limit=4&skip=12", 2, 14, 4, 12},
	}
	for _, p := range pages {
		t.Run(p.path, func(t *testing.T) {
			a := expect(t, h, "GET", p.path, "", http.StatusOK)
			posts, _ := a.json["posts"].([]any)
			assert.Len(t, posts, p.rows)
			assert.Equal(t, float64(p.total), a.json["total"])
			assert.Equal(t, float64(p.limit), a.json["limit"])
			assert.Equal(t, float64(p.skip), a.json["skip"])
			if count, ok := a.json["count"]; ok {
				assert.Equal(t, float64(p.rows), count)
			}
		})
	}
	bad := []struct{ path, want string }{
		{"/api/posts?limit=0", "limit must be at least 1"},
		{"/api/posts?limit=-1", "limit must not be negative"},
		{"/api/posts?limit=ten", "limit must be a whole number"},
		{"/api/posts?skip=-3", "skip must not be negative"},
		{"/api/posts?skip=99999999999", "skip must be at most"},
		{"/api/posts?skip=1&offset=1", "use skip or offset, not both"},
		{"/api/posts/published?offset=x", "offset must be a whole number"},
		{"/api/posts/recent?limit=0", "limit must be at least 1"},
	}
	for _, b := range bad {
		t.Run(b.path, func(t *testing.T) {
			a := expect(t, h, "GET", b.path, "", http.StatusBadRequest)
			require.Contains(t, a.json, "error")
			assert.Contains(t, a.json["error"], b.want)
		})
	}
}
