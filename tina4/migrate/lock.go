package migrate

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/orm/dialect/feature"
)

// lockName names the lock that serialises migration runs on a server.
const lockName = "tina4_migration"

// lockKey is the PostgreSQL advisory-lock key: "tina4" in ASCII.
const lockKey int64 = 0x74696e6134

// lockWait bounds how long a run waits for another run's lock on MySQL.
const lockWait = 5 * time.Minute

// lock takes the server's migration lock, so that apps starting together
// apply each migration once: an advisory lock on PostgreSQL, GET_LOCK on
// MySQL, held by one connection until unlock. It returns the database to
// migrate through: that connection, or m.db where there is no lock. SQLite
// needs none: each file's transaction begins IMMEDIATE, holding the
// database's write lock, and checks the tracking table again inside it.
func (m *Migrator) lock(ctx context.Context) (db *orm.DB, unlock func(), err error) {
	pool := m.db.Pool()
	d := m.db.Dialect()
	if pool == nil || !(d.Features().Has(feature.AdvisoryLock) || d.Features().Has(feature.NamedLock)) {
		return m.db, func() {}, nil
	}
	pooled := d.Features().Has(feature.AdvisoryLock) && m.db.Pooler() != ""
	if pooled && pool.Stats().MaxOpenConnections == 1 {
		return nil, nil, fmt.Errorf("migrate: lock: behind %s the lock holds one connection and the migrations need another: DATABASE_MAX_OPEN_CONNS must be at least 2", m.db.Pooler())
	}
	conn, err := pool.Conn(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("migrate: lock: %w", err)
	}
	release := func(q string, args ...any) func() {
		return func() {
			// A fresh context: the lock must go even when ctx is done.
			_, _ = conn.ExecContext(context.Background(), q, args...)
			_ = conn.Close()
		}
	}
	if pooled {
		// Behind PgBouncer's transaction pooling a session lock stays on
		// whichever server connection took it: hold a transaction-level lock
		// in a transaction left open on this connection instead, and migrate
		// through the pool.
		tx, err := conn.BeginTx(ctx, nil)
		if err == nil {
			_, err = tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", lockKey)
		}
		if err != nil {
			if tx != nil {
				_ = tx.Rollback()
			}
			conn.Close()
			return nil, nil, fmt.Errorf("migrate: lock: %w", err)
		}
		return m.db, func() { _ = tx.Rollback(); _ = conn.Close() }, nil
	}
	if d.Features().Has(feature.AdvisoryLock) {
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", lockKey); err != nil {
			conn.Close()
			return nil, nil, fmt.Errorf("migrate: lock: %w", err)
		}
		return orm.New(conn, d), release("SELECT pg_advisory_unlock($1)", lockKey), nil
	}
	var got sql.NullInt64
	if err := conn.QueryRowContext(ctx, "SELECT GET_LOCK(?, ?)", lockName, int(lockWait.Seconds())).Scan(&got); err != nil {
		conn.Close()
		return nil, nil, fmt.Errorf("migrate: lock: %w", err)
	}
	if got.Int64 != 1 {
		conn.Close()
		return nil, nil, fmt.Errorf("migrate: lock: another migration run held %q for %s", lockName, lockWait)
	}
	return orm.New(conn, d), release("SELECT RELEASE_LOCK(?)", lockName), nil
}
