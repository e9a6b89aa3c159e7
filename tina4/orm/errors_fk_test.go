package orm_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/response"
)

type fkeShelf struct {
	ID   int64  `db:"id"`
	Name string `db:"name"`
}

func (fkeShelf) TableName() string { return "fke_shelves" }

type fkeItem struct {
	ID    int64                    `db:"id"`
	Shelf orm.ForeignKey[fkeShelf] `db:"shelf_id"`
}

func (fkeItem) TableName() string { return "fke_items" }

// A foreign-key conflict names what blocks, outside a transaction and
// inside one (where PostgreSQL has aborted the transaction by then).
func TestConstraintErrorNamesTheKey(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[fkeShelf], orm.CreateTable[fkeItem])
		shelf := fkeShelf{Name: "a"}
		require.NoError(t, orm.Save(ctx, &shelf))
		item := fkeItem{}
		item.Shelf.SetID(shelf.ID)
		require.NoError(t, orm.Save(ctx, &item))

		check := func(t *testing.T, err error, want string) {
			t.Helper()
			require.ErrorIs(t, err, orm.ErrConflict)
			var ce *orm.ConstraintError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, want, ce.Detail)
			assert.Equal(t, want, response.Message(err))
		}
		orphan := fkeItem{}
		orphan.Shelf.SetID(42)
		check(t, orm.Save(ctx, &orphan), "shelf_id: no shelf with id 42")
		check(t, orm.Delete(ctx, &shelf), "fke_shelves 1 is still referenced by fke_items")
		for _, op := range []struct {
			name string
			run  func(ctx context.Context) error
			want string
		}{
			{"insert in a transaction", func(ctx context.Context) error { return orm.Save(ctx, &orphan) }, "shelf_id: no shelf with id 42"},
			{"delete in a transaction", func(ctx context.Context) error { return orm.Delete(ctx, &shelf) }, "fke_shelves 1 is still referenced by fke_items"},
		} {
			t.Run(op.name, func(t *testing.T) {
				var inner error
				err := orm.Transaction(ctx, func(ctx context.Context) error {
					inner = op.run(ctx)
					return inner
				})
				require.Error(t, err)
				check(t, inner, op.want)
			})
		}
	})
}
