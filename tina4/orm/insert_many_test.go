package orm_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

func TestInsertMany(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, log := openTestDB(t, orm.CreateTable[Note])
		notes := make([]Note, 1000)
		for i := range notes {
			notes[i] = Note{Title: fmt.Sprintf("note %d", i), Views: i}
		}
		require.NoError(t, orm.InsertMany(ctx, notes))
		inserts := 0
		for _, q := range log.queries {
			if strings.HasPrefix(q, "INSERT") {
				inserts++
			}
		}
		assert.Equal(t, 1, inserts, "1,000 rows in one statement")
		for i := 1; i < len(notes); i++ {
			require.Equal(t, notes[i-1].ID+1, notes[i].ID, "keys in slice order")
		}
		for _, i := range []int{0, 499, 999} {
			got, err := orm.Find[Note](ctx, notes[i].ID)
			require.NoError(t, err)
			require.NotNil(t, got)
			assert.Equal(t, notes[i].Title, got.Title)
			assert.Equal(t, i, got.Views)
			assert.Equal(t, "general", got.Category, "default tag")
			assert.False(t, notes[i].CreatedAt.IsZero(), "auto_now_add stamped in the slice")
			assert.True(t, got.CreatedAt.Equal(notes[i].CreatedAt))
		}
	})
}

func TestInsertManyBatchesUnderTheParameterLimit(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, log := openTestDB(t, orm.CreateTable[Note])
		// Note binds 7 columns: 32766/7 = 4680 rows a statement on SQLite,
		// 65535/7 = 9362 elsewhere, capped at 5000.
		notes := make([]Note, 9500)
		for i := range notes {
			notes[i].Title = "n"
		}
		require.NoError(t, orm.InsertMany(ctx, notes))
		inserts := 0
		for _, q := range log.queries {
			if strings.HasPrefix(q, "INSERT") {
				inserts++
			}
		}
		want := 2
		if dialectName(t, ctx) == "sqlite" {
			want = 3
		}
		assert.Equal(t, want, inserts)
		n, err := orm.Query[Note](ctx).Count()
		require.NoError(t, err)
		assert.Equal(t, 9500, n)
		assert.Equal(t, notes[0].ID+9499, notes[9499].ID)
	})
}

func TestInsertManyIsAtomic(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Tag])
		err := orm.InsertMany(ctx, []Tag{{Name: "a"}, {Name: "b"}, {Name: "a"}})
		require.ErrorIs(t, err, orm.ErrConflict)
		n, err := orm.Query[Tag](ctx).Count()
		require.NoError(t, err)
		assert.Equal(t, 0, n)

		t.Run("in the caller's transaction", func(t *testing.T) {
			err := orm.Transaction(ctx, func(ctx context.Context) error {
				if err := orm.InsertMany(ctx, []Tag{{Name: "x"}, {Name: "y"}}); err != nil {
					return err
				}
				return fmt.Errorf("changed my mind")
			})
			require.Error(t, err)
			n, err := orm.Query[Tag](ctx).Count()
			require.NoError(t, err)
			assert.Equal(t, 0, n)
		})
		t.Run("explicit keys beside generated ones", func(t *testing.T) {
			tags := []Tag{{ID: 100, Name: "hundred"}, {Name: "next"}, {ID: 50, Name: "fifty"}}
			require.NoError(t, orm.InsertMany(ctx, tags))
			assert.EqualValues(t, 100, tags[0].ID)
			assert.EqualValues(t, 50, tags[2].ID)
			assert.NotZero(t, tags[1].ID)
			later := Tag{Name: "later"}
			require.NoError(t, orm.Save(ctx, &later))
			assert.Greater(t, later.ID, int64(100), "the key generator moved past the explicit keys")
		})
	})
}
