package orm

import "github.com/tina4stack/tina4-go/tina4/orm/engine"

// PoolConfig sizes the connection pool of a server database, with
// database/sql's meanings: MaxOpen 0 is no limit, MaxLifetime 0 keeps
// connections forever. See WithPool.
type PoolConfig = engine.PoolConfig

// DefaultPoolConfig is the pool of a server database opened without
// WithPool: 25 open, 25 idle, recycled after 30 minutes.
var DefaultPoolConfig = engine.DefaultPoolConfig

// DefaultConnectTimeout bounds how long opening one connection to a server
// database may take, handshake included, unless the URL sets its own
// (connect_timeout=seconds for PostgreSQL, timeout=duration for MySQL). A
// server that is down or hangs then makes requests fail fast with 503
// instead of waiting on the operating system's TCP timeouts.
const DefaultConnectTimeout = engine.DefaultConnectTimeout

// The SQLite page cache and memory map a file database gets unless its URL
// says otherwise (sqlite:///data/app.db?cache_size=-65536&mmap_size=0): see
// engine.DefaultSQLiteCacheSize and engine.DefaultSQLiteMmapSize.
const (
	DefaultSQLiteCacheSize = engine.DefaultSQLiteCacheSize
	DefaultSQLiteMmapSize  = engine.DefaultSQLiteMmapSize
)

// openSettings are the options that change how Open opens a database (and
// its replicas).
type openSettings struct {
	username, password string
	pool               *PoolConfig
}

// WithCredentials makes Open use user and password instead of a server
// URL's own, each when it is not empty (tina4 passes DATABASE_USERNAME and
// DATABASE_PASSWORD). It applies to read replicas too; SQLite ignores it.
func WithCredentials(user, password string) Option {
	return func(db *DB) { db.open.username, db.open.password = user, password }
}

// WithPool sizes the connection pool of a server database, and of each of
// its read replicas, instead of DefaultPoolConfig (tina4 passes
// DATABASE_MAX_OPEN_CONNS, DATABASE_MAX_IDLE_CONNS and
// DATABASE_CONN_MAX_LIFETIME). SQLite sizes its own pools.
func WithPool(p PoolConfig) Option { return func(db *DB) { db.open.pool = &p } }

// openConfig is what the engine gets from the options of db.
func (db *DB) openConfig() engine.Config {
	c := engine.Config{Username: db.open.username, Password: db.open.password, Pool: DefaultPoolConfig, Pooler: db.pooler}
	if db.open.pool != nil {
		c.Pool = *db.open.pool
	}
	return c
}

// replicaOptions are the options of db that its replicas are opened with.
func (db *DB) replicaOptions() []Option {
	opts := []Option{WithPooler(db.pooler), WithCredentials(db.open.username, db.open.password)}
	if db.open.pool != nil {
		opts = append(opts, WithPool(*db.open.pool))
	}
	return opts
}
