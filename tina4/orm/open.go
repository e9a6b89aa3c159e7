package orm

import (
	"database/sql"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// DefaultURL is the database used when DATABASE_URL is not set.
const DefaultURL = "sqlite:///data/app.db"

// Open opens the database named by a URL:
//
//	sqlite:///data/app.db     a file relative to the working directory
//	sqlite:////var/db/app.db  an absolute path
//	sqlite::memory:           a private in-memory database
//
//	postgres://user:pass@host:5432/db   PostgreSQL (also postgresql://), through pgx
//	mysql://user:pass@host:3306/db      MySQL or MariaDB
//
// DATABASE_USERNAME and DATABASE_PASSWORD, when set, replace the URL's
// credentials; see PoolConfig for the pool settings of server databases.
//
// A SQLite file is opened for a web server: WAL, a 5 s busy timeout, foreign
// keys on and synchronous=NORMAL on every connection; one writer connection
// whose transactions begin IMMEDIATE, beside a pool of read-only readers.
// The URL's query may set each connection's page cache and the memory map
// (sqlite:///data/app.db?cache_size=-65536&mmap_size=0; defaults
// DefaultSQLiteCacheSize and DefaultSQLiteMmapSize); other keys are errors.
// The folder of the file is created when missing. With TINA4_DEBUG_SQL=true
// every statement is logged through slog.Default().
func Open(rawURL string, opts ...Option) (*DB, error) {
	scheme, rest, ok := strings.Cut(rawURL, ":")
	if !ok {
		return nil, fmt.Errorf("orm: open %q: not a database URL (want sqlite:///path.db, postgres://... or mysql://...)", rawURL)
	}
	var staged DB // the options, read first: the pooler changes how the server is opened
	for _, o := range opts {
		o(&staged)
	}
	if err := checkPooler(staged.pooler, scheme); err != nil {
		return nil, err
	}
	var (
		db  *DB
		err error
	)
	switch strings.ToLower(scheme) {
	case "sqlite", "sqlite3":
		db, err = openSQLite(rest)
	case "postgres", "postgresql":
		db, err = openPostgres(rawURL, staged.pooler)
	case "mysql", "mariadb":
		db, err = openMySQL(rawURL)
	default:
		return nil, fmt.Errorf("orm: open: unsupported database scheme %q (supported: sqlite, postgres, postgresql, mysql)", scheme)
	}
	if err != nil {
		return nil, err
	}
	if strings.EqualFold(os.Getenv("TINA4_DEBUG_SQL"), "true") {
		db.logger = slog.Default()
	}
	pooler := db.pooler // what the URL implies
	for _, o := range opts {
		o(db)
	}
	if db.pooler == "" {
		db.pooler = pooler
	}
	db.cacheStatements()
	if err := db.openReplicas(func(u string) (*DB, error) { return Open(u, WithPooler(staged.pooler)) }); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

var memCounter atomic.Int64

// openSQLite opens the part of a sqlite URL after "sqlite:".
func openSQLite(rest string) (*DB, error) {
	const params = "_journal_mode=WAL&_busy_timeout=5000&_foreign_keys=1&_synchronous=NORMAL&_txlock=immediate&_cslike=1"
	if rest == ":memory:" || rest == "//:memory:" {
		// One connection: every connection to :memory: would be a new database.
		name := fmt.Sprintf("file:tina4mem%d?mode=memory&_foreign_keys=1&_txlock=immediate&_cslike=1", memCounter.Add(1))
		pool, err := sql.Open(sqliteDriver, name)
		if err != nil {
			return nil, fmt.Errorf("orm: open sqlite memory: %w", err)
		}
		pool.SetMaxOpenConns(1)
		pool.SetConnMaxLifetime(0)
		pool.SetConnMaxIdleTime(0)
		db := New(pool, dialect.SQLite{})
		db.pools = []*sql.DB{pool}
		return db, nil
	}
	path, err := sqlitePath(rest)
	if err != nil {
		return nil, err
	}
	_, query, _ := strings.Cut(rest, "?")
	settings, err := parseSQLiteQuery(query)
	if err != nil {
		return nil, err
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("orm: open sqlite: create folder: %w", err)
		}
	}
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + params
	writer, err := openWithPragmas(sqliteDriver, dsn, settings.pragmas())
	if err != nil {
		return nil, fmt.Errorf("orm: open sqlite %s: %w", path, err)
	}
	writer.SetMaxOpenConns(1)
	writer.SetMaxIdleConns(1)
	writer.SetConnMaxLifetime(0)
	writer.SetConnMaxIdleTime(0)
	// Create the file and switch it to WAL before any reader opens it.
	if err := writer.Ping(); err != nil {
		writer.Close()
		return nil, fmt.Errorf("orm: open sqlite %s: %w", path, err)
	}
	reader, err := openWithPragmas(sqliteDriver, dsn+"&_query_only=1", settings.pragmas())
	if err != nil {
		writer.Close()
		return nil, fmt.Errorf("orm: open sqlite %s: %w", path, err)
	}
	n := max(4, runtime.NumCPU())
	reader.SetMaxOpenConns(n)
	reader.SetMaxIdleConns(n)
	db := New(writer, dialect.SQLite{})
	db.reader = reader
	db.pools = []*sql.DB{writer, reader}
	db.cacheStatements()
	return db, nil
}

// sqlitePath turns "///rel.db" into "rel.db" and "////abs.db" into "/abs.db".
func sqlitePath(rest string) (string, error) {
	var path string
	switch {
	case strings.HasPrefix(rest, "////"):
		path = rest[3:]
	case strings.HasPrefix(rest, "///"):
		path = rest[3:]
	case strings.HasPrefix(rest, "//"):
		path = rest[2:]
	default:
		path = rest
	}
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	if path == "" {
		return "", fmt.Errorf("orm: open sqlite: the URL names no file (want sqlite:///data/app.db)")
	}
	return path, nil
}
