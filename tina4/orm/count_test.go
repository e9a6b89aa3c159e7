package orm_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// Count takes its arguments as Where does (args []any, then options), and
// Trashed counts soft-deleted rows too; the two statements are cached apart.
func TestCountShapeAndTrashed(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Task])
		keep := Task{Title: "same"}
		gone := Task{Title: "same"}
		require.NoError(t, orm.Save(ctx, &keep))
		require.NoError(t, orm.Save(ctx, &gone))
		require.NoError(t, orm.Delete(ctx, &gone))
		tests := []struct {
			name string
			cond string
			args []any
			opts []orm.QueryOption
			want int
		}{
			{"every row", "", nil, nil, 1},
			{"condition", "title = ?", []any{"same"}, nil, 1},
			{"trashed", "title = ?", []any{"same"}, []orm.QueryOption{orm.Trashed()}, 2},
			{"trashed, every row", "", nil, []orm.QueryOption{orm.Trashed()}, 2},
			{"again without trashed", "title = ?", []any{"same"}, nil, 1},
			{"no match", "title = ?", []any{"other"}, []orm.QueryOption{orm.Trashed()}, 0},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				n, err := orm.Count[Task](ctx, tt.cond, tt.args, tt.opts...)
				require.NoError(t, err)
				assert.Equal(t, tt.want, n)
				_, total, err := orm.Where[Task](ctx, tt.cond, tt.args, tt.opts...)
				require.NoError(t, err)
				assert.Equal(t, total, n, "Count and Where's total agree")
			})
		}
	})
}
