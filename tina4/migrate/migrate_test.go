package migrate_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/migrate"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// open opens a fresh database on the engine of t.
func open(t *testing.T, opts ...orm.Option) (context.Context, *orm.DB, string) {
	t.Helper()
	url := dbtest.URL(t)
	db, err := orm.Open(url, opts...)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return orm.WithDB(context.Background(), db), db, url
}

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

// count returns the rows of a table, or -1 when it does not exist.
func count(ctx context.Context, table string) int {
	rows, err := orm.QueryMaps(ctx, "SELECT COUNT(*) AS n FROM "+table)
	if err != nil {
		return -1
	}
	n, _ := rows[0]["n"].(int64)
	return int(n)
}

func ids(t *testing.T, ctx context.Context, db *orm.DB, fsys fstest.MapFS) []string {
	t.Helper()
	list, err := migrate.New(db, fsys).Status(ctx)
	require.NoError(t, err)
	var out []string
	for _, s := range list {
		if s.Applied {
			out = append(out, s.ID)
		}
	}
	return out
}

var baseFiles = fstest.MapFS{
	"000001_create_notes.sql": file(`-- notes, with a reserved word for a column
CREATE TABLE notes (id INTEGER PRIMARY KEY, title VARCHAR(200) NOT NULL, "order" INTEGER);
/* two statements in one file */
INSERT INTO notes (id, title, "order") VALUES (1, 'first; with a semicolon', 1);`),
	"000001_create_notes.down.sql": file("DROP TABLE notes;"),
	"000002_create_tags.sql":       file("CREATE TABLE tags (id INTEGER PRIMARY KEY, name VARCHAR(50));\nINSERT INTO tags VALUES (1, 'ünïcode');\n"),
	"000002_create_tags.down.sql":  file("DROP TABLE tags"),
	"README.md":                    file("not a migration"),
}

func clone(fsys fstest.MapFS) fstest.MapFS {
	out := fstest.MapFS{}
	for k, v := range fsys {
		out[k] = v
	}
	return out
}

// forEngine makes the files' "order" a MySQL identifier on MySQL.
func forEngine(t *testing.T, fsys fstest.MapFS) fstest.MapFS {
	if dbtest.Engine(t) != "mysql" {
		return fsys
	}
	out := fstest.MapFS{}
	for k, v := range fsys {
		out[k] = file(strings.ReplaceAll(string(v.Data), `"order"`, "`order`"))
	}
	return out
}

func TestUpAndRollback(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		ctx, db, _ := open(t)
		fsys := forEngine(t, clone(baseFiles))
		m := migrate.New(db, fsys)

		res, err := m.Up(ctx)
		require.NoError(t, err)
		want := []string{"000001_create_notes", "000002_create_tags"}
		require.Equal(t, 1, res.Batch, "Up = %+v, want batch 1 %v", res, want)
		require.Equal(t, want, res.IDs, "Up = %+v, want batch 1 %v", res, want)
		require.Equal(t, 1, count(ctx, "notes"), "notes %d, tags %d rows; want 1 each", count(ctx, "notes"), count(ctx, "tags"))
		require.Equal(t, 1, count(ctx, "tags"), "notes %d, tags %d rows; want 1 each", count(ctx, "notes"), count(ctx, "tags"))
		again, err := m.Up(ctx)
		require.NoError(t, err, "second Up = %+v, %v; want nothing applied", again, err)
		require.Len(t, again.IDs, 0, "second Up = %+v, %v; want nothing applied", again, err)

		fsys["000003_add_labels.sql"] = file("CREATE TABLE labels (id INTEGER PRIMARY KEY)")
		fsys["000003_add_labels.down.sql"] = file("DROP TABLE labels")
		res, err = m.Up(ctx)
		require.NoError(t, err, "Up = %+v, %v; want batch 2 with 000003", res, err)
		require.Equal(t, 2, res.Batch, "Up = %+v, %v; want batch 2 with 000003", res, err)
		require.Equal(t, []string{"000003_add_labels"}, res.IDs, "Up = %+v, %v; want batch 2 with 000003", res, err)

		list, err := m.Status(ctx)
		require.NoError(t, err)
		require.Len(t, list, 3, "Status")
		require.Equal(t, "create notes", list[0].Description, "Status")
		require.Equal(t, 2, list[2].Batch, "Status")
		require.Equal(t, 1, list[0].Batch, "Status")
		at := list[0].ExecutedAt
		if assert.False(t, at.IsZero(), "executed_at = %v, want about now", at) && assert.LessOrEqual(t, time.Since(at), time.Hour, "executed_at = %v, want about now", at) {
			assert.GreaterOrEqual(t, time.Since(at), -time.Hour, "executed_at = %v, want about now", at)
		}

		res, err = m.Rollback(ctx)
		require.NoError(t, err, "Rollback = %+v, %v; want batch 2", res, err)
		require.Equal(t, 2, res.Batch, "Rollback = %+v, %v; want batch 2", res, err)
		require.Equal(t, []string{"000003_add_labels"}, res.IDs, "Rollback = %+v, %v; want batch 2", res, err)
		require.Equal(t, -1, count(ctx, "labels"), "rollback of batch 2 must drop labels and keep notes")
		require.Equal(t, 1, count(ctx, "notes"), "rollback of batch 2 must drop labels and keep notes")
		res, err = m.Rollback(ctx)
		require.NoError(t, err, "Rollback = %+v, %v; want batch 1 newest first", res, err)
		require.Equal(t, []string{"000002_create_tags", "000001_create_notes"}, res.IDs, "Rollback = %+v, %v; want batch 1 newest first", res, err)
		require.Equal(t, -1, count(ctx, "notes"), "rollback of batch 1 must drop its tables")
		require.Equal(t, -1, count(ctx, "tags"), "rollback of batch 1 must drop its tables")
		res, err = m.Rollback(ctx)
		require.NoError(t, err, "Rollback with nothing applied")
		require.Len(t, res.IDs, 0, "Rollback with nothing applied")
		got := ids(t, ctx, db, fsys)
		require.Nil(t, got, "applied after full rollback")
	})
}

func TestUpFailure(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		ctx, db, _ := open(t)
		fsys := forEngine(t, clone(baseFiles))
		fsys["000003_broken.sql"] = file("INSERT INTO notes (id, title) VALUES (2, 'rolled back');\n\nINSERT INTO no_such_table VALUES (1);")
		fsys["000004_after.sql"] = file("CREATE TABLE after_broken (id INTEGER PRIMARY KEY)")
		m := migrate.New(db, fsys)

		res, err := m.Up(ctx)
		require.Error(t, err, "Up with a broken file succeeded")
		for _, want := range []string{"000003_broken.sql", "statement 2 (line 3)", "no_such_table"} {
			assert.Contains(t, err.Error(), want, "error %q does not name %q", err, want)
		}
		assert.Equal(t, []string{"000001_create_notes", "000002_create_tags"}, res.IDs, "applied = %v, want the two files before the broken one", res.IDs)
		assert.Equal(t, 1, count(ctx, "notes"), "notes has %d rows: the broken file's insert must be rolled back", count(ctx, "notes"))
		assert.Equal(t, -1, count(ctx, "after_broken"), "the file after the broken one ran")
		got := ids(t, ctx, db, fsys)
		assert.Len(t, got, 2, "recorded %v, want the two good files only", got)

		fsys["000003_broken.sql"] = file("INSERT INTO notes (id, title) VALUES (2, 'fixed')")
		res, err = m.Up(ctx)
		require.NoError(t, err, "Up after the fix = %+v, %v; want 000003 and 000004 in batch 2", res, err)
		require.Equal(t, 2, res.Batch, "Up after the fix = %+v, %v; want 000003 and 000004 in batch 2", res, err)
		require.Len(t, res.IDs, 2, "Up after the fix = %+v, %v; want 000003 and 000004 in batch 2", res, err)
	})
}

func TestRollbackNeedsEveryDownFile(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		ctx, db, _ := open(t)
		fsys := forEngine(t, clone(baseFiles))
		delete(fsys, "000001_create_notes.down.sql")
		m := migrate.New(db, fsys)
		if _, err := m.Up(ctx); err != nil {
			require.NoError(t, err)
		}
		_, err := m.Rollback(ctx)
		require.Error(t, err, "Rollback = %v, want a missing .down.sql error", err)
		require.Contains(t, err.Error(), "000001_create_notes has no .down.sql; nothing rolled back", "Rollback = %v, want a missing .down.sql error", err)
		require.Equal(t, 1, count(ctx, "tags"), "a refused rollback changed the database")
		require.Len(t, ids(t, ctx, db, fsys), 2, "a refused rollback changed the database")

		delete(fsys, "000002_create_tags.sql")
		delete(fsys, "000002_create_tags.down.sql")
		list, err := m.Status(ctx)
		require.NoError(t, err)
		require.Len(t, list, 2, "Status = %+v, want 000002 applied and missing", list)
		require.True(t, list[1].Missing, "Status = %+v, want 000002 applied and missing", list)
		require.True(t, list[1].Applied, "Status = %+v, want 000002 applied and missing", list)
	})
}

// TestEngineScripts runs each engine's own multi-statement syntax: a
// PostgreSQL function with a $$ body, a SQLite trigger with BEGIN ... END,
// and a MySQL procedure between DELIMITER lines.
func TestEngineScripts(t *testing.T) {
	scripts := map[string]string{
		"postgres": `CREATE TABLE items (id SERIAL PRIMARY KEY, name TEXT, touched INTEGER DEFAULT 0);
CREATE FUNCTION touch() RETURNS trigger AS $$
BEGIN
  NEW.touched := NEW.touched + 1; -- a ; inside the body
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER items_touch BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION touch();
INSERT INTO items (name) VALUES ('a?b');`,
		"sqlite": `CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, touched INTEGER DEFAULT 0);
CREATE TRIGGER items_touch AFTER INSERT ON items BEGIN
  UPDATE items SET touched = CASE WHEN NEW.touched = 0 THEN 1 ELSE 2 END WHERE id = NEW.id;
END;
INSERT INTO items (name) VALUES ('a?b');`,
		"mysql": "CREATE TABLE items (id INT AUTO_INCREMENT PRIMARY KEY, name TEXT, touched INT DEFAULT 0);\n" +
			"DELIMITER $$\nCREATE PROCEDURE add_item(IN n TEXT)\nBEGIN\n  INSERT INTO items (name, touched) VALUES (n, 0);\n  UPDATE items SET touched = 1 WHERE name = n;\nEND$$\nDELIMITER ;\n" +
			"CALL add_item('a?b');",
	}
	dbtest.Each(t, func(t *testing.T) {
		ctx, db, _ := open(t)
		fsys := fstest.MapFS{"000001_items.sql": file(scripts[dbtest.Engine(t)])}
		if _, err := migrate.New(db, fsys).Up(ctx); err != nil {
			require.NoError(t, err)
		}
		rows, err := orm.QueryMaps(ctx, "SELECT name, touched FROM items")
		require.NoError(t, err)
		require.Len(t, rows, 1, "items = %v, want one row a?b touched once", rows)
		require.Equal(t, "a?b", rows[0]["name"], "items = %v, want one row a?b touched once", rows)
		require.Equal(t, int64(1), rows[0]["touched"], "items = %v, want one row a?b touched once", rows)
	})
}

// TestConcurrentUp starts two runs on one database at once, as two app
// instances booting together would: each file is applied exactly once.
func TestConcurrentUp(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		_, _, url := open(t)
		fsys := forEngine(t, clone(baseFiles))
		var (
			wg      sync.WaitGroup
			mu      sync.Mutex
			applied []string
			errs    []error
		)
		for range 2 {
			db, err := orm.Open(url)
			require.NoError(t, err)
			defer db.Close()
			wg.Add(1)
			go func() {
				defer wg.Done()
				res, err := migrate.New(db, fsys).Up(context.Background())
				mu.Lock()
				defer mu.Unlock()
				applied = append(applied, res.IDs...)
				errs = append(errs, err)
			}()
		}
		wg.Wait()
		err := errors.Join(errs...)
		require.NoError(t, err)
		require.Len(t, applied, 2, "applied %v across both runs, want each of the 2 files once", applied)
	})
}

func TestUpReportsUnavailableDatabase(t *testing.T) {
	ctx, db, _ := open(t)
	db.Close()
	_, err := migrate.New(db, baseFiles).Up(ctx)
	require.Error(t, err, "Up on a closed database succeeded")
	assert.Contains(t, err.Error(), "migrate:", "error %q does not say it came from migrate", err)
}

// TestEmptyFilesAreRefused: a file of comments only (as migrate:create
// writes it) is neither applied nor used for a rollback.
func TestEmptyFilesAreRefused(t *testing.T) {
	ctx, db, _ := open(t)
	fsys := fstest.MapFS{"000001_todo.sql": file("-- Migration: todo\n")}
	_, err := migrate.New(db, fsys).Up(ctx)
	require.Error(t, err, "Up = %v, want the empty file refused", err)
	require.Contains(t, err.Error(), "000001_todo.sql: no SQL statements", "Up = %v, want the empty file refused", err)
	fsys["000001_todo.sql"] = file("CREATE TABLE todo (id INTEGER)")
	fsys["000001_todo.down.sql"] = file("/* later */")
	m := migrate.New(db, fsys)
	_, err = m.Up(ctx)
	require.NoError(t, err)
	_, err = m.Rollback(ctx)
	require.Error(t, err, "Rollback = %v, want refused", err)
	require.Contains(t, err.Error(), "nothing rolled back", "Rollback = %v, want refused", err)
	require.Equal(t, 0, count(ctx, "todo"), "a refused rollback dropped the table")
}

// TestPoolOfOneConnection: the run works through the connection that holds
// the lock, so a pool limited to one connection does not wait for itself.
func TestPoolOfOneConnection(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		_, db, _ := open(t, orm.WithPool(orm.PoolConfig{MaxOpen: 1, MaxIdle: 1}))
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		m := migrate.New(db, forEngine(t, clone(baseFiles)))
		res, err := m.Up(ctx)
		require.NoError(t, err, "Up")
		require.Len(t, res.IDs, 2, "Up")
		res, err = m.Rollback(ctx)
		require.NoError(t, err, "Rollback")
		require.Len(t, res.IDs, 2, "Rollback")
	})
}

// TestStatusOrder: Status lists migrations in the order Up applies them,
// numbers as numbers.
func TestStatusOrder(t *testing.T) {
	ctx, db, _ := open(t)
	fsys := fstest.MapFS{
		"10_b.sql": file("CREATE TABLE b (id INTEGER)"),
		"9_a.sql":  file("CREATE TABLE a (id INTEGER)"),
	}
	m := migrate.New(db, fsys)
	res, err := m.Up(ctx)
	require.NoError(t, err, "Up")
	require.Equal(t, []string{"9_a", "10_b"}, res.IDs, "Up")
	got := ids(t, ctx, db, fsys)
	require.Equal(t, []string{"9_a", "10_b"}, got, "Status order = %v, want 9_a before 10_b", got)
}
