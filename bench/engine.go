package bench

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // "pgx"
	"github.com/mattn/go-sqlite3"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// SQLiteParams are the connection parameters every contender opens its SQLite
// file with: the ones orm.Open uses (tina4/orm/open.go). WAL, a busy timeout,
// foreign keys, synchronous=NORMAL, transactions that begin IMMEDIATE and a
// case-sensitive LIKE.
const SQLiteParams = "_journal_mode=WAL&_busy_timeout=5000&_foreign_keys=1&_synchronous=NORMAL&_txlock=immediate&_cslike=1"

// sqliteDriver is mattn/go-sqlite3 with the page cache and memory map that
// orm.Open gives every SQLite connection by default (PRAGMA cache_size and
// mmap_size cannot ride on the DSN), so that every contender's connections
// run with the ORM's settings.
const sqliteDriver = "sqlite3_bench"

func init() {
	pragmas := []string{
		"PRAGMA cache_size = " + strconv.Itoa(orm.DefaultSQLiteCacheSize),
		"PRAGMA mmap_size = " + strconv.Itoa(orm.DefaultSQLiteMmapSize),
	}
	sql.Register(sqliteDriver, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		for _, p := range pragmas {
			if _, err := c.Exec(p, nil); err != nil {
				return err
			}
		}
		return nil
	}})
}

// Engine is one database engine the suite runs on.
type Engine struct {
	Name string // "sqlite" or "postgres"
	// dir holds the SQLite files; base is the PostgreSQL URL.
	dir, base string
}

// SQLite returns the SQLite engine, keeping its files in dir.
func SQLite(dir string) Engine { return Engine{Name: "sqlite", dir: dir} }

// Postgres returns the PostgreSQL engine on the server at base (a postgres://
// URL), or false when base is empty.
func Postgres(base string) (Engine, bool) {
	return Engine{Name: "postgres", base: base}, base != ""
}

// Engines returns SQLite, and PostgreSQL when TINA4_TEST_POSTGRES_URL is set.
func Engines(dir string) []Engine {
	out := []Engine{SQLite(dir)}
	if pg, ok := Postgres(os.Getenv("TINA4_TEST_POSTGRES_URL")); ok {
		out = append(out, pg)
	}
	return out
}

// Target is one contender's own database: a SQLite file, or a PostgreSQL
// schema (through search_path), created empty with the suite's tables.
type Target struct {
	Engine Engine
	// Path is the SQLite file; Schema the PostgreSQL schema.
	Path, Schema string
}

// ORMURL is the URL orm.Open takes for the target.
func (t Target) ORMURL() string {
	if t.Engine.Name == "sqlite" {
		return "sqlite:///" + t.Path // Path is absolute: sqlite:////tmp/...
	}
	return t.pgURL()
}

// Driver names the target's driver as libraries such as sqlx know it:
// "sqlite3" (mattn/go-sqlite3) or "pgx".
func (t Target) Driver() string {
	if t.Engine.Name == "sqlite" {
		return "sqlite3"
	}
	return "pgx"
}

// sqlDriver is the driver the contenders' connections are opened with:
// sqliteDriver (go-sqlite3 with the ORM's pragmas) or pgx.
func (t Target) sqlDriver() string {
	if t.Engine.Name == "sqlite" {
		return sqliteDriver
	}
	return "pgx"
}

// DSN is the data source name for Driver: SQLiteParams on SQLite, the
// schema on search_path on PostgreSQL.
func (t Target) DSN() string {
	if t.Engine.Name == "sqlite" {
		return "file:" + (&url.URL{Path: t.Path}).EscapedPath() + "?" + SQLiteParams
	}
	return t.pgURL()
}

func (t Target) pgURL() string {
	sep := "?"
	if strings.Contains(t.Engine.base, "?") {
		sep = "&"
	}
	return t.Engine.base + sep + "search_path=" + t.Schema
}

// OpenSQL opens the target as a *sql.DB configured as the ORM configures its
// own: on SQLite one connection (the single writer), on PostgreSQL a pool.
func (t Target) OpenSQL() (*sql.DB, error) {
	db, err := sql.Open(t.sqlDriver(), t.DSN())
	if err != nil {
		return nil, err
	}
	if t.Engine.Name == "sqlite" {
		db.SetMaxOpenConns(1)
		db.SetMaxIdleConns(1)
	} else {
		db.SetMaxOpenConns(25)
		db.SetMaxIdleConns(25)
	}
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// OpenSQLReader opens the pool the ORM reads through: on SQLite read-only
// connections beside the writer, max(4, NumCPU) of them, as orm.Open makes;
// on PostgreSQL the same pool as OpenSQL.
func (t Target) OpenSQLReader() (*sql.DB, error) {
	if t.Engine.Name != "sqlite" {
		return t.OpenSQL()
	}
	db, err := sql.Open(t.sqlDriver(), t.DSN()+"&_query_only=1")
	if err != nil {
		return nil, err
	}
	n := max(4, runtime.NumCPU())
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Rebind turns ? placeholders into the engine's ($1, $2 ... on PostgreSQL).
func (e Engine) Rebind(q string) string {
	if e.Name == "sqlite" {
		return q
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// The data set every contender gets.
const (
	SeedNotes      = 1000 // notes; every other one has category "work"
	SeedAuthors    = 100
	PostsPerAuthor = 10
	PageSize       = 100 // the page of notes, and the authors eager-loaded
	JoinRows       = 1000
	BatchRows      = 100 // rows inserted in one transaction
	WorkNotes      = SeedNotes / 2
)

// SeedTime is the created_at of every seeded note.
var SeedTime = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)

func (e Engine) ddl() []string {
	id, ts := "INTEGER PRIMARY KEY AUTOINCREMENT", "DATETIME"
	if e.Name == "postgres" {
		id, ts = "BIGSERIAL PRIMARY KEY", "TIMESTAMPTZ"
	}
	return []string{
		`CREATE TABLE notes (id ` + id + `, title TEXT NOT NULL, content TEXT NOT NULL, category TEXT NOT NULL,
			pinned BOOLEAN NOT NULL, views BIGINT NOT NULL, created_at ` + ts + ` NOT NULL)`,
		`CREATE INDEX notes_category ON notes (category)`,
		`CREATE TABLE authors (id ` + id + `, name TEXT NOT NULL, email TEXT NOT NULL)`,
		`CREATE TABLE posts (id ` + id + `, author_id BIGINT NOT NULL REFERENCES authors (id), title TEXT NOT NULL,
			body TEXT NOT NULL, views BIGINT NOT NULL)`,
		`CREATE INDEX posts_author ON posts (author_id)`,
	}
}

// NewTarget creates contender name's database on e: a fresh SQLite file or
// PostgreSQL schema with the suite's tables and the seeded data (written with
// plain database/sql, the same rows for everyone).
func (e Engine) NewTarget(ctx context.Context, name string) (Target, error) {
	return e.NewTargetNotes(ctx, name, SeedNotes)
}

// TargetOf names the target NewTarget(name) creates, without creating it.
func (e Engine) TargetOf(name string) Target {
	return Target{Engine: e, Path: filepath.Join(e.dir, name+".db"), Schema: "bench_" + name}
}

// NewTargetNotes is NewTarget with notes seeded notes instead of SeedNotes.
func (e Engine) NewTargetNotes(ctx context.Context, name string, notes int) (Target, error) {
	t := e.TargetOf(name)
	if e.Name == "sqlite" {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := os.Remove(t.Path + suffix); err != nil && !os.IsNotExist(err) {
				return t, err
			}
		}
	} else {
		admin, err := sql.Open("pgx", e.base)
		if err != nil {
			return t, err
		}
		defer admin.Close()
		for _, q := range []string{"DROP SCHEMA IF EXISTS " + t.Schema + " CASCADE", "CREATE SCHEMA " + t.Schema} {
			if _, err := admin.ExecContext(ctx, q); err != nil {
				return t, fmt.Errorf("%s: %w", q, err)
			}
		}
	}
	db, err := t.OpenSQL()
	if err != nil {
		return t, err
	}
	defer db.Close()
	for _, q := range e.ddl() {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return t, fmt.Errorf("create %s: %w", name, err)
		}
	}
	return t, e.seed(ctx, db, notes)
}

func (e Engine) seed(ctx context.Context, db *sql.DB, notes int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for i := 1; i <= notes; i++ {
		cat := "personal"
		if i%2 == 0 {
			cat = "work"
		}
		if _, err := tx.ExecContext(ctx, e.Rebind(`INSERT INTO notes (title, content, category, pinned, views, created_at) VALUES (?, ?, ?, ?, ?, ?)`),
			fmt.Sprintf("Note %d", i), "Some content for the note, a sentence or two long.", cat, i%7 == 0, i, SeedTime); err != nil {
			return fmt.Errorf("seed notes: %w", err)
		}
	}
	for a := 1; a <= SeedAuthors; a++ {
		if _, err := tx.ExecContext(ctx, e.Rebind(`INSERT INTO authors (name, email) VALUES (?, ?)`),
			fmt.Sprintf("Author %d", a), fmt.Sprintf("author%d@example.com", a)); err != nil {
			return fmt.Errorf("seed authors: %w", err)
		}
	}
	for p := 0; p < SeedAuthors*PostsPerAuthor; p++ {
		a := p%SeedAuthors + 1
		if _, err := tx.ExecContext(ctx, e.Rebind(`INSERT INTO posts (author_id, title, body, views) VALUES (?, ?, ?, ?)`),
			a, fmt.Sprintf("Post %d", p+1), "The body of the post.", p); err != nil {
			return fmt.Errorf("seed posts: %w", err)
		}
	}
	return tx.Commit()
}
