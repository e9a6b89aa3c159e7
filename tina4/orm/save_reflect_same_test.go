package orm_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// typedRow is a model the typed Save takes: plain fields only, with every
// automatic value.
type typedRow struct {
	ID        int64     `db:"id"`
	Name      string    `db:"name" default:"anon"`
	N         int       `db:"n" default:"3"`
	F         float64   `db:"f"`
	B         bool      `db:"b" default:"true"`
	At        time.Time `db:"at"`
	Version   int64     `db:"version,version"`
	CreatedAt time.Time `db:"created_at,auto_now_add"`
	UpdatedAt time.Time `db:"updated_at,auto_now"`
}

func (typedRow) TableName() string { return "typed_rows" }

// TestSaveTypedMatchesReflect saves the same rows through the typed path
// and through reflect (saveValue) and compares what each leaves in the
// row and in the database.
func TestSaveTypedMatchesReflect(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		db, err := orm.Open(dbtest.URL(t))
		require.NoError(t, err)
		t.Cleanup(func() { db.Close() })
		ctx := orm.WithDB(context.Background(), db)
		require.NoError(t, orm.CreateTable[typedRow](ctx))
		require.True(t, orm.HasTypedSave[typedRow](), "typedRow takes the typed path")

		set := time.Date(2022, 5, 6, 7, 8, 9, 10000, time.UTC)
		for _, in := range []typedRow{
			{},
			{Name: "x", N: -4, F: 2.25, B: true, At: set, CreatedAt: set},
		} {
			typed, viaReflect := in, in
			require.NoError(t, orm.Save(ctx, &typed))
			require.NoError(t, orm.SaveViaReflect(ctx, &viaReflect))
			assertSameSave(t, ctx, viaReflect, typed)

			typed.Name, viaReflect.Name = "renamed", "renamed"
			typed.N, viaReflect.N = 0, 0
			require.NoError(t, orm.Save(ctx, &typed))
			require.NoError(t, orm.SaveViaReflect(ctx, &viaReflect))
			assertSameSave(t, ctx, viaReflect, typed)

			stale, staleReflect := typed, viaReflect
			stale.Version, staleReflect.Version = 1, 1
			errTyped, errReflect := orm.Save(ctx, &stale), orm.SaveViaReflect(ctx, &staleReflect)
			require.ErrorIs(t, errTyped, orm.ErrStale)
			require.ErrorIs(t, errReflect, orm.ErrStale)
			assert.Equal(t, errReflect.Error(), errTyped.Error())

			gone, goneReflect := typed, viaReflect
			gone.ID, goneReflect.ID = 1<<40, 1<<40
			errTyped, errReflect = orm.Save(ctx, &gone), orm.SaveViaReflect(ctx, &goneReflect)
			require.ErrorIs(t, errTyped, orm.ErrNotFound)
			assert.Equal(t, errReflect.Error(), errTyped.Error())
		}
	})
}

// assertSameSave checks that two rows saved from the same values hold the
// same values, keys and times aside, and read back as saved.
func assertSameSave(t *testing.T, ctx context.Context, want, got typedRow) {
	t.Helper()
	require.NotZero(t, got.ID)
	assert.NotEqual(t, want.ID, got.ID)
	for _, r := range []*typedRow{&want, &got} {
		assert.False(t, r.CreatedAt.IsZero() || r.UpdatedAt.IsZero(), "stamped")
		assert.True(t, r.UpdatedAt == r.UpdatedAt.UTC().Truncate(time.Microsecond), "UTC, whole microseconds")
		back, err := orm.Find[typedRow](ctx, r.ID)
		require.NoError(t, err)
		require.NotNil(t, back)
		assert.True(t, back.CreatedAt.Equal(r.CreatedAt) && back.UpdatedAt.Equal(r.UpdatedAt) && back.At.Equal(r.At))
		b, w := *back, *r
		b.CreatedAt, b.UpdatedAt, b.At, w.CreatedAt, w.UpdatedAt, w.At = time.Time{}, time.Time{}, time.Time{}, time.Time{}, time.Time{}, time.Time{}
		assert.Equal(t, w, b, "read back")
	}
	assert.Equal(t, want.CreatedAt == want.UpdatedAt, got.CreatedAt == got.UpdatedAt, "auto_now_add stamped alike")
	w, g := want, got
	w.ID, w.CreatedAt, w.UpdatedAt, g.ID, g.CreatedAt, g.UpdatedAt = 0, time.Time{}, time.Time{}, 0, time.Time{}, time.Time{}
	assert.Equal(t, w, g)
}
