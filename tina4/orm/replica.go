package orm

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tina4stack/tina4-go/tina4/errkind"
)

// WithReplicas sends the reads made outside a transaction to the read
// replicas at urls (same engine as the primary; Open opens them with the
// primary's pool settings), round robin. A replica that fails to answer is
// skipped until it answers again (it is probed every ReplicaProbeInterval);
// with every replica down, reads go to the primary.
//
// Writes, transactions (their reads included), locking reads (SELECT ...
// FOR UPDATE/SHARE through QueryRows), DDL and migrations go to the
// primary. Read-your-writes: once a call made with a context has written,
// the reads made with that context go to the primary, so a request sees
// its own writes (the App gives every request its own context; see WithDB).
// A context without WithDB (calls on the default database from outside a
// request) has no such scope: wrap it with WithDB, or use Primary.
// Primary forces the primary for a context. A raw read that writes (SELECT
// nextval(...), a function with side effects) needs Primary.
//
// Only Open applies this option; New ignores it.
func WithReplicas(urls ...string) Option {
	return func(db *DB) { db.replicaURLs = append([]string(nil), urls...) }
}

// ReplicaProbeInterval is how often a replica that failed is tried again.
var ReplicaProbeInterval = time.Second

type primaryKey struct{}

// Primary returns a context whose ORM calls all go to the primary, never to
// a read replica: for reads that must see the latest committed data.
func Primary(ctx context.Context) context.Context {
	return context.WithValue(ctx, primaryKey{}, true)
}

// readsPrimary reports whether the reads of ctx go to the primary: Primary
// asked for it, or the context's scope has written.
func readsPrimary(ctx context.Context, scope *dbScope) bool {
	if p, _ := ctx.Value(primaryKey{}).(bool); p {
		return true
	}
	return scope != nil && scope.written.Load()
}

// wrote marks the session's scope as having written: its later reads go to
// the primary.
func (s session) wrote() {
	if s.scope != nil && !s.inTx {
		s.scope.written.Store(true)
	}
}

// lockingRead matches the clauses that make a SELECT take row locks.
var lockingRead = regexp.MustCompile(`(?is)\bFOR\s+(NO\s+KEY\s+)?(UPDATE|SHARE|KEY\s+SHARE)\b|\bLOCK\s+IN\s+SHARE\s+MODE\b`)

// isLockingRead reports whether a raw query locks rows: it must run on the
// primary.
func isLockingRead(query string) bool { return lockingRead.MatchString(query) }

// openReplicas opens db.replicaURLs with open, the opener of the primary's
// engine.
func (db *DB) openReplicas(open func(string) (*DB, error)) error {
	if len(db.replicaURLs) == 0 {
		return nil
	}
	logger := db.logger
	if logger == nil {
		logger = slog.Default() // a replica going down or coming back is always worth a line
	}
	rs := &replicaSet{primary: db.reader, classify: db.classify, done: make(chan struct{}), logger: logger}
	for i, u := range db.replicaURLs {
		r, err := open(u)
		if err != nil {
			rs.close()
			return fmt.Errorf("orm: replica %d: %w", i+1, err)
		}
		if r.dialect.Name() != db.dialect.Name() {
			r.Close()
			rs.close()
			return fmt.Errorf("orm: replica %d is %s, the primary %s", i+1, r.dialect.Name(), db.dialect.Name())
		}
		rs.members = append(rs.members, &replica{n: i + 1, pool: r.Pool(), db: r})
	}
	db.replicas = rs
	return nil
}

// replicaSet is the readers of a database with replicas: an Executor that
// runs each query on the next replica that is up, and on the primary when
// none is.
type replicaSet struct {
	members  []*replica
	primary  Executor
	classify func(error) error
	logger   *slog.Logger
	next     atomic.Uint64
	done     chan struct{}
	wg       sync.WaitGroup
	once     sync.Once
}

// replica is one read replica.
type replica struct {
	n       int // 1-based, for logs
	pool    *sql.DB
	db      *DB
	down    atomic.Bool
	probing atomic.Bool
}

// pick returns the replicas that are up, starting with the next one in
// round robin.
func (rs *replicaSet) pick() []*replica {
	start := int(rs.next.Add(1) - 1)
	out := make([]*replica, 0, len(rs.members))
	for i := range rs.members {
		if r := rs.members[(start+i)%len(rs.members)]; !r.down.Load() {
			out = append(out, r)
		}
	}
	return out
}

// failed reports whether err means the replica cannot serve (it is marked
// down): it cannot be reached, or refuses the connection (a wrong password
// or database name in DATABASE_REPLICA_URLS), rather than a problem of the
// query.
func (rs *replicaSet) failed(ctx context.Context, r *replica, err error) bool {
	if ctx.Err() != nil || (errkind.Of(rs.classify(err)) != errkind.Unavailable && !connectFailed(err)) {
		return false
	}
	rs.markDown(r, err)
	return true
}

// QueryContext runs query on a replica that is up, trying the next one when
// a replica cannot be reached, and the primary when none can.
func (rs *replicaSet) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	for _, r := range rs.pick() {
		rows, err := r.pool.QueryContext(ctx, query, args...)
		if err == nil || !rs.failed(ctx, r, err) {
			return rows, err
		}
	}
	return rs.primary.QueryContext(ctx, query, args...)
}

// QueryRowContext runs query on a replica that is up, or on the primary
// when none is. A single row's error shows only when it is scanned, so a
// replica is first checked to answer a ping within the query's context.
func (rs *replicaSet) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	for _, r := range rs.pick() {
		if err := r.pool.PingContext(ctx); err == nil || !rs.failed(ctx, r, err) {
			return r.pool.QueryRowContext(ctx, query, args...)
		}
	}
	return rs.primary.QueryRowContext(ctx, query, args...)
}

// ExecContext runs on the primary: replicas do not write.
func (rs *replicaSet) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return rs.primary.ExecContext(ctx, query, args...)
}

// markDown takes r out of the rotation and probes it until it answers.
func (rs *replicaSet) markDown(r *replica, cause error) {
	r.down.Store(true)
	if !r.probing.CompareAndSwap(false, true) {
		return
	}
	rs.logger.Warn("orm: read replica down, reads go elsewhere", "replica", r.n, "error", cause.Error())
	rs.wg.Add(1)
	go func() {
		defer rs.wg.Done()
		defer r.probing.Store(false)
		t := time.NewTicker(ReplicaProbeInterval)
		defer t.Stop()
		for {
			select {
			case <-rs.done:
				return
			case <-t.C:
			}
			ctx, cancel := context.WithTimeout(context.Background(), DefaultConnectTimeout)
			err := r.pool.PingContext(ctx)
			cancel()
			if err == nil {
				// Probing ends before the replica counts as up: a failure
				// right after then starts a new probe (the other order left a
				// replica down for good when one came in between).
				r.probing.Store(false)
				r.down.Store(false)
				rs.logger.Info("orm: read replica back", "replica", r.n)
				return
			}
		}
	}()
}

// close stops the probes and closes the replicas' pools.
func (rs *replicaSet) close() error {
	var errs []error
	rs.once.Do(func() {
		close(rs.done)
		rs.wg.Wait()
		for _, r := range rs.members {
			errs = append(errs, r.db.Close())
		}
	})
	return errors.Join(errs...)
}

// ReplicaStatus is one read replica's state, for health checks.
type ReplicaStatus struct {
	Replica int  `json:"replica"` // 1-based, in the order of WithReplicas
	Up      bool `json:"up"`
}

// Replicas returns the state of db's read replicas; nil when it has none.
func (db *DB) Replicas() []ReplicaStatus {
	if db.replicas == nil {
		return nil
	}
	out := make([]ReplicaStatus, len(db.replicas.members))
	for i, r := range db.replicas.members {
		out[i] = ReplicaStatus{Replica: r.n, Up: !r.down.Load()}
	}
	return out
}
