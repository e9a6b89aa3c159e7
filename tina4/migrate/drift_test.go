package migrate_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/migrate"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// noteRenamed maps Title to a new column name: a drop plus an add.
type noteRenamed struct {
	ID    int64  `db:"id,pk,auto"`
	Title string `db:"heading" validate:"max=100"`
}

func (noteRenamed) TableName() string { return "notes" }

// noteRetyped declares title as an integer.
type noteRetyped struct {
	ID    int64 `db:"id,pk,auto"`
	Title int64 `db:"title"`
}

func (noteRetyped) TableName() string { return "notes" }

type m2mPost struct {
	ID   int64                  `db:"id,pk,auto"`
	Tags orm.ManyToMany[m2mTag] `through:"m2m_post_tags"`
}

func (m2mPost) TableName() string { return "m2m_posts" }

type m2mTag struct {
	ID   int64  `db:"id,pk,auto"`
	Name string `db:"name" validate:"max=50"`
}

func (m2mTag) TableName() string { return "m2m_tags" }

// plan compares models with the live schema of ctx's database.
func plan(t *testing.T, ctx context.Context, db *orm.DB, models ...*orm.Model) migrate.Plan {
	t.Helper()
	specs, err := orm.SchemaOf(db.Dialect(), models)
	require.NoError(t, err)
	live, err := migrate.Inspect(ctx, db.Dialect().Name())
	require.NoError(t, err)
	return migrate.Diff(specs, live, db.Dialect())
}

func TestGoFieldRenameChangesNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		ctx, db, _ := open(t)
		_, err := migrate.Start(ctx, db, migrate.StartOptions{Models: []*orm.Model{model[noteV1](t)}})
		require.NoError(t, err)
		_, err = migrate.Start(ctx, db, migrate.StartOptions{Models: []*orm.Model{model[noteV2](t)}, AutoMigrate: true})
		require.NoError(t, err)
		// noteV2 calls the title field Heading; its column is still title.
		p := plan(t, ctx, db, model[noteV2](t))
		assert.True(t, p.Empty(), p.Report())
		assert.Empty(t, p.Warnings)
	})
}

func TestColumnRenameIsDropPlusAdd(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		ctx, db, _ := open(t)
		_, err := migrate.Start(ctx, db, migrate.StartOptions{Models: []*orm.Model{model[noteV1](t)}})
		require.NoError(t, err)
		renamed := []*orm.Model{model[noteRenamed](t)}
		p := plan(t, ctx, db, renamed...)
		require.Len(t, p.Changes, 2, p.Report())
		assert.Contains(t, p.Changes[0].What, `no column "heading"`)
		assert.True(t, p.Changes[0].Ambiguous)
		assert.Equal(t, migrate.Destructive, p.Changes[1].Safety)
		require.Len(t, p.Warnings, 1)
		assert.Contains(t, p.Warnings[0], "RENAME COLUMN")

		up, _ := p.Script(false)
		assert.Contains(t, up, "-- ALTER TABLE "+db.Dialect().Quote("notes")+" DROP COLUMN", "the drop is commented out")
		assert.Contains(t, up, "WARNING:")
		up, _ = p.Script(true)
		assert.Contains(t, up, "\nALTER TABLE "+db.Dialect().Quote("notes")+" DROP COLUMN")

		// Start-up applies neither: a rename is never guessed.
		var logged []string
		_, err = migrate.Start(ctx, db, migrate.StartOptions{Models: renamed, AutoMigrate: true,
			Log: func(s string) { logged = append(logged, s) }})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "maybe a rename")
		assert.Empty(t, logged)
	})
}

func TestTypeChange(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		ctx, db, _ := open(t)
		_, err := migrate.Start(ctx, db, migrate.StartOptions{Models: []*orm.Model{model[noteV1](t)}})
		require.NoError(t, err)
		p := plan(t, ctx, db, model[noteRetyped](t))
		require.Len(t, p.Changes, 1, p.Report())
		c := p.Changes[0]
		up, _ := p.Script(false)
		assert.Equal(t, migrate.Destructive, c.Safety)
		if dbtest.Engine(t) == "sqlite" {
			assert.Contains(t, up, "-- ALTER TABLE \"tina4_rebuild_notes\" RENAME TO \"notes\";", "a rebuild, commented out")
			return
		}
		assert.Contains(t, up, "-- ALTER TABLE")
	})
}

func TestJunctionTables(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		ctx, db, _ := open(t)
		models := []*orm.Model{model[m2mPost](t), model[m2mTag](t)}
		_, err := migrate.Start(ctx, db, migrate.StartOptions{Models: models})
		require.NoError(t, err)
		p := plan(t, ctx, db, models...)
		assert.True(t, p.Empty(), p.Report())

		_, err = orm.ExecRaw(ctx, "DROP TABLE m2m_post_tags")
		require.NoError(t, err)
		p = plan(t, ctx, db, models...)
		require.Len(t, p.Changes, 1, p.Report())
		assert.True(t, p.Changes[0].NewTable)
		assert.Equal(t, "m2m_post_tags", p.Changes[0].Table)
		_, err = migrate.Start(ctx, db, migrate.StartOptions{Models: models})
		require.NoError(t, err, "start-up creates the missing junction")
		assert.True(t, plan(t, ctx, db, models...).Empty())
	})
}

func TestMissingIndexAndUnique(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		ctx, db, _ := open(t)
		models := []*orm.Model{model[bookV1](t), model[writerV1](t)}
		_, err := orm.ExecRaw(ctx, "CREATE TABLE writers ("+pkDef(t)+", name TEXT NOT NULL)")
		require.NoError(t, err)
		_, err = orm.ExecRaw(ctx, "CREATE TABLE books ("+pkDef(t)+", title TEXT NOT NULL, writer_id BIGINT NOT NULL)")
		require.NoError(t, err)
		p := plan(t, ctx, db, models...)
		require.NotEmpty(t, p.Changes)
		var what []string
		for _, c := range p.Changes {
			what = append(what, c.What+" "+c.Safety.String())
		}
		all := strings.Join(what, "\n")
		assert.Contains(t, all, `column "writer_id" of "books" has no foreign key to "writers"`)
		if dbtest.Engine(t) == "sqlite" {
			assert.Contains(t, all, `table "books" is rebuilt`)
			assert.Contains(t, all, `"books" has no index manual`)
			return
		}
		_, err = migrate.Start(ctx, db, migrate.StartOptions{Models: models, AutoMigrate: true})
		require.NoError(t, err, "the foreign key is added")
		assert.True(t, plan(t, ctx, db, models...).Empty())
	})
}

func TestExtraNotNullColumn(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		ctx, db, _ := open(t)
		_, err := orm.ExecRaw(ctx, "CREATE TABLE notes ("+pkDef(t)+", title VARCHAR(100) NOT NULL, secret VARCHAR(10) NOT NULL)")
		require.NoError(t, err)
		_, err = migrate.Start(ctx, db, migrate.StartOptions{Models: []*orm.Model{model[noteV1](t)}, AutoMigrate: true})
		require.Error(t, err)
		assert.Contains(t, err.Error(), `column "secret" of "notes" is NOT NULL without default and the model never writes it`)
	})
}

// TestStartTogether: instances starting at once on one server database
// apply each migration and each schema change once.
func TestStartTogether(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		if dbtest.Engine(t) == "sqlite" {
			t.Skip("one process owns a SQLite file")
		}
		url := dbtest.URL(t)
		fsys := fstest.MapFS{"000001_seed.sql": file("INSERT INTO notes (title) VALUES ('seeded');")}
		models := []*orm.Model{model[noteV1](t), model[bookV1](t), model[writerV1](t)}
		for _, err := range startTogether(url, fsys, models, 3) {
			require.NoError(t, err)
		}
		db, err := orm.Open(url)
		require.NoError(t, err)
		defer db.Close()
		assert.Equal(t, 1, count(orm.WithDB(context.Background(), db), "notes"))
	})
}

// TestSQLiteRebuild: SQLite adds a foreign key to an existing column by
// the table rebuild, keeping the rows, the table's own indexes and
// triggers; the rollback rebuilds the table as it was. A table that others
// reference is not rebuilt: the manual step is named instead.
func TestSQLiteRebuild(t *testing.T) {
	ctx, db, url := open(t)
	dir := t.TempDir()
	for _, q := range []string{
		"CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, title VARCHAR(100) NOT NULL, writer_id INTEGER)",
		"CREATE INDEX idx_user_title ON notes (title)",
		"CREATE TABLE note_log (note_id INTEGER)",
		"CREATE TRIGGER note_added AFTER INSERT ON notes BEGIN INSERT INTO note_log VALUES (new.id); END",
		"INSERT INTO notes (title) VALUES ('kept')",
	} {
		_, err := orm.ExecRaw(ctx, q)
		require.NoError(t, err, q)
	}
	before := columns(t, ctx, db)
	defer migrate.SetModels(model[noteWriter](t), model[writerV1](t))()
	out, err := command(t, url, dir, migrate.CmdCreate, "--from-models", "writer key")
	require.NoError(t, err, out)
	assert.Contains(t, out, `table "notes" is rebuilt`)
	files, _ := filepath.Glob(filepath.Join(dir, "*.sql"))
	for _, f := range files {
		text, _ := os.ReadFile(f)
		t.Logf("%s:\n%s", filepath.Base(f), text)
	}
	out, err = command(t, url, dir, migrate.CmdMigrate)
	require.NoError(t, err, out)
	after := columns(t, ctx, db)
	assert.Contains(t, after, "notes.writer_id -> writers")
	assert.Contains(t, after, "notes index title", "the table's own index is kept")
	out, err = command(t, url, dir, migrate.CmdDiff)
	require.NoError(t, err, out)
	require.NoError(t, orm.Create(ctx, &noteV1{Title: "second"}))
	assert.Equal(t, 2, count(ctx, "notes"))
	assert.Equal(t, 2, count(ctx, "note_log"), "the trigger is kept")

	out, err = command(t, url, dir, migrate.CmdRollback)
	require.NoError(t, err, out)
	assert.Equal(t, before, columns(t, ctx, db))
	assert.Equal(t, 2, count(ctx, "notes"))

	// Once books references writers, writers is not rebuilt.
	_, err = orm.ExecRaw(ctx, "CREATE TABLE writers (id INTEGER PRIMARY KEY AUTOINCREMENT, name INTEGER NOT NULL)")
	require.NoError(t, err)
	_, err = orm.ExecRaw(ctx, "CREATE TABLE books (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, writer_id INTEGER NOT NULL REFERENCES writers (id) ON DELETE CASCADE)")
	require.NoError(t, err)
	p := plan(t, ctx, db, model[bookV1](t), model[writerV1](t))
	require.NotEmpty(t, p.Changes)
	var found bool
	for _, c := range p.Changes {
		if c.Table == "writers" {
			found = true
			assert.Equal(t, migrate.Unsupported, c.Safety)
			assert.Contains(t, strings.Join(c.Up, "\n"), "PRAGMA foreign_keys=OFF")
		}
	}
	assert.True(t, found, p.Report())
}

// TestGenerateAlterColumn: a column too short for the field is widened and
// a NOT NULL column whose field may be nil is relaxed, by a generated
// migration (on SQLite by a rebuild), then rolled back.
func TestGenerateAlterColumn(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		ctx, db, url := open(t)
		dir := t.TempDir()
		_, err := orm.ExecRaw(ctx, "CREATE TABLE notes ("+pkDef(t)+", title VARCHAR(20) NOT NULL, subtitle VARCHAR(50) NOT NULL)")
		require.NoError(t, err)
		_, err = orm.ExecRaw(ctx, "INSERT INTO notes (title, subtitle) VALUES ('kept', 'sub')")
		require.NoError(t, err)
		_, err = migrate.Start(ctx, db, migrate.StartOptions{Models: []*orm.Model{model[noteV2](t)}, AutoMigrate: true})
		require.Error(t, err, "the additive changes are applied, the others refused")
		before := columns(t, ctx, db)
		p := plan(t, ctx, db, model[noteV2](t))
		report := p.Report()
		if dbtest.Engine(t) == "sqlite" {
			assert.Contains(t, report, `table "notes" is rebuilt`)
			assert.NotContains(t, report, "varchar(20)", "SQLite does not enforce lengths")
		} else {
			assert.Contains(t, report, `column "title" of "notes" is `)
			assert.Contains(t, report, `(20); the field needs VARCHAR(100) [manual]`)
			assert.Contains(t, report, `column "subtitle" of "notes" is NOT NULL; the field may be nil [manual]`)
		}

		defer migrate.SetModels(model[noteV2](t))()
		out, err := command(t, url, dir, migrate.CmdCreate, "--from-models", "widen title")
		require.NoError(t, err, out)
		out, err = command(t, url, dir, migrate.CmdMigrate)
		require.NoError(t, err, out)
		out, err = command(t, url, dir, migrate.CmdDiff)
		require.NoError(t, err, out)
		long := strings.Repeat("x", 90)
		require.NoError(t, orm.Create(ctx, &noteV2{Heading: long}), "a long title and a nil subtitle fit")
		_, err = orm.ExecRaw(ctx, "DELETE FROM notes WHERE subtitle IS NULL")
		require.NoError(t, err)

		out, err = command(t, url, dir, migrate.CmdRollback)
		require.NoError(t, err, out)
		assert.Equal(t, before, columns(t, ctx, db))
		assert.Equal(t, 1, count(ctx, "notes"))
	})
}

// TestCreateFromModelsFlags: destructive statements are commented out
// unless --destructive; a pending migration stops the generation.
func TestCreateFromModelsFlags(t *testing.T) {
	ctx, db, url := open(t)
	_, err := migrate.Start(ctx, db, migrate.StartOptions{Models: []*orm.Model{model[noteV1](t)}})
	require.NoError(t, err)
	defer migrate.SetModels(model[noteRenamed](t))()
	for _, tt := range []struct {
		args []string
		drop string
	}{
		{[]string{"rename"}, "\n-- ALTER TABLE \"notes\" DROP COLUMN \"title\";"},
		{[]string{"--destructive", "rename"}, "\nALTER TABLE \"notes\" DROP COLUMN \"title\";"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			dir := t.TempDir()
			out, err := command(t, url, dir, append([]string{migrate.CmdCreate, "--from-models"}, tt.args...)...)
			require.NoError(t, err, out)
			files, _ := filepath.Glob(filepath.Join(dir, "*_rename.sql"))
			require.Len(t, files, 1)
			text, _ := os.ReadFile(files[0])
			assert.Contains(t, string(text), tt.drop)
			assert.Contains(t, string(text), "RENAME COLUMN", "the rename hint")

			out, err = command(t, url, dir, migrate.CmdCreate, "--from-models", "again")
			require.Error(t, err, out)
			assert.Contains(t, err.Error(), "1 migration pending")
		})
	}
}

// startTogether starts n apps at once on the database at url, each with a
// handle of its own (as separate processes would), with auto-migration, and
// returns each one's error.
func startTogether(url string, fsys fstest.MapFS, models []*orm.Model, n int) []error {
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := orm.Open(url)
			if err != nil {
				errs[i] = err
				return
			}
			defer db.Close()
			_, errs[i] = migrate.Start(orm.WithDB(context.Background(), db), db,
				migrate.StartOptions{Migrations: fsys, Models: models, AutoMigrate: true})
		}()
	}
	wg.Wait()
	return errs
}
