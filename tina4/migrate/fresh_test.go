package migrate_test

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/migrate"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// writerV2 adds a NULL-able column to writers.
type writerV2 struct {
	ID   int64   `db:"id,pk,auto"`
	Name string  `db:"name"`
	Bio  *string `db:"bio"`
}

func (writerV2) TableName() string { return "writers" }

// TestFreshDatabaseAfterGeneratedMigration: a team member generates a
// migration from the models (a column for notes, a table the models made,
// and one for writers, a table a hand-written migration made) and applies
// it; then the app starts on a fresh database with both migrations. Notes
// is made from the models, so the generated statements on it are left out;
// those on writers run. The app starts, the schema matches the models, and
// on the server engines the rollback still undoes both.
func TestFreshDatabaseAfterGeneratedMigration(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		ctx, db, url := open(t)
		dir := t.TempDir()
		require.NoError(t, os.WriteFile(dir+"/000001_writers.sql", []byte("CREATE TABLE writers ("+pkDef(t)+", name TEXT NOT NULL);"), 0o644))
		require.NoError(t, os.WriteFile(dir+"/000001_writers.down.sql", []byte("DROP TABLE writers;"), 0o644))
		v1 := []*orm.Model{model[noteV1](t), model[writerV1](t)}
		_, err := migrate.Start(ctx, db, migrate.StartOptions{Models: v1, Migrations: os.DirFS(dir)})
		require.NoError(t, err)

		v2 := []*orm.Model{model[noteV2](t), model[writerV2](t)}
		restore := migrate.SetModels(v2...)
		out, err := command(t, url, dir, migrate.CmdCreate, "--from-models", "subtitle and bio")
		require.NoError(t, err, out)
		out, err = command(t, url, dir, migrate.CmdMigrate)
		require.NoError(t, err, out)
		restore()

		ctx2, db2, url2 := open(t)
		var logged []string
		res, err := migrate.Start(ctx2, db2, migrate.StartOptions{Models: v2, Migrations: os.DirFS(dir),
			Log: func(s string) { logged = append(logged, s) }})
		require.NoError(t, err, "a fresh database starts")
		assert.Len(t, res.Migrations.IDs, 2)
		assert.True(t, plan(t, ctx2, db2, v2...).Empty())
		assert.Contains(t, columns(t, ctx2, db2), "writers.bio text")
		sub := "s"
		require.NoError(t, orm.Create(ctx2, &noteV2{Heading: "t", Subtitle: &sub}))

		if dbtest.Engine(t) == "sqlite" {
			// The generated down drops the unique column code, which SQLite
			// cannot do by ALTER TABLE when CREATE TABLE made it UNIQUE, as
			// on this table made from the models.
			return
		}
		defer migrate.SetModels(v2...)()
		out, err = command(t, url2, dir, migrate.CmdRollback)
		require.NoError(t, err, out)
		all := strings.Join(columns(t, ctx2, db2), "\n") // both migrations were one batch
		assert.NotContains(t, all, "writers.")
		assert.NotContains(t, all, "notes.subtitle")
		assert.Contains(t, all, "notes.title")
	})
}

// A hand-written migration that alters a model table runs as before, even
// on a fresh database (where it fails when it repeats the model).
func TestFreshDatabaseRunsHandWrittenMigrations(t *testing.T) {
	ctx, db, _ := open(t)
	fsys := fstest.MapFS{"000001_index.sql": file("CREATE INDEX idx_notes_title2 ON notes (title);")}
	_, err := migrate.Start(ctx, db, migrate.StartOptions{Models: []*orm.Model{model[noteV1](t)}, Migrations: fsys})
	require.NoError(t, err)
	assert.Contains(t, columns(t, ctx, db), "notes index title")
}
