package orm_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// plainDoc has only fields of the types Save binds by offset (save_plan.go):
// every automatic value the typed Save sets.
type plainDoc struct {
	ID        int64     `db:"id"`
	Title     string    `db:"title" default:"untitled"`
	Count     int       `db:"count" default:"7"`
	Score     float64   `db:"score" default:"1.5"`
	On        bool      `db:"on_off"`
	Version   int64     `db:"version,version"`
	CreatedAt time.Time `db:"created_at,auto_now_add"`
	UpdatedAt time.Time `db:"updated_at,auto_now"`
}

func (plainDoc) TableName() string { return "plain_docs" }

// plainCode is keyed by a text code the app chooses.
type plainCode struct {
	Code  string `db:"code,pk"`
	Label string `db:"label"`
	Views int64  `db:"views"`
}

func (plainCode) TableName() string { return "plain_codes" }

func TestSaveTypedPath(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[plainDoc], orm.CreateTable[plainCode])
		var first plainDoc
		t.Run("insert", func(t *testing.T) {
			d := plainDoc{}
			require.NoError(t, orm.Save(ctx, &d))
			assert.NotZero(t, d.ID, "generated key")
			assert.Equal(t, "untitled", d.Title)
			assert.Equal(t, 7, d.Count)
			assert.Equal(t, 1.5, d.Score)
			assert.EqualValues(t, 1, d.Version)
			assert.False(t, d.CreatedAt.IsZero())
			assert.True(t, d.CreatedAt == d.UpdatedAt, "one stamp per Save")
			assert.True(t, d.CreatedAt == d.CreatedAt.UTC().Truncate(time.Microsecond), "UTC, whole microseconds")
			got, err := orm.Find[plainDoc](ctx, d.ID)
			require.NoError(t, err)
			require.NotNil(t, got)
			assert.Equal(t, d.Title, got.Title)
			assert.Equal(t, d.Version, got.Version)
			assert.True(t, got.CreatedAt.Equal(d.CreatedAt), "%v read back as %v", d.CreatedAt, got.CreatedAt)
			first = d
		})
		t.Run("set values are kept", func(t *testing.T) {
			at := time.Date(2020, 1, 2, 3, 4, 5, 6000, time.UTC)
			d := plainDoc{Title: "t", Count: 3, Score: 2.5, On: true, CreatedAt: at}
			require.NoError(t, orm.Save(ctx, &d))
			assert.Equal(t, "t", d.Title)
			assert.Equal(t, 3, d.Count)
			assert.Equal(t, 2.5, d.Score)
			assert.True(t, d.CreatedAt.Equal(at), "auto_now_add keeps a set time")
			assert.True(t, d.UpdatedAt.After(at), "auto_now always stamps")
			got, err := orm.Find[plainDoc](ctx, d.ID)
			require.NoError(t, err)
			assert.True(t, got.On)
			assert.True(t, got.CreatedAt.Equal(at))
		})
		t.Run("update", func(t *testing.T) {
			d := first
			d.Title, d.Count = "changed", 0
			time.Sleep(2 * time.Millisecond)
			require.NoError(t, orm.Save(ctx, &d))
			assert.EqualValues(t, 2, d.Version, "version bumped")
			assert.True(t, d.CreatedAt == first.CreatedAt, "auto_now_add kept")
			assert.True(t, d.UpdatedAt.After(first.UpdatedAt), "auto_now stamped")
			got, err := orm.Find[plainDoc](ctx, d.ID)
			require.NoError(t, err)
			assert.Equal(t, "changed", got.Title)
			assert.Equal(t, 0, got.Count, "a zero value is written on update")
			assert.EqualValues(t, 2, got.Version)
		})
		t.Run("stale", func(t *testing.T) {
			d := first // version 1; the row is at 2
			d.Title = "late"
			err := orm.Save(ctx, &d)
			require.ErrorIs(t, err, orm.ErrStale)
			assert.EqualValues(t, 1, d.Version, "not bumped")
		})
		t.Run("missing", func(t *testing.T) {
			d := plainDoc{ID: 99999, Title: "ghost", Version: 1}
			require.ErrorIs(t, orm.Save(ctx, &d), orm.ErrNotFound)
		})
		t.Run("chosen key", func(t *testing.T) {
			c := plainCode{Code: "a", Label: "first"}
			require.ErrorIs(t, orm.Save(ctx, &c), orm.ErrNotFound, "a set key updates")
			require.NoError(t, orm.Create(ctx, &c))
			c.Label, c.Views = "second", 4
			require.NoError(t, orm.Save(ctx, &c))
			got, err := orm.Find[plainCode](ctx, "a")
			require.NoError(t, err)
			require.NotNil(t, got)
			assert.Equal(t, c, *got)

			blank := plainCode{Label: "blank"} // a zero key inserts, with the key as it is
			require.NoError(t, orm.Save(ctx, &blank))
			got, err = orm.Find[plainCode](ctx, "")
			require.NoError(t, err)
			require.NotNil(t, got)
			assert.Equal(t, blank, *got)
		})
	})
}

// noKeyRow is no model: it has no primary key.
type noKeyRow struct{ Name string }

func TestSaveErrorsOfNoModel(t *testing.T) {
	ctx := context.Background()
	n := 3
	cases := []struct {
		name string
		save func() error
		want string
	}{
		{"nil row", func() error { return orm.Save(ctx, (*plainDoc)(nil)) }, "orm: want a non-nil pointer to a model struct, got *orm_test.plainDoc"},
		{"not a struct", func() error { return orm.Save(ctx, &n) }, "orm: want a non-nil pointer to a model struct, got *int"},
		{"no key", func() error { return orm.Save(ctx, &noKeyRow{}) }, "orm: model noKeyRow has no primary key"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.save()
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}
