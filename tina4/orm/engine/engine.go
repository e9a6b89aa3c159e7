// Package engine is the seam between package orm and the database drivers:
// an engine package (sqlitedb, postgresdb, mysqldb) registers here, from its
// init(), the URL schemes it opens and how it reads its driver's errors, as
// database/sql drivers register with sql.Register. Package orm imports no
// driver: a program links only the engines it imports, so an app without
// SQLite builds with CGO_ENABLED=0.
package engine

import (
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// Engine is one database engine as an engine package registers it.
type Engine struct {
	// Name is the engine's dialect name: "sqlite", "postgres", "mysql".
	Name string
	// Schemes are the URL schemes it opens, lower case ("postgres",
	// "postgresql").
	Schemes []string
	// Open opens the database rawURL names (scheme included) with cfg.
	Open func(rawURL string, cfg Config) (*Handle, error)
	// Classify reads an error of the engine's driver; it returns the zero
	// Fault (Unknown) for an error that is not its driver's.
	Classify func(err error) Fault
}

// Config is what package orm passes to Engine.Open besides the URL.
type Config struct {
	// Username and Password, when not empty, replace the URL's credentials
	// (server engines).
	Username, Password string
	// Pool sizes a server engine's connection pool.
	Pool PoolConfig
	// Pooler names the connection pooler in front of the server ("" or
	// "pgbouncer"); package orm has checked that the engine serves it.
	Pooler string
}

// PoolConfig sizes the connection pool of a server database, with
// database/sql's meanings (SetMaxOpenConns, SetMaxIdleConns,
// SetConnMaxLifetime): MaxOpen 0 is no limit, MaxLifetime 0 keeps
// connections forever. DefaultPoolConfig is what an app gets.
type PoolConfig struct {
	MaxOpen     int           // default 25
	MaxIdle     int           // default 25
	MaxLifetime time.Duration // default 30m; connections are recycled, so a restarted server is reached again
}

// DefaultPoolConfig is the pool of a server database unless the app sets
// its own.
var DefaultPoolConfig = PoolConfig{MaxOpen: 25, MaxIdle: 25, MaxLifetime: 30 * time.Minute}

// Apply sets p on pool.
func (p PoolConfig) Apply(pool *sql.DB) {
	pool.SetMaxOpenConns(p.MaxOpen)
	pool.SetMaxIdleConns(p.MaxIdle)
	pool.SetConnMaxLifetime(p.MaxLifetime)
}

// DefaultConnectTimeout bounds how long opening one connection to a server
// database may take, handshake included, unless the URL sets its own
// (connect_timeout=seconds for PostgreSQL, timeout=duration for MySQL). A
// server that is down or hangs then makes requests fail fast with 503
// instead of waiting on the operating system's TCP timeouts.
const DefaultConnectTimeout = 5 * time.Second

// The SQLite page cache and memory map a file database gets unless its URL
// says otherwise (sqlite:///data/app.db?cache_size=-65536&mmap_size=0).
const (
	// DefaultSQLiteCacheSize is PRAGMA cache_size for every connection: a
	// negative number is KiB, so -32768 lets each connection cache up to
	// 32 MiB of pages (SQLite's own default, 2 MiB, thrashes on a COUNT over
	// a table of a few thousand rows). Pages are allocated as they are read.
	DefaultSQLiteCacheSize = -32768
	// DefaultSQLiteMmapSize is PRAGMA mmap_size: reads of the first 256 MiB
	// of the file go through a memory map shared by every connection (the
	// operating system's page cache) instead of a copy per read.
	DefaultSQLiteMmapSize = 256 << 20
)

// Handle is what Engine.Open opened.
type Handle struct {
	// Dialect is the SQL of the database.
	Dialect dialect.Dialect
	// Writer is the pool for writes (and for reads when Reader is nil).
	Writer *sql.DB
	// Reader, when not nil, is a separate pool for reads outside
	// transactions (SQLite's read-only readers beside its one writer).
	Reader *sql.DB
	// Pooled reports that the connections go through a transaction pooler
	// (asked for, or implied by the URL), so nothing may stay prepared.
	Pooled bool
}

var (
	mu       sync.RWMutex
	engines  []*Engine
	byScheme = map[string]*Engine{}
)

// Register makes e available to orm.Open. It panics when e lacks Name, Open
// or Classify, or when one of its schemes is registered already: both are
// mistakes in the program, found at its start.
func Register(e Engine) {
	if e.Name == "" || e.Open == nil || e.Classify == nil || len(e.Schemes) == 0 {
		panic("engine: Register: an engine needs a Name, Schemes, Open and Classify")
	}
	mu.Lock()
	defer mu.Unlock()
	for _, s := range e.Schemes {
		if _, dup := byScheme[strings.ToLower(s)]; dup {
			panic(fmt.Sprintf("engine: Register: scheme %q registered twice (%s)", s, e.Name))
		}
	}
	p := &e
	engines = append(engines, p)
	for _, s := range e.Schemes {
		byScheme[strings.ToLower(s)] = p
	}
}

// ForScheme returns the engine registered for a URL scheme (any case).
func ForScheme(scheme string) (Engine, bool) {
	mu.RLock()
	defer mu.RUnlock()
	e, ok := byScheme[strings.ToLower(scheme)]
	if !ok {
		return Engine{}, false
	}
	return *e, true
}

// Schemes lists the registered schemes, sorted.
func Schemes() []string {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]string, 0, len(byScheme))
	for s := range byScheme {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// Classify asks every registered engine about err, in the order they
// registered; the first that knows the error answers. It returns the zero
// Fault when none does.
func Classify(err error) Fault {
	mu.RLock()
	list := slices.Clone(engines)
	mu.RUnlock()
	for _, e := range list {
		if f := e.Classify(err); f.Class != Unknown {
			return f
		}
	}
	return Fault{}
}

// PoolerPgBouncer names PgBouncer (or another pooler that hands a client's
// statements to any server connection between transactions) in
// Config.Pooler.
const PoolerPgBouncer = "pgbouncer"
