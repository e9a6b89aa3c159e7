// Package sqlitedb is the SQLite engine of package orm: it opens sqlite:
// URLs through mattn/go-sqlite3 (cgo) and classifies that driver's errors.
// Import it for its side effect, registering the engine:
//
//	import _ "github.com/tina4stack/tina4-go/tina4/orm/sqlitedb"
//
// Built with the tag sqlite_purego it uses modernc.org/sqlite instead, a
// pure-Go driver that needs no C compiler (CGO_ENABLED=0).
package sqlitedb

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
	"github.com/tina4stack/tina4-go/tina4/orm/engine"
)

func init() {
	engine.Register(engine.Engine{Name: "sqlite", Schemes: []string{"sqlite", "sqlite3"}, Open: Open, Classify: Classify})
}

var memCounter atomic.Int64

// Open opens a sqlite: URL:
//
//	sqlite:///data/app.db     a file relative to the working directory
//	sqlite:////var/db/app.db  an absolute path
//	sqlite::memory:           a private in-memory database
//
// A file is opened for a web server: WAL, a 5 s busy timeout, foreign keys
// on and synchronous=NORMAL on every connection; one writer connection
// whose transactions begin IMMEDIATE, beside a pool of read-only readers.
// The URL's query may set each connection's page cache and the memory map
// (sqlite:///data/app.db?cache_size=-65536&mmap_size=0; defaults
// engine.DefaultSQLiteCacheSize and engine.DefaultSQLiteMmapSize); other
// keys are errors. The folder of the file is created when missing. cfg's
// credentials and pool do not apply to SQLite.
func Open(rawURL string, _ engine.Config) (*engine.Handle, error) {
	_, rest, _ := strings.Cut(rawURL, ":")
	if rest == ":memory:" || rest == "//:memory:" {
		// One connection: every connection to :memory: would be a new database.
		pool, err := openMemory(fmt.Sprintf("tina4mem%d", memCounter.Add(1)))
		if err != nil {
			return nil, fmt.Errorf("orm: open sqlite memory: %w", err)
		}
		pool.SetMaxOpenConns(1)
		pool.SetConnMaxLifetime(0)
		pool.SetConnMaxIdleTime(0)
		return &engine.Handle{Dialect: dialect.SQLite{}, Writer: pool}, nil
	}
	path, err := sqlitePath(rest)
	if err != nil {
		return nil, err
	}
	_, query, _ := strings.Cut(rest, "?")
	settings, err := parseQuery(query)
	if err != nil {
		return nil, err
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("orm: open sqlite: create folder: %w", err)
		}
	}
	escaped := (&url.URL{Path: path}).EscapedPath()
	writer, err := openFile(escaped, false, settings.pragmas())
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
	reader, err := openFile(escaped, true, settings.pragmas())
	if err != nil {
		writer.Close()
		return nil, fmt.Errorf("orm: open sqlite %s: %w", path, err)
	}
	n := max(4, runtime.NumCPU())
	reader.SetMaxOpenConns(n)
	reader.SetMaxIdleConns(n)
	return &engine.Handle{Dialect: dialect.SQLite{}, Writer: writer, Reader: reader}, nil
}

// sqlitePath turns "///rel.db" into "rel.db" and "////abs.db" into "/abs.db".
func sqlitePath(rest string) (string, error) {
	var path string
	switch {
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

// unicodeLower is SQL's LOWER folding beyond ASCII (dialect.FoldCase);
// NULL stays NULL. It is registered as unicode_lower(text) on every
// connection.
func unicodeLower(v any) any {
	switch s := v.(type) {
	case string:
		return dialect.FoldCase(s)
	case []byte:
		return dialect.FoldCase(string(s))
	}
	return v
}
