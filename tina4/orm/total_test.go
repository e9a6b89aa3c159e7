package orm_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// countStatements returns how many of the logged statements count rows.
func countStatements(log *sqlLog) int {
	log.mu.Lock()
	defer log.mu.Unlock()
	n := 0
	for _, q := range log.queries {
		if strings.Contains(q, "COUNT(") {
			n++
		}
	}
	return n
}

// analyze refreshes the engine's statistics of the notes table.
func analyze(t *testing.T, ctx ctxT) {
	t.Helper()
	stmt := map[string]string{"sqlite": "ANALYZE", "postgres": "ANALYZE notes", "mysql": "ANALYZE TABLE notes"}[dbtest.Engine(t)]
	_, err := orm.ExecRaw(ctx.ctx, stmt)
	require.NoError(t, err)
}

// Page's total under each TotalMode: exact counts, none skips the COUNT and
// answers NoTotal, estimate reads the engine's statistics (no COUNT) once the
// table is analyzed, and counts when there are none or the query filters.
func TestPageTotalModes(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, log := openTestDB(t, orm.CreateTable[Note])
		for i := range 30 {
			require.NoError(t, orm.Save(ctx, &Note{Title: fmt.Sprintf("n%d", i), Category: []string{"a", "b"}[i%2]}))
		}
		c := ctxT{ctx, log}
		page := func(mode orm.TotalMode, filter bool, limit, offset int) (int, int, int) {
			t.Helper()
			b := orm.Query[Note](ctx).OrderBy("id").Limit(limit).Offset(offset).Total(mode)
			if filter {
				b.Where("category = ?", "a")
			}
			log.Reset()
			rows, total, err := b.Page()
			require.NoError(t, err)
			return len(rows), total, countStatements(log)
		}
		tests := []struct {
			name                  string
			mode                  orm.TotalMode
			filter                bool
			limit, offset         int
			rows, total, counts   int
			analyzed, unknownSQLT bool
		}{
			{name: "exact", mode: orm.TotalExact, limit: 10, rows: 10, total: 30, counts: 1},
			{name: "exact, short page", mode: orm.TotalExact, limit: 10, offset: 25, rows: 5, total: 30},
			{name: "none", mode: orm.TotalNone, limit: 10, rows: 10, total: orm.NoTotal},
			{name: "none, short page", mode: orm.TotalNone, limit: 10, offset: 25, rows: 5, total: orm.NoTotal},
			{name: "estimate before analyze counts", mode: orm.TotalEstimate, limit: 10, rows: 10, total: 30, counts: 1, unknownSQLT: true},
			{name: "estimate with a filter counts", mode: orm.TotalEstimate, filter: true, limit: 10, rows: 10, total: 15, counts: 1, analyzed: true},
			{name: "estimate after analyze", mode: orm.TotalEstimate, limit: 10, rows: 10, total: 30, analyzed: true},
			{name: "estimate, short page", mode: orm.TotalEstimate, limit: 10, offset: 28, rows: 2, total: 30, analyzed: true},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if tt.analyzed {
					analyze(t, c)
				}
				if tt.unknownSQLT && dbtest.Engine(t) == "mysql" {
					t.Skip("MySQL always has a TABLE_ROWS figure, analyzed or not")
				}
				rows, total, counts := page(tt.mode, tt.filter, tt.limit, tt.offset)
				assert.Equal(t, tt.rows, rows)
				assert.Equal(t, tt.total, total)
				assert.Equal(t, tt.counts, counts, "COUNT statements")
			})
		}
	})
}

// An estimate is never below the rows the page itself proves exist, and it
// is what the statistics say, not a count: rows added after ANALYZE are not
// in it (SQLite, whose statistics change only on ANALYZE).
func TestPageTotalEstimateIsTheStatistics(t *testing.T) {
	if dbtest.Engine(t) != "sqlite" {
		t.Skip("SQLite's statistics change only on ANALYZE")
	}
	ctx, _, log := openTestDB(t, orm.CreateTable[Note])
	for i := range 20 {
		require.NoError(t, orm.Save(ctx, &Note{Title: fmt.Sprintf("n%d", i)}))
	}
	_, err := orm.ExecRaw(ctx, "ANALYZE")
	require.NoError(t, err)
	for i := range 20 {
		require.NoError(t, orm.Save(ctx, &Note{Title: fmt.Sprintf("m%d", i)}))
	}
	log.Reset()
	_, total, err := orm.Query[Note](ctx).Limit(5).Total(orm.TotalEstimate).Page()
	require.NoError(t, err)
	assert.Equal(t, 20, total, "the analyzed figure")
	assert.Zero(t, countStatements(log))
	_, total, err = orm.Query[Note](ctx).Limit(5).Offset(30).Total(orm.TotalEstimate).Page()
	require.NoError(t, err)
	assert.Equal(t, 35, total, "at least offset + the full page")
	_, total, err = orm.Query[Note](ctx).Limit(5).Total(orm.TotalExact).Page()
	require.NoError(t, err)
	assert.Equal(t, 40, total)
}

func TestTotalModeString(t *testing.T) {
	for m, want := range map[orm.TotalMode]string{orm.TotalExact: "exact", orm.TotalNone: "none", orm.TotalEstimate: "estimate"} {
		assert.Equal(t, want, m.String())
	}
}
