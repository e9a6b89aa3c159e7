package orm

import (
	"context"
	"database/sql"
	"hash/maphash"
	"sync"
	"sync/atomic"
)

// stmtCacheSize bounds the statements one pool keeps prepared: far more
// than an app's distinct fixed-shape statements (see fixedStmts). A pool prepares each on every
// connection that runs it, so a server can hold up to this many times the
// pool size; where it refuses more (MySQL's max_prepared_stmt_count, 16382
// per server by default), the statement runs unprepared instead.
const stmtCacheSize = 256

// hotCacheSize bounds the statements of the second tier: statements that
// are not fixed-shape but came back (see stmtCache.admit). They evict only
// each other, never a fixed-shape statement.
const hotCacheSize = 32

// seenSize bounds the statements the cache remembers having seen once (by
// a 64-bit hash of their text); past it the memory starts over.
const seenSize = 1024

// fixedStmts holds the text of every fixed-shape statement: a model's own
// insert, update, find and delete by key and its Count statements (see
// markFixed). These are kept prepared from their first use. Any other
// statement (a query built from a query string's filters, an IN list of
// some length, a Select) runs unprepared, unless it comes back soon enough
// to enter the small second tier (see stmtCache.admit): so however many
// shapes clients send, they never evict the statements every request uses,
// and an app's own repeated query is still parsed once per connection. It
// grows with the models and dialects in use, not with requests.
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

// stmtCache keeps the ORM's statements prepared on one *sql.DB pool (which
// prepares each on every connection that runs it) or one *sql.Conn, keyed by
// their text, so a statement is parsed once per connection instead of on every
// call. It has two tiers: at most max fixed-shape statements (see
// fixedStmts), and at most maxHot others that were seen twice (see admit).
// A new statement past a tier's bound evicts one of the same tier at
// random, closed once no call still uses it. Statements run inside a
// transaction through Tx.StmtContext, which reuses the connection's
// prepared statement.
type stmtCache struct {
	prepare func(ctx context.Context, query string) (*sql.Stmt, error)
	max     int // fixed-shape statements
	maxHot  int // other statements that came back

	stmts   sync.Map    // query -> *cachedStmt
	missed  sync.Map    // query -> true: run in a transaction before it was prepared
	pending atomic.Bool // missed has entries to prepare
	mu      sync.Mutex
	n, nHot int                 // statements in each tier
	seen    map[uint64]struct{} // hashes of statements seen once, not kept
	closed  bool
	recent  fastTable // statements recently looked up, by their text's address (fast_lookup.go)
}

// hashSeed keys the hashes of seen statements.
var hashSeed = maphash.MakeSeed()

// cachedStmt is a prepared statement with the number of calls using it.
type cachedStmt struct {
	stmt    *sql.Stmt
	refs    atomic.Int32
	evicted atomic.Bool // out of the cache: closed when refs drops to 0
	done    atomic.Bool // closed
	hot     bool        // in the second tier
}

// newStmtCache returns a cache over ex when ex can prepare statements that
// outlive a call (a *sql.DB or a *sql.Conn), else nil.
func newStmtCache(ex Executor) *stmtCache {
	switch p := ex.(type) {
	case *sql.DB:
		return &stmtCache{prepare: p.PrepareContext, max: stmtCacheSize, maxHot: hotCacheSize}
	case *sql.Conn:
		return &stmtCache{prepare: p.PrepareContext, max: stmtCacheSize, maxHot: hotCacheSize}
	}
	return nil
}

// lookup returns the prepared statement for query, or nil when it is not
// prepared yet; the caller runs it and then calls release. A transaction
// looks statements up without preparing them: preparing takes a connection
// from the pool, and on SQLite the transaction holds the only writer. The
// statements it missed are prepared after it ends (prepareMissedLater).
func (c *stmtCache) lookup(query string) *cachedStmt {
	if cs := c.recent.lookup(query); cs != nil {
		return cs
	}
	if v, ok := c.stmts.Load(query); ok {
		cs := v.(*cachedStmt)
		cs.refs.Add(1)
		if !cs.evicted.Load() {
			c.recent.remember(query, cs)
			return cs
		}
		cs.release() // evicted meanwhile
	}
	return nil
}

// miss records a statement a transaction ran unprepared, to be prepared
// after it: a fixed-shape one at once, any other once it has come back
// (see admit), as outside transactions. A PATCH's partial UPDATE, which
// only ever runs inside AutoCrud's transaction, so gets prepared too.
func (c *stmtCache) miss(query string) {
	switch {
	case isFixed(query):
		if c.lenFixed() >= c.max {
			return
		}
	case !c.admit(query):
		return // seen once: a one-off shape costs no prepare
	}
	c.missed.Store(query, true)
	c.pending.Store(true)
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
		q := k.(string)
		cs := c.lookup(q)
		if cs == nil { // admitted already by miss: prepare it into its tier
			cs, _ = c.prepareAndKeep(ctx, q, !isFixed(q))
		}
		if cs != nil {
			cs.release()
		}
		return true
	})
}

// acquire returns the prepared statement for query, preparing it on first
// use when it is fixed-shape, or on its second when not (see admit); the
// caller runs it and then calls release. It returns nil (and no error) for
// a statement not kept: the caller runs it unprepared.
func (c *stmtCache) acquire(ctx context.Context, query string) (*cachedStmt, error) {
	if cs := c.lookup(query); cs != nil {
		return cs, nil
	}
	hot := !isFixed(query)
	if hot && !c.admit(query) {
		return nil, nil
	}
	return c.prepareAndKeep(ctx, query, hot)
}

// admit reports whether a statement that is not fixed-shape has been seen
// before, remembering it otherwise: a statement runs unprepared the first
// time and enters the second tier when it comes back. A query string's
// one-off filter combination or IN-list length so never costs a prepare
// nor takes a place; the memory of seen statements is a bounded set of
// hashes, cleared when full.
func (c *stmtCache) admit(query string) bool {
	h := maphash.String(hashSeed, query)
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.seen[h]; ok {
		delete(c.seen, h)
		return true
	}
	if c.seen == nil || len(c.seen) >= seenSize {
		c.seen = make(map[uint64]struct{}, 64)
	}
	c.seen[h] = struct{}{}
	return false
}

// prepareAndKeep prepares query and keeps it in its tier, evicting one
// statement of that tier when the tier is full.
func (c *stmtCache) prepareAndKeep(ctx context.Context, query string, hot bool) (*cachedStmt, error) {
	stmt, err := c.prepare(ctx, query)
	if err != nil {
		return nil, err
	}
	cs := &cachedStmt{stmt: stmt, hot: hot}
	cs.refs.Store(1)
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, dup := c.stmts.Load(query); dup || c.closed {
		cs.evicted.Store(true) // prepared twice at once, or the DB is closing: used once
		return cs, nil
	}
	n, max := &c.n, c.max
	if hot {
		n, max = &c.nHot, c.maxHot
	}
	if *n >= max {
		c.stmts.Range(func(k, v any) bool {
			if old := v.(*cachedStmt); old.hot == hot {
				c.stmts.Delete(k)
				*n--
				old.evict()
				return false
			}
			return true
		})
	}
	c.stmts.Store(query, cs)
	*n++
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
	c.n, c.nHot, c.seen = 0, 0, nil
}

// len returns the number of statements cached, in both tiers.
func (c *stmtCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n + c.nHot
}

// lenFixed returns the number of fixed-shape statements cached.
func (c *stmtCache) lenFixed() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}
