package crud_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// The list's total=exact|none|estimate (and WithTotal's default): none
// answers "total": null, estimate the engine's statistics once analyzed,
// and a bad value is a 400 that names the values.
func TestListTotalParam(t *testing.T) { dbtest.Each(t, testListTotalParam) }

func testListTotalParam(t *testing.T) {
	db := newDB(t)
	serve := func(opts ...crud.Option) *router.Router {
		r := router.New()
		r.Use(withDB(db))
		crud.Discover(r, "/api", opts...)
		return r
	}
	h, none := serve(), serve(crud.WithTotal(orm.TotalNone))
	seedNotes(t, h, 12)
	stmt := map[string]string{"sqlite": "ANALYZE", "postgres": "ANALYZE notes", "mysql": "ANALYZE TABLE notes"}[dbtest.Engine(t)]
	_, err := orm.ExecRaw(orm.WithDB(context.Background(), db), stmt)
	require.NoError(t, err)

	tests := []struct {
		name   string
		h      *router.Router
		query  string
		status int
		total  any // float64, or nil for null
		rows   int
		err    string
	}{
		{"default exact", h, "?limit=5", 200, 12.0, 5, ""},
		{"exact", h, "?limit=5&total=exact", 200, 12.0, 5, ""},
		{"true", h, "?limit=5&total=true", 200, 12.0, 5, ""},
		{"none", h, "?limit=5&total=none", 200, nil, 5, ""},
		{"false", h, "?limit=5&total=false", 200, nil, 5, ""},
		{"none on a short page", h, "?limit=5&skip=10&total=none", 200, nil, 2, ""},
		{"estimate", h, "?limit=5&total=estimate", 200, 12.0, 5, ""},
		{"estimate with a filter counts", h, "?limit=2&category=work&total=estimate", 200, 6.0, 2, ""},
		{"WithTotal(TotalNone)", none, "?limit=5", 200, nil, 5, ""},
		{"WithTotal(TotalNone), asked exact", none, "?limit=5&total=exact", 200, 12.0, 5, ""},
		{"bad value", h, "?total=maybe", 400, nil, 0, `total must be exact, none or estimate, got "maybe"`},
		{"empty value", h, "?total=", 400, nil, 0, "total must be exact, none or estimate"},
		{"twice", h, "?total=none&total=exact", 400, nil, 0, "total given twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustCall(t, tt.h, "GET", "/api/notes"+tt.query, "", tt.status)
			if tt.status != 200 {
				assert.Contains(t, res.JSON["error"], tt.err)
				return
			}
			require.Contains(t, res.JSON, "total")
			assert.Equal(t, tt.total, res.JSON["total"], res.Body)
			assert.Len(t, data(t, res), tt.rows)
		})
	}

	if dbtest.Engine(t) == "sqlite" { // statistics change only on ANALYZE
		seedNotes(t, h, 3)
		res := mustCall(t, h, "GET", "/api/notes?limit=5&total=estimate", "", 200)
		assert.Equal(t, 12.0, res.JSON["total"], "the analyzed figure, not a count")
		res = mustCall(t, h, "GET", "/api/notes?limit=5", "", 200)
		assert.Equal(t, 15.0, res.JSON["total"])
	}
}

// tally has a column named total, which the list's total parameter shadows.
type tally struct {
	ID    int64 `db:"id"`
	Total int   `db:"total"`
}

func (tally) TableName() string { return "tallies" }

// On a model with a column named total, total= is still the mode (a number
// is a 400 that names total__eq), total__eq filters the column, and the
// described parameters never list the bare key as a filter.
func TestListTotalColumn(t *testing.T) { dbtest.Each(t, testListTotalColumn) }

func testListTotalColumn(t *testing.T) {
	db := newDB(t)
	ctx := orm.WithDB(context.Background(), db)
	m, err := orm.ModelOf[tally]()
	require.NoError(t, err)
	require.NoError(t, orm.CreateModelTable(ctx, m))
	r := router.New()
	r.Use(withDB(db))
	crud.Mount(r, m, "/api")
	for _, n := range []int{5, 7, 5} {
		require.NoError(t, orm.Save(ctx, &tally{Total: n}))
	}
	res := mustCall(t, r, "GET", "/api/tallies?total=5", "", 400)
	assert.Contains(t, res.JSON["error"], "total__eq")
	res = mustCall(t, r, "GET", "/api/tallies?total__eq=5&total=none", "", 200)
	assert.Len(t, data(t, res), 2)
	assert.Nil(t, res.JSON["total"])
	for _, e := range crud.Endpoints(r) {
		if e.Action != crud.ActionList {
			continue
		}
		n := 0
		for _, p := range e.QueryParams() {
			if p.Name == "total" {
				n++
				assert.Nil(t, p.Field, "total is the mode, not a filter")
			}
		}
		assert.Equal(t, 1, n)
	}
}
