package orm

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
)

// stmtCacheSize bounds the statements one pool keeps prepared: far more
// than an app's distinct fixed-shape statements (see fixedStmts). A pool prepares each on every
// connection that runs it, so a server can hold up to this many times the
// pool size; where it refuses more (MySQL's max_prepared_stmt_count, 16382
// per server by default), the statement runs unprepared instead.
const stmtCacheSize = 256

// fixedStmts holds the text of every fixed-shape statement: a model's own
// insert, update, find and delete by key and its Count statements (see
// markFixed). Only these are kept prepared: ad-hoc SQL, variable-length IN
// lists and the filter combinations a query string can generate run
// unprepared (on PostgreSQL through pgx's own per-connection cache), so
// they never evict the statements every request uses. It grows with the
// models and dialects in use, not with requests.
var fixedStmts sync.Map // query -> struct{}

// markFixed records queries as fixed-shape statements, which the statement
// caches may keep prepared.
func markFixed(queries ...string) {
	for _, q := range queries {
		if q != "" && !isFixed(q) {
			fixedStmts.Store(q, struct{}{})
		}
	}
}

// isFixed reports whether query was recorded by markFixed.
func isFixed(query string) bool {
	_, ok := fixedStmts.Load(query)
	return ok
}

// stmtCache keeps the ORM's fixed-shape statements prepared on one *sql.DB pool (which
// prepares each on every connection that runs it) or one *sql.Conn, keyed by
// their text, so a statement is parsed once per connection instead of on every
// call. It holds at most max statements: a new one past that evicts one at
// random, closed once no call still uses it. Statements run inside a
// transaction through Tx.StmtContext, which reuses the connection's
// prepared statement.
type stmtCache struct {
	prepare func(ctx context.Context, query string) (*sql.Stmt, error)
	max     int

	stmts   sync.Map    // query -> *cachedStmt
	missed  sync.Map    // query -> true: run in a transaction before it was prepared
	pending atomic.Bool // missed has entries to prepare
	mu      sync.Mutex
	n       int
	closed  bool
}

// cachedStmt is a prepared statement with the number of calls using it.
type cachedStmt struct {
	stmt    *sql.Stmt
	refs    atomic.Int32
	evicted atomic.Bool // out of the cache: closed when refs drops to 0
	done    atomic.Bool // closed
}

// newStmtCache returns a cache over ex when ex can prepare statements that
// outlive a call (a *sql.DB or a *sql.Conn), else nil.
func newStmtCache(ex Executor) *stmtCache {
	switch p := ex.(type) {
	case *sql.DB:
		return &stmtCache{prepare: p.PrepareContext, max: stmtCacheSize}
	case *sql.Conn:
		return &stmtCache{prepare: p.PrepareContext, max: stmtCacheSize}
	}
	return nil
}

// lookup returns the prepared statement for query, or nil when it is not
// prepared yet; the caller runs it and then calls release. A transaction
// looks statements up without preparing them: preparing takes a connection
// from the pool, and on SQLite the transaction holds the only writer. The
// statements it missed are prepared after it ends (prepareMissedLater).
func (c *stmtCache) lookup(query string) *cachedStmt {
	if v, ok := c.stmts.Load(query); ok {
		cs := v.(*cachedStmt)
		cs.refs.Add(1)
		if !cs.evicted.Load() {
			return cs
		}
		cs.release() // evicted meanwhile
	}
	return nil
}

// miss records a statement a transaction ran unprepared, when it is one
// the cache keeps.
func (c *stmtCache) miss(query string) {
	if isFixed(query) && c.len() < c.max {
		c.missed.Store(query, true)
		c.pending.Store(true)
	}
}

// prepareMissedLater prepares the statements transactions missed, in the
// background: on SQLite preparing waits for the one writer connection,
// which the next queued transaction may hold, and the caller whose
// transaction just committed must not wait for that one.
func (c *stmtCache) prepareMissedLater() {
	if c == nil || !c.pending.Swap(false) {
		return
	}
	go c.prepareMissed(context.Background())
}

// prepareMissed prepares the statements transactions missed.
func (c *stmtCache) prepareMissed(ctx context.Context) {
	c.missed.Range(func(k, _ any) bool {
		c.missed.Delete(k)
		if cs, err := c.acquire(ctx, k.(string)); err == nil && cs != nil {
			cs.release()
		}
		return true
	})
}

// acquire returns the prepared statement for query, preparing it on first
// use; the caller runs it and then calls release. It returns nil (and no
// error) for a statement that is not fixed-shape: the caller runs it
// unprepared.
func (c *stmtCache) acquire(ctx context.Context, query string) (*cachedStmt, error) {
	if cs := c.lookup(query); cs != nil {
		return cs, nil
	}
	if !isFixed(query) {
		return nil, nil
	}
	return c.prepareAndKeep(ctx, query)
}

// prepareAndKeep prepares query and keeps it, evicting one statement when
// the cache is full.
func (c *stmtCache) prepareAndKeep(ctx context.Context, query string) (*cachedStmt, error) {
	stmt, err := c.prepare(ctx, query)
	if err != nil {
		return nil, err
	}
	cs := &cachedStmt{stmt: stmt}
	cs.refs.Store(1)
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, dup := c.stmts.Load(query); dup || c.closed {
		cs.evicted.Store(true) // prepared twice at once, or the DB is closing: used once
		return cs, nil
	}
	if c.n >= c.max {
		c.stmts.Range(func(k, v any) bool {
			c.stmts.Delete(k)
			c.n--
			v.(*cachedStmt).evict()
			return false
		})
	}
	c.stmts.Store(query, cs)
	c.n++
	return cs, nil
}

// release ends one use of the statement, closing it when it was evicted and
// this was the last use.
func (cs *cachedStmt) release() {
	if cs.refs.Add(-1) == 0 && cs.evicted.Load() {
		cs.close()
	}
}

func (cs *cachedStmt) evict() {
	cs.evicted.Store(true)
	if cs.refs.Load() == 0 {
		cs.close()
	}
}

func (cs *cachedStmt) close() {
	if cs.done.CompareAndSwap(false, true) {
		_ = cs.stmt.Close()
	}
}

// close evicts every statement; statements still running close when they end.
func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	c.stmts.Range(func(k, v any) bool {
		c.stmts.Delete(k)
		v.(*cachedStmt).evict()
		return true
	})
	c.n = 0
}

// len returns the number of statements cached.
func (c *stmtCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}
