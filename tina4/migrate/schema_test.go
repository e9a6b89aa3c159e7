package migrate_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/migrate"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// Two versions of one model: v2 adds a NULL-able column, a NOT NULL one
// and a unique one.
type noteV1 struct {
	ID    int64  `db:"id,pk,auto"`
	Title string `db:"title" validate:"max=100"`
}

func (noteV1) TableName() string { return "notes" }

type noteV2 struct {
	ID       int64   `db:"id,pk,auto"`
	Heading  string  `db:"title" validate:"max=100"` // a Go rename: same column
	Subtitle *string `db:"subtitle"`
	Pages    int     `db:"pages"`
	Code     *string `db:"code,unique" validate:"omitempty,max=40"`
}

func (noteV2) TableName() string { return "notes" }

// Two new models, the first referencing the second.
type bookV1 struct {
	ID     int64                    `db:"id,pk,auto"`
	Title  string                   `db:"title"`
	Writer orm.ForeignKey[writerV1] `db:"writer_id" on_delete:"cascade"`
}

func (bookV1) TableName() string { return "books" }

type writerV1 struct {
	ID   int64  `db:"id,pk,auto"`
	Name string `db:"name"`
}

func (writerV1) TableName() string { return "writers" }

func model[T any](t *testing.T) *orm.Model {
	t.Helper()
	m, err := orm.ModelOf[T]()
	require.NoError(t, err)
	return m
}

// pkDef is an auto-increment key column on each engine.
func pkDef(t *testing.T) string {
	switch dbtest.Engine(t) {
	case "postgres":
		return "id BIGSERIAL PRIMARY KEY"
	case "mysql":
		return "id BIGINT AUTO_INCREMENT PRIMARY KEY"
	}
	return "id INTEGER PRIMARY KEY AUTOINCREMENT"
}

// columns lists the tables of the live schema with their columns and
// types, the unique indexes and the foreign keys, for comparing schemas.
func columns(t *testing.T, ctx context.Context, db *orm.DB) []string {
	t.Helper()
	live, err := migrate.Inspect(ctx, db.Dialect().Name())
	require.NoError(t, err)
	var out []string
	for _, tb := range live.Tables {
		if tb.Name == migrate.Table {
			continue
		}
		for _, c := range tb.Columns {
			out = append(out, tb.Name+"."+c.Name+" "+c.Type)
		}
		for _, ix := range tb.Indexes {
			out = append(out, tb.Name+" index "+strings.Join(ix.Columns, ","))
		}
		for _, fk := range tb.ForeignKeys {
			out = append(out, tb.Name+"."+fk.Column+" -> "+fk.RefTable)
		}
	}
	sort.Strings(out)
	return out
}

func TestStartMigrationRefersToModelTable(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		ctx, db, _ := open(t)
		fsys := fstest.MapFS{
			"000001_index_notes.sql": file("CREATE INDEX idx_notes_title ON notes (title);\nINSERT INTO notes (title) VALUES ('seeded');"),
		}
		res, err := migrate.Start(ctx, db, migrate.StartOptions{Migrations: fsys, Models: []*orm.Model{model[noteV1](t)}})
		require.NoError(t, err)
		assert.Equal(t, []string{"000001_index_notes"}, res.Migrations.IDs)
		assert.Equal(t, 1, count(ctx, "notes"))
		assert.Contains(t, columns(t, ctx, db), "notes index title")
	})
}

func TestStartMigrationCreatesModelTable(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		ctx, db, _ := open(t)
		fsys := fstest.MapFS{
			"000001_notes.sql": file("CREATE TABLE notes (" + pkDef(t) + ", title VARCHAR(100) NOT NULL, " +
				"extra VARCHAR(20) NOT NULL DEFAULT 'x', remark VARCHAR(50));\nINSERT INTO notes (title) VALUES ('seeded');"),
		}
		res, err := migrate.Start(ctx, db, migrate.StartOptions{Migrations: fsys, Models: []*orm.Model{model[noteV1](t)}})
		require.NoError(t, err)
		assert.Empty(t, res.Statements, "the migration's table is used as it is")
		cols := columns(t, ctx, db)
		assert.Contains(t, strings.Join(cols, "\n"), "notes.extra")
		n := &noteV1{Title: "through the model"}
		require.NoError(t, orm.Create(ctx, n))
		assert.Equal(t, 2, count(ctx, "notes"))
	})
}

func TestStartFieldAdded(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		ctx, db, _ := open(t)
		_, err := migrate.Start(ctx, db, migrate.StartOptions{Models: []*orm.Model{model[noteV1](t)}})
		require.NoError(t, err)
		require.NoError(t, orm.Create(ctx, &noteV1{Title: "old row"}))

		v2 := []*orm.Model{model[noteV2](t)}
		_, err = migrate.Start(ctx, db, migrate.StartOptions{Models: v2})
		var drift *migrate.DriftError
		require.ErrorAs(t, err, &drift)
		assert.Contains(t, err.Error(), `table "notes" has no column "subtitle"`)
		assert.Contains(t, err.Error(), `"pages"`)
		assert.Contains(t, err.Error(), "migrate:create --from-models")
		assert.NotContains(t, strings.Join(columns(t, ctx, db), "\n"), "subtitle", "nothing applied without auto-migrate")

		var logged []string
		_, err = migrate.Start(ctx, db, migrate.StartOptions{Models: v2, AutoMigrate: true,
			Log: func(s string) { logged = append(logged, s) }})
		require.NoError(t, err)
		all := strings.Join(logged, "\n")
		assert.Contains(t, all, "ADD COLUMN")
		assert.Contains(t, all, "subtitle")
		assert.Contains(t, all, "pages")
		got, err := orm.FindOrFail[noteV2](ctx, int64(1))
		require.NoError(t, err)
		assert.Equal(t, "old row", got.Heading)
		assert.Equal(t, 0, got.Pages)

		// A second start finds nothing to do.
		logged = nil
		_, err = migrate.Start(ctx, db, migrate.StartOptions{Models: v2, AutoMigrate: true,
			Log: func(s string) { logged = append(logged, s) }})
		require.NoError(t, err)
		assert.Empty(t, logged)
	})
}

// command runs a migration command on url with the migrations of dir.
func command(t *testing.T, url, dir string, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := migrate.Command(context.Background(), args, dir, func() (*orm.DB, error) { return orm.Open(url) }, &out)
	return out.String(), err
}

func TestGenerateMigrateDiffRollback(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		ctx, db, url := open(t)
		dir := t.TempDir()
		_, err := migrate.Start(ctx, db, migrate.StartOptions{Models: []*orm.Model{model[noteV1](t)}})
		require.NoError(t, err)
		require.NoError(t, orm.Create(ctx, &noteV1{Title: "kept"}))
		before := columns(t, ctx, db)

		restore := migrate.SetModels(model[noteV1](t))
		out, err := command(t, url, dir, migrate.CmdDiff)
		restore()
		require.NoError(t, err, "no difference: exit 0")
		assert.Contains(t, out, "No differences")

		defer migrate.SetModels(model[noteV2](t))()
		out, err = command(t, url, dir, migrate.CmdDiff)
		require.ErrorIs(t, err, migrate.ErrDrift, "a difference: exit 1")
		assert.Contains(t, out, "ADD COLUMN")

		out, err = command(t, url, dir, migrate.CmdCreate, "--from-models", "add subtitle")
		require.NoError(t, err)
		files, _ := filepath.Glob(filepath.Join(dir, "*_add_subtitle*.sql"))
		require.Len(t, files, 2, out)
		for _, f := range files {
			text, _ := os.ReadFile(f)
			t.Logf("%s:\n%s", filepath.Base(f), text)
		}

		out, err = command(t, url, dir, migrate.CmdMigrate)
		require.NoError(t, err, out)
		out, err = command(t, url, dir, migrate.CmdDiff)
		require.NoError(t, err, out)
		assert.Contains(t, out, "No differences")
		assert.NotEqual(t, before, columns(t, ctx, db))

		out, err = command(t, url, dir, migrate.CmdRollback)
		require.NoError(t, err, out)
		assert.Equal(t, before, columns(t, ctx, db), "the rollback restores the schema")
		assert.Equal(t, 1, count(ctx, "notes"))
	})
}

func TestGenerateNewModelsWithForeignKey(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		ctx, db, url := open(t)
		dir := t.TempDir()
		before := columns(t, ctx, db)
		// books is listed first, yet references writers.
		defer migrate.SetModels(model[bookV1](t), model[writerV1](t))()
		out, err := command(t, url, dir, migrate.CmdDiff)
		require.ErrorIs(t, err, migrate.ErrDrift)
		w, b := strings.Index(out, "CREATE TABLE IF NOT EXISTS "+db.Dialect().Quote("writers")),
			strings.Index(out, "CREATE TABLE IF NOT EXISTS "+db.Dialect().Quote("books"))
		require.True(t, w >= 0 && b >= 0, out)
		assert.Less(t, w, b, "the referenced table comes first")

		_, err = command(t, url, dir, migrate.CmdCreate, "--from-models", "books and writers")
		require.NoError(t, err)
		out, err = command(t, url, dir, migrate.CmdMigrate)
		require.NoError(t, err, out)
		assert.Contains(t, columns(t, ctx, db), "books.writer_id -> writers")
		out, err = command(t, url, dir, migrate.CmdDiff)
		require.NoError(t, err, out)

		out, err = command(t, url, dir, migrate.CmdRollback)
		require.NoError(t, err, out)
		assert.Equal(t, before, columns(t, ctx, db))
	})
}

// noteWriter adds a NULL-able foreign key to a new model.
type noteWriter struct {
	ID     int64                        `db:"id,pk,auto"`
	Title  string                       `db:"title" validate:"max=100"`
	Writer orm.NullForeignKey[writerV1] `db:"writer_id" on_delete:"set null"`
}

func (noteWriter) TableName() string { return "notes" }

func TestGenerateForeignKeyColumn(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		ctx, db, url := open(t)
		dir := t.TempDir()
		_, err := migrate.Start(ctx, db, migrate.StartOptions{Models: []*orm.Model{model[noteV1](t)}})
		require.NoError(t, err)
		require.NoError(t, orm.Create(ctx, &noteV1{Title: "kept"}))
		before := columns(t, ctx, db)
		defer migrate.SetModels(model[noteWriter](t), model[writerV1](t))()
		out, err := command(t, url, dir, migrate.CmdCreate, "--from-models", "add writer")
		require.NoError(t, err, out)
		if dbtest.Engine(t) != "sqlite" { // SQLite adds the key by a table rebuild: its DDL is the model's own
			ups, err := filepath.Glob(filepath.Join(dir, "*_add_writer.sql"))
			require.NoError(t, err)
			require.Len(t, ups, 1)
			sql, err := os.ReadFile(ups[0])
			require.NoError(t, err)
			assert.Contains(t, string(sql), "ON UPDATE RESTRICT", "the documented default is written, else engines apply NO ACTION")
		}
		out, err = command(t, url, dir, migrate.CmdMigrate)
		require.NoError(t, err, out)
		assert.Contains(t, columns(t, ctx, db), "notes.writer_id -> writers")
		out, err = command(t, url, dir, migrate.CmdDiff)
		require.NoError(t, err, out)
		out, err = command(t, url, dir, migrate.CmdRollback)
		require.NoError(t, err, out)
		assert.Equal(t, before, columns(t, ctx, db))
	})
}

func TestCommandModelsErrors(t *testing.T) {
	url := "sqlite:///" + filepath.Join(t.TempDir(), "x.db")
	dir := t.TempDir()
	defer migrate.SetModels(model[noteV1](t))()
	for _, args := range [][]string{
		{migrate.CmdDiff, "extra"},
		{migrate.CmdCreate, "--from-models"},
		{migrate.CmdCreate, "--from-models", "--force", "x"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			_, err := command(t, url, dir, args...)
			require.Error(t, err)
			assert.False(t, errors.Is(err, migrate.ErrDrift))
		})
	}
	entries, _ := os.ReadDir(dir)
	assert.Empty(t, entries)
}
