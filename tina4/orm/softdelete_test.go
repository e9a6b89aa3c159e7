package orm_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

func TestSoftDelete(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Task])
		keep := Task{Title: "keep"}
		gone := Task{Title: "gone", Completed: true}
		must(t, orm.Save(ctx, &keep))
		must(t, orm.Save(ctx, &gone))
		must(t, orm.Delete(ctx, &gone))
		require.NotNil(t, gone.DeletedAt, "Delete did not set DeletedAt on the struct")

		visible := map[string]func(t *testing.T) int{
			"find": func(t *testing.T) int {
				got, err := orm.Find[Task](ctx, gone.ID)
				must(t, err)
				if got != nil {
					return 1
				}
				return 0
			},
			"where": func(t *testing.T) int {
				rows, total, err := orm.Where[Task](ctx, "completed = ?", []any{true})
				must(t, err)
				require.Len(t, rows, total, "total %d != rows %d", total, len(rows))
				return len(rows)
			},
			"all": func(t *testing.T) int {
				rows, _, err := orm.All[Task](ctx)
				must(t, err)
				return len(rows) - 1 // keep is always there
			},
			"count": func(t *testing.T) int {
				n, err := orm.Count[Task](ctx, "title = ?", []any{"gone"})
				must(t, err)
				return n
			},
			"query": func(t *testing.T) int {
				n, err := orm.Query[Task](ctx).Where("title = ?", "gone").Count()
				must(t, err)
				return n
			},
			"query first": func(t *testing.T) int {
				got, err := orm.Query[Task](ctx).Where("title = ?", "gone").First()
				must(t, err)
				if got != nil {
					return 1
				}
				return 0
			},
		}
		for name, count := range visible {
			t.Run(name+" skips soft-deleted rows", func(t *testing.T) {
				n := count(t)
				require.Equal(t, 0, n, "saw %d soft-deleted rows", n)
			})
		}

		t.Run("with trashed", func(t *testing.T) {
			rows, total, err := orm.WithTrashed[Task](ctx, "", nil)
			must(t, err)
			require.Equal(t, 2, total, "%d rows, total %d", len(rows), total)
			require.Len(t, rows, 2, "%d rows, total %d", len(rows), total)
			rows, _, err = orm.WithTrashed[Task](ctx, "completed = ?", []any{true})
			must(t, err)
			require.Len(t, rows, 1, "rows")
			require.NotNil(t, rows[0].DeletedAt, "rows")
			got, err := orm.Find[Task](ctx, gone.ID, orm.Trashed())
			must(t, err)
			require.NotNil(t, got, "Find with Trashed missed the row")
		})
		t.Run("delete twice and save are not found", func(t *testing.T) {
			err := orm.Delete(ctx, &gone)
			require.ErrorIs(t, err, orm.ErrNotFound, "second delete")
			gone.Title = "edited while deleted"
			err = orm.Save(ctx, &gone)
			require.ErrorIs(t, err, orm.ErrNotFound, "save of a deleted row")
		})
		t.Run("restore", func(t *testing.T) {
			must(t, orm.Restore(ctx, &gone))
			require.Nil(t, gone.DeletedAt, "Restore left DeletedAt set")
			got, err := orm.Find[Task](ctx, gone.ID)
			must(t, err)
			require.NotNil(t, got, "restored row")
			require.Equal(t, "gone", got.Title, "restored row")
		})
		t.Run("force delete", func(t *testing.T) {
			must(t, orm.ForceDelete(ctx, &gone))
			rows, _, err := orm.WithTrashed[Task](ctx, "id = ?", []any{gone.ID})
			must(t, err)
			require.Len(t, rows, 0, "force delete left the row")
		})
		t.Run("hard delete without soft delete", func(t *testing.T) {
			ctx, _, _ := openTestDB(t, orm.CreateTable[Note])
			n := Note{Title: "x"}
			must(t, orm.Save(ctx, &n))
			must(t, orm.Delete(ctx, &n))
			err := orm.Delete(ctx, &n)
			require.ErrorIs(t, err, orm.ErrNotFound, "delete of a gone row")
			err = orm.Restore(ctx, &n)
			require.ErrorIs(t, err, orm.ErrInvalid, "restore without soft delete")
		})
	})
}
