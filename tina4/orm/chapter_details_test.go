package orm_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

func TestFindOrFailNamesTheModelAndKey(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Note])
		_, err := orm.FindOrFail[Note](ctx, 999)
		require.Error(t, err)
		assert.ErrorIs(t, err, orm.ErrNotFound)
		assert.Equal(t, "orm: notes with id=999 not found", err.Error())
		assert.Equal(t, errkind.NotFound, errkind.Of(err))
		var nf *orm.NotFoundError
		require.True(t, errors.As(err, &nf))
		assert.Equal(t, "notes with id=999 not found", nf.PublicMessage())
	})
}

// The chapter writes Where("pinned = ?", 1). SQLite and MySQL store
// booleans as integers and take 1 and 0; PostgreSQL's BOOLEAN does not
// compare with an integer, so portable code binds true and false, which
// every engine takes (the README says so).
func TestBooleanParameters(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Note])
		for _, pinned := range []bool{true, false, true} {
			n := Note{Title: "n", Pinned: pinned}
			require.NoError(t, orm.Save(ctx, &n))
		}
		for _, c := range []struct {
			arg  any
			want int
		}{{true, 2}, {false, 1}} {
			n, err := orm.Count[Note](ctx, "pinned = ?", []any{c.arg})
			require.NoError(t, err)
			assert.Equal(t, c.want, n)
			rows, _, err := orm.Where[Note](ctx, "pinned = ?", []any{c.arg})
			require.NoError(t, err)
			assert.Len(t, rows, c.want)
		}
		if dialectName(t, ctx) == "postgres" {
			_, err := orm.Count[Note](ctx, "pinned = ?", []any{1})
			assert.Error(t, err, "PostgreSQL refuses an integer for a BOOLEAN: bind true")
			return
		}
		n, err := orm.Count[Note](ctx, "pinned = ?", []any{1})
		require.NoError(t, err)
		assert.Equal(t, 2, n)
	})
}
