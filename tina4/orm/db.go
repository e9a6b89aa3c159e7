package orm

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
	"github.com/tina4stack/tina4-go/tina4/orm/dialect/feature"
)

// Executor is the seam between the ORM and database/sql: *sql.DB, *sql.Tx
// and *sql.Conn all satisfy it.
type Executor interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// DB is a database handle: a dialect, a connection pool for writes and one
// for reads (the same pool except on SQLite, which has one writer beside a
// pool of readers), and an optional SQL logger. It is safe for concurrent use.
type DB struct {
	dialect  dialect.Dialect
	writer   Executor
	reader   Executor
	begin    func(context.Context) (*sql.Tx, error) // nil when writer cannot begin
	pools    []*sql.DB                              // closed by Close
	logger   *slog.Logger
	classify func(error) error
	created  sync.Map     // tables (and junctions) CreateTable has made on this database
	autoInc  atomic.Value // mysqlAutoInc, read once by InsertMany on MySQL (insert_plan.go)

	// Statements prepared once per connection, for the writer and the reader
	// (the same cache when they are the same pool), and for transactions
	// begun on the writer; nil where statements are not cached.
	wstmts, rstmts, txStmts *stmtCache

	replicas    *replicaSet  // read replicas (see WithReplicas), or nil
	replicaURLs []string     // set by WithReplicas, opened by Open
	pooler      string       // the connection pooler in front of the server (see WithPooler), or ""
	retry       RetryPolicy  // how Transaction retries (see WithRetry)
	open        openSettings // how Open opened it (see WithCredentials, WithPool)
}

// Option configures a DB.
type Option func(*DB)

// WithLogger logs every statement through l: its text, argument count,
// duration and error, one line each (tina4 passes its logger when
// TINA4_DEBUG_SQL=true).
func WithLogger(l *slog.Logger) Option { return func(db *DB) { db.logger = l } }

// New wraps an existing executor (a *sql.DB, *sql.Tx or *sql.Conn) in a DB
// using dialect d, for apps that open their own connections.
func New(ex Executor, d dialect.Dialect, opts ...Option) *DB {
	db := &DB{dialect: d, writer: ex, reader: ex, classify: classifyDriverError, retry: DefaultRetryPolicy}
	if b, ok := ex.(interface {
		BeginTx(context.Context, *sql.TxOptions) (*sql.Tx, error)
	}); ok {
		db.begin = func(ctx context.Context) (*sql.Tx, error) { return b.BeginTx(ctx, nil) }
	}
	for _, o := range opts {
		o(db)
	}
	db.cacheStatements()
	return db
}

// cacheStatements sets up the prepared-statement caches of the writer and
// the reader. PostgreSQL's driver (pgx) already prepares and caches every
// statement per connection, so the ORM keeps no second cache there.
func (db *DB) cacheStatements() {
	db.wstmts.close()
	if db.rstmts != db.wstmts {
		db.rstmts.close()
	}
	db.wstmts, db.rstmts, db.txStmts = nil, nil, nil
	if db.dialect.Features().Has(feature.DriverStatementCache) || db.pooler != "" {
		return
	}
	db.wstmts = newStmtCache(db.writer)
	db.rstmts = db.wstmts
	if db.reader != db.writer {
		db.rstmts = newStmtCache(db.reader)
	}
	if _, ok := db.writer.(*sql.DB); ok {
		db.txStmts = db.wstmts // Tx.StmtContext reuses a pool's statements
	}
}

// Dialect returns the handle's dialect.
func (db *DB) Dialect() dialect.Dialect { return db.dialect }

// Close closes the pools that Open opened.
func (db *DB) Close() error {
	db.wstmts.close()
	db.rstmts.close()
	var errs []error
	if db.replicas != nil {
		errs = append(errs, db.replicas.close())
	}
	for _, p := range db.pools {
		errs = append(errs, p.Close())
	}
	return errors.Join(errs...)
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	for _, p := range db.pools {
		if err := p.PingContext(ctx); err != nil {
			return db.classify(err)
		}
	}
	return nil
}

// Pool returns the underlying write pool, or nil for a DB made by New.
func (db *DB) Pool() *sql.DB {
	if len(db.pools) == 0 {
		return nil
	}
	return db.pools[0]
}

var defaultDB atomic.Pointer[DB]

// SetDefault makes db the database used by calls whose context names none.
func SetDefault(db *DB) { defaultDB.Store(db) }

// Default returns the default database, or nil.
func Default() *DB { return defaultDB.Load() }

type ctxKey int

const (
	dbKey ctxKey = iota
	txKey
)

// DialectOf returns the dialect of the database of ctx, for code that
// writes raw SQL that differs between engines.
func DialectOf(ctx context.Context) (dialect.Dialect, error) {
	s, err := sessionFor(ctx)
	if err != nil {
		return nil, err
	}
	return s.db.dialect, nil
}

// WithDB returns a context whose ORM calls run on db instead of the default.
// The context is also one unit of read-your-writes (see WithReplicas): once
// a call made with it (or a context derived from it) has written, its reads
// go to the primary. The App calls WithDB once per request.
func WithDB(ctx context.Context, db *DB) context.Context {
	return &dbScope{Context: ctx, db: db}
}

// dbScope is the context WithDB returns: its parent, the database, and
// whether a call made in the scope has written to it. Being the context
// itself, it costs one allocation per request where a context.WithValue
// of a scope would cost two.
type dbScope struct {
	context.Context
	db      *DB
	written atomic.Bool
}

// Value answers dbKey with the scope and asks the parent for any other key.
func (s *dbScope) Value(key any) any {
	if k, ok := key.(ctxKey); ok && k == dbKey {
		return s
	}
	return s.Context.Value(key)
}

// txState is a transaction in progress, carried by the context.
type txState struct {
	db *DB
	tx *sql.Tx

	mu    sync.Mutex
	stmts map[*sql.Stmt]*sql.Stmt // cached statement -> its Tx.StmtContext, made once per transaction
}

// stmt returns the cached statement bound to the transaction, binding it on
// first use. The bound statement keeps the cached one's prepared statement
// open until the transaction ends, even if the cache evicts it meanwhile.
func (ts *txState) stmt(ctx context.Context, cached *sql.Stmt) *sql.Stmt {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if st, ok := ts.stmts[cached]; ok {
		return st
	}
	// Bound without the caller's cancellation: the binding is kept for the
	// rest of the transaction, and one made under a cancelled context would
	// fail every later call that reuses it.
	st := ts.tx.StmtContext(context.WithoutCancel(ctx), cached)
	if ts.stmts == nil {
		ts.stmts = map[*sql.Stmt]*sql.Stmt{}
	}
	ts.stmts[cached] = st
	return st
}

// session is the resolved database and executors for one call.
type session struct {
	db     *DB
	writer Executor
	reader Executor
	inTx   bool
	ts     *txState // the transaction, when inTx
	scope  *dbScope // marked after a write, when the database has replicas

	wstmts, rstmts *stmtCache // the caches of writer and reader, or nil
}

// sessionFor resolves the database of ctx: its transaction, else WithDB,
// else the default.
func sessionFor(ctx context.Context) (session, error) {
	if ts, ok := ctx.Value(txKey).(*txState); ok {
		return session{db: ts.db, writer: ts.tx, reader: ts.tx, inTx: true, ts: ts,
			wstmts: ts.db.txStmts, rstmts: ts.db.txStmts}, nil
	}
	var db *DB
	scope, _ := ctx.Value(dbKey).(*dbScope)
	if scope != nil {
		db = scope.db
	}
	if db == nil {
		db = defaultDB.Load()
	}
	if db == nil {
		return session{}, ErrNoDatabase
	}
	s := session{db: db, writer: db.writer, reader: db.reader, wstmts: db.wstmts, rstmts: db.rstmts}
	if db.replicas != nil {
		s.scope = scope
		if !readsPrimary(ctx, scope) {
			s.reader, s.rstmts = db.replicas, nil
		}
	}
	return s, nil
}
