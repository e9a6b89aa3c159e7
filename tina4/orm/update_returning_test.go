package orm_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// TestUpdateReturning: the row it returns is the row Find reads back after
// Update, with and without a version column, and its errors are Update's.
func TestUpdateReturning(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[updDoc], orm.CreateTable[verDoc])
		d := updDoc{Title: "t0", Body: "b0", Count: 1}
		require.NoError(t, orm.Save(ctx, &d))
		other := updDoc{Title: "o", Body: "o"}
		require.NoError(t, orm.Save(ctx, &other))

		t.Run("the row as stored", func(t *testing.T) {
			var got *updDoc
			err := orm.Transaction(ctx, func(ctx context.Context) error {
				patch := updDoc{ID: d.ID, Title: "t1", Body: "not named", Count: 7}
				var err error
				got, err = orm.UpdateReturning(ctx, &patch, "title", "count")
				return err
			})
			require.NoError(t, err)
			stored, err := orm.Find[updDoc](ctx, d.ID)
			require.NoError(t, err)
			assert.Equal(t, stored, got)
			assert.Equal(t, "t1", got.Title)
			assert.Equal(t, "b0", got.Body, "a column not named keeps its value")
			assert.Equal(t, int64(7), got.Count)
			assert.True(t, got.UpdatedAt.After(d.UpdatedAt) || got.UpdatedAt.Equal(d.UpdatedAt), "auto_now is stamped")
			o, err := orm.Find[updDoc](ctx, other.ID)
			require.NoError(t, err)
			assert.Equal(t, "o", o.Title, "other rows are untouched")
		})
		t.Run("version column", func(t *testing.T) {
			v := verDoc{Title: "v0", Body: "b"}
			require.NoError(t, orm.Save(ctx, &v))
			var got *verDoc
			err := orm.Transaction(ctx, func(ctx context.Context) error {
				patch := v
				patch.Title = "v1"
				var err error
				got, err = orm.UpdateReturning(ctx, &patch, "title")
				return err
			})
			require.NoError(t, err)
			assert.Equal(t, "v1", got.Title)
			assert.Equal(t, v.Version+1, got.Version)
		})
		t.Run("errors", func(t *testing.T) {
			_, err := orm.UpdateReturning(ctx, &updDoc{ID: d.ID}, "title")
			assert.ErrorIs(t, err, orm.ErrInvalid, "outside a transaction")
			err = orm.Transaction(ctx, func(ctx context.Context) error {
				_, err := orm.UpdateReturning(ctx, &updDoc{ID: 99999, Title: "x"}, "title")
				assert.ErrorIs(t, err, orm.ErrNotFound)
				_, err = orm.UpdateReturning(ctx, &updDoc{ID: d.ID}, "nope")
				assert.ErrorIs(t, err, orm.ErrInvalid)
				_, err = orm.UpdateReturning(ctx, &updDoc{ID: d.ID}, "created_at")
				assert.ErrorIs(t, err, orm.ErrInvalid)
				return nil
			})
			require.NoError(t, err)
		})
		t.Run("soft-deleted", func(t *testing.T) {
			gone := updDoc{Title: "g"}
			require.NoError(t, orm.Save(ctx, &gone))
			require.NoError(t, orm.Delete(ctx, &gone))
			err := orm.Transaction(ctx, func(ctx context.Context) error {
				_, err := orm.UpdateReturning(ctx, &updDoc{ID: gone.ID, Title: "back"}, "title")
				return err
			})
			assert.ErrorIs(t, err, orm.ErrNotFound)
		})
	})
}
