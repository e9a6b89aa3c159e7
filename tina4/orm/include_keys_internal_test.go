package orm

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// TestKeyBatchesForms checks the condition each engine gets for the keys
// of one eager-loading level: on PostgreSQL integer keys against an integer
// column are a semi join on the unnested bigint array (which the planner
// hashes in a statement prepared once), and every other column keeps
// "= ANY($1)", whose array takes the column's own type.
func TestKeyBatchesForms(t *testing.T) {
	ints := []any{int64(3), int64(1), int64(2)}
	strs := []any{"a", "b"}
	for _, tc := range []struct {
		name string
		d    dialect.Dialect
		keys []any
		kind dialect.Kind
		cond string
		arg  any
	}{
		{"postgres int column", dialect.Postgres{}, ints, dialect.Int, " IN (SELECT unnest(CAST(? AS bigint[])))", []int64{3, 1, 2}},
		{"postgres int keys, text column", dialect.Postgres{}, ints, dialect.String, " = ANY(?)", []int64{3, 1, 2}},
		{"postgres text keys", dialect.Postgres{}, strs, dialect.String, " = ANY(?)", []string{"a", "b"}},
		{"postgres text keys, int column", dialect.Postgres{}, strs, dialect.Int, " = ANY(?)", []string{"a", "b"}},
		{"sqlite int column", dialect.SQLite{}, ints, dialect.Int, " IN (SELECT value FROM json_each(?))", "[3,1,2]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := keyBatches(tc.d, tc.keys, tc.kind)
			require.Len(t, got, 1)
			assert.Equal(t, tc.cond, got[0].cond)
			assert.Equal(t, []any{tc.arg}, got[0].args)
		})
	}
	mixed := keyBatches(dialect.Postgres{}, []any{int64(1), "x"}, dialect.Int)
	require.Len(t, mixed, 1)
	assert.Equal(t, " IN (?, ?)", mixed[0].cond, "keys of no one type are bound one by one")
}
