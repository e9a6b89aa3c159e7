package orm_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// TestExplicitKeysMoveTheSequence: a row created with its own key (a seed,
// an import) does not make the next generated key collide with it, on
// every engine, with a reserved word for the table.
func TestExplicitKeysMoveTheSequence(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Order])
		for _, id := range []int64{100, 7} {
			o := &Order{ID: id, Select: "seeded"}
			must(t, orm.Create(ctx, o))
			require.Equal(t, id, o.ID, "Create kept id")
		}
		next := &Order{Select: "generated"}
		must(t, orm.Create(ctx, next))
		require.Greater(t, next.ID, int64(100), "generated id %d after explicit 100, want above it", next.ID)
		again := &Order{Select: "generated too"}
		must(t, orm.Save(ctx, again))
		require.Greater(t, again.ID, next.ID, "generated id %d after %d", again.ID, next.ID)
		n, err := orm.Count[Order](ctx, "", nil)
		require.NoError(t, err, "Count = %d, %v; want 4", n, err)
		require.Equal(t, 4, n, "Count = %d, %v; want 4", n, err)
	})
}
