package crud_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// seedNotes creates n notes titled "note 1".."note n"; even ones are "work".
func seedNotes(tb testing.TB, h http.Handler, n int) {
	tb.Helper()
	for i := 1; i <= n; i++ {
		cat := "general"
		if i%2 == 0 {
			cat = "work"
		}
		mustCall(tb, h, "POST", "/api/notes", fmt.Sprintf(`{"title":"note %d","category":%q,"views":%d}`, i, cat, i*10), 201)
	}
}

func titles(tb testing.TB, res result) string {
	tb.Helper()
	var out []string
	for _, row := range data(tb, res) {
		out = append(out, row["title"].(string))
	}
	return strings.Join(out, ",")
}

func TestListPaging(t *testing.T) { dbtest.Each(t, testListPaging) }

func testListPaging(t *testing.T) {
	h := newServer(t)
	seedNotes(t, h, 12)
	tests := []struct {
		query              string
		titles             string
		total, limit, skip float64
	}{
		{"", "note 1,note 2,note 3,note 4,note 5,note 6,note 7,note 8,note 9,note 10", 12, 10, 0},
		{"?limit=2", "note 1,note 2", 12, 2, 0},
		{"?limit=2&skip=4", "note 5,note 6", 12, 2, 4},
		{"?limit=2&offset=4", "note 5,note 6", 12, 2, 4},
		{"?page=2&per_page=5", "note 6,note 7,note 8,note 9,note 10", 12, 5, 5},
		{"?page=3&limit=5", "note 11,note 12", 12, 5, 10},
		{"?skip=50", "", 12, 10, 50},
		{"?limit=1000", "note 1,note 2,note 3,note 4,note 5,note 6,note 7,note 8,note 9,note 10,note 11,note 12", 12, 100, 0},
		{"?limit=99999999999999999999999", "note 1,note 2,note 3,note 4,note 5,note 6,note 7,note 8,note 9,note 10,note 11,note 12", 12, 100, 0},
		{"?category=work&limit=3", "note 2,note 4,note 6", 6, 3, 0},
		{"?category=work&views__gte=80", "note 8,note 10,note 12", 3, 10, 0},
		{"?title__icontains=NOTE%201", "note 1,note 10,note 11,note 12", 4, 10, 0},
		{"?title__in=note%203,note%205", "note 3,note 5", 2, 10, 0},
		{"?order=-views&limit=3", "note 12,note 11,note 10", 12, 3, 0},
		{"?order=category,-views&limit=3", "note 11,note 9,note 7", 12, 3, 0},
		{"?title__contains=%25", "", 0, 10, 0}, // % is matched literally
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res := mustCall(t, h, "GET", "/api/notes"+tt.query, "", 200)
			got := titles(t, res)
			assert.Equal(t, tt.titles, got, "titles")
			for k, want := range map[string]float64{"total": tt.total, "limit": tt.limit, "skip": tt.skip} {
				assert.Equal(t, want, res.JSON[k])
			}
		})
	}
}

func TestListBadQueries(t *testing.T) { dbtest.Each(t, testListBadQueries) }

func testListBadQueries(t *testing.T) {
	h := newServer(t)
	seedNotes(t, h, 2)
	tests := []struct{ query, want string }{
		{"?limit=-1", "limit must not be negative"},
		{"?limit=0", "limit must be at least 1"},
		{"?limit=abc", "limit must be a whole number"},
		{"?limit=1.5", "limit must be a whole number"},
		{"?skip=-5", "skip must not be negative"},
		{"?skip=x", "skip must be a whole number"},
		{"?skip=99999999999999999999", "skip must be at most"},
		{"?offset=-99999999999999999999", "skip must not be negative"},
		{"?page=0", "page must be at least 1"},
		{"?page=2&skip=1", "use page or skip/offset, not both"},
		{"?limit=2&per_page=3", "use limit or per_page, not both"},
		{"?page=99999999999999", "too large"},
		{"?order=id;DELETE", "unknown field"},
		{"?order=id%3B%20DROP%20TABLE%20notes", "unknown field"},
		{"?order=", "order: empty field name"},
		{"?order=title,,id", "order: empty field name"},
		{"?order=secret", "unknown field"},
		{"?title';DROP%20TABLE%20notes;--=x", "title';DROP TABLE notes;--"},
		{"?nope=1", "nope"},
		{"?secret=x", "secret"},
		{"?title__regex=x", "title__regex"},
		{"?views=ten", "views"},
		{"?views__in=1,x", "views"},
		{"?pinned=maybe", "pinned"},
		{"?due_at__isnull=perhaps", "perhaps"},
		{"?due_at__lt=0000-06-01", "years 1 to 9999"},
		{"?due_at__gt=9999-12-31T23:30:00-05:00", "years 1 to 9999"},
		{"?title__in=" + strings.Repeat("x,", orm.MaxInValues), "at most 1000 values"},
		{"?include=author", `no relation "author"`},
		{"?include=", "include: empty relation name"},
		{"?include=title", `no relation "title"`},
		{"?%zz=1", "malformed query string"},
		{"?=1", "empty key"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res := mustCall(t, h, "GET", "/api/notes"+tt.query, "", 400)
			msg, _ := res.JSON["error"].(string)
			assert.Contains(t, msg, tt.want, "error %q, want it to contain %q", msg, tt.want)
		})
	}
	// The table is still there.
	res := mustCall(t, h, "GET", "/api/notes", "", 200)
	assert.Equal(t, 2.0, res.JSON["total"], "total %v after bad queries, want 2", res.JSON["total"])
}

func TestListHidesHiddenFields(t *testing.T) { dbtest.Each(t, testListHidesHiddenFields) }

func testListHidesHiddenFields(t *testing.T) {
	h := newServer(t)
	seedNotes(t, h, 1)
	res := mustCall(t, h, "GET", "/api/notes", "", 200)
	_, ok := data(t, res)[0]["secret"]
	assert.False(t, ok, "hidden field shown: %s", res.Body)
}

func TestWithLimits(t *testing.T) { dbtest.Each(t, testWithLimits) }

func testWithLimits(t *testing.T) {
	h := newServer(t, crud.WithLimits(2, 3))
	seedNotes(t, h, 5)
	for query, want := range map[string]float64{"": 2, "?limit=50": 3, "?limit=1": 1} {
		res := mustCall(t, h, "GET", "/api/notes"+query, "", 200)
		assert.Equal(t, want, res.JSON["limit"], "%q: limit %v, %d rows; want %v", query, res.JSON["limit"], len(data(t, res)), want)
		assert.Len(t, data(t, res), int(want), "%q: limit %v, %d rows; want %v", query, res.JSON["limit"], len(data(t, res)), want)
	}
}
