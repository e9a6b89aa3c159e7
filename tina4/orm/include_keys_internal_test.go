package orm

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// TestKeyBatchesForms checks the condition each engine gets for the keys
// of one eager-loading level: on PostgreSQL integer keys against an integer
// column are an IN list of parameters of a few lengths, or, when there are
// many or one is wider than an int4, a semi join on the unnested bigint array
// (which the planner hashes in a statement prepared once); every other column keeps
// "= ANY($1)", whose array takes the column's own type.
func TestKeyBatchesForms(t *testing.T) {
	ints := []any{int64(3), int64(1), int64(2)}
	strs := []any{"a", "b"}
	wide := []any{int64(1), int64(1 << 40)}
	many, manyInts := make([]any, pgListKeys+1), make([]int64, pgListKeys+1)
	for i := range many {
		many[i], manyInts[i] = int64(i), int64(i)
	}
	for _, tc := range []struct {
		name string
		d    dialect.Dialect
		keys []any
		kind dialect.Kind
		cond string
		arg  any
	}{
		{"postgres int column, many keys", dialect.Postgres{}, many, dialect.Int, " IN (SELECT unnest(CAST(? AS bigint[])))", manyInts},
		{"postgres int column, a key wider than int4", dialect.Postgres{}, wide, dialect.Int, " IN (SELECT unnest(CAST(? AS bigint[])))", []int64{1, 1 << 40}},
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
	for _, tc := range []struct {
		keys int
		list int // placeholders: the keys rounded up to a power of two, at least 8
	}{{1, 8}, {3, 8}, {8, 8}, {9, 16}, {100, 128}, {pgListKeys, pgListKeys}} {
		t.Run(fmt.Sprintf("postgres int column, %d keys", tc.keys), func(t *testing.T) {
			keys := make([]any, tc.keys)
			for i := range keys {
				keys[i] = int64(i * 10)
			}
			got := keyBatches(dialect.Postgres{}, keys, dialect.Int)
			require.Len(t, got, 1)
			assert.Equal(t, " IN (?"+strings.Repeat(", ?", tc.list-1)+")", got[0].cond)
			require.Len(t, got[0].args, tc.list)
			assert.Equal(t, keys, got[0].args[:tc.keys], "the keys first")
			for _, pad := range got[0].args[tc.keys:] {
				assert.Equal(t, keys[tc.keys-1], pad, "padded with the last key")
			}
		})
	}
	mixed := keyBatches(dialect.Postgres{}, []any{int64(1), "x"}, dialect.Int)
	require.Len(t, mixed, 1)
	assert.Equal(t, " IN (?, ?)", mixed[0].cond, "keys of no one type are bound one by one")
}
