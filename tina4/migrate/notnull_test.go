package migrate_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/migrate"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// A field that was a pointer becomes a plain string and a plain int: the
// NULL-able columns cannot load into them.
type noteNullable struct {
	ID    int64   `db:"id,pk,auto"`
	Title string  `db:"title" validate:"max=100"`
	Sub   *string `db:"sub" validate:"omitempty,max=50"`
	Rank  *int64  `db:"rank"`
}

func (noteNullable) TableName() string { return "notes" }

type noteNotNull struct {
	ID    int64  `db:"id,pk,auto"`
	Title string `db:"title" validate:"max=100"`
	Sub   string `db:"sub" validate:"max=50"`
	Rank  int64  `db:"rank"`
}

func (noteNotNull) TableName() string { return "notes" }

// TestNullableColumnForPlainField: a NULL-able column whose field cannot
// hold NULL is a difference (every list with a NULL row would fail to
// load): start-up names it, the generated migration fills the NULLs with
// the zero value and sets NOT NULL (SQLite: by the rebuild), and the
// rollback lets the column hold NULL again.
func TestNullableColumnForPlainField(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		ctx, db, url := open(t)
		_, err := migrate.Start(ctx, db, migrate.StartOptions{Models: []*orm.Model{model[noteNullable](t)}})
		require.NoError(t, err)
		require.NoError(t, orm.Create(ctx, &noteNullable{Title: "nil sub"}))
		before := columns(t, ctx, db)

		v2 := []*orm.Model{model[noteNotNull](t)}
		_, err = migrate.Start(ctx, db, migrate.StartOptions{Models: v2, AutoMigrate: true})
		var drift *migrate.DriftError
		require.ErrorAs(t, err, &drift, "the app does not start silently broken")
		assert.Contains(t, err.Error(), `column "sub" of "notes" is NULL-able; the field cannot hold NULL`)
		assert.Contains(t, err.Error(), `column "rank" of "notes" is NULL-able`)

		dir := t.TempDir()
		defer migrate.SetModels(v2...)()
		out, err := command(t, url, dir, migrate.CmdCreate, "--from-models", "sub not null")
		require.NoError(t, err, out)
		out, err = command(t, url, dir, migrate.CmdMigrate)
		require.NoError(t, err, out)
		out, err = command(t, url, dir, migrate.CmdDiff)
		require.NoError(t, err, out)
		rows, _, err := orm.All[noteNotNull](ctx)
		require.NoError(t, err)
		require.Len(t, rows, 1)
		assert.Equal(t, "", rows[0].Sub)
		assert.Equal(t, int64(0), rows[0].Rank)

		out, err = command(t, url, dir, migrate.CmdRollback)
		require.NoError(t, err, out)
		assert.Equal(t, before, columns(t, ctx, db))
		require.NoError(t, orm.Create(ctx, &noteNullable{Title: "nil again"}), "NULL fits again")
	})
}
