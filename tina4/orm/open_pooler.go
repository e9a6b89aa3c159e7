package orm

import (
	"fmt"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/orm/engine"
)

// PoolerPgBouncer names PgBouncer (or another pooler that hands a client's
// statements to any server connection between transactions) for WithPooler.
const PoolerPgBouncer = engine.PoolerPgBouncer

// WithPooler says which connection pooler sits between the app and the
// database server: "" (none) or PoolerPgBouncer. With PgBouncer in
// transaction pooling mode a session's server connection changes between
// transactions, so nothing may outlive a transaction on the server: pgx
// runs every statement unprepared in one round trip
// (default_query_exec_mode=exec, so its statement and description caches
// are off), and the ORM caches no prepared statements. A URL that sets
// default_query_exec_mode to exec or simple_protocol itself counts as
// pooled. PostgreSQL only.
func WithPooler(name string) Option { return func(db *DB) { db.pooler = name } }

// Pooler returns the connection pooler db goes through ("" for none).
func (db *DB) Pooler() string { return db.pooler }

// checkPooler refuses a pooler the ORM does not know, or one on an engine
// it does not serve.
func checkPooler(pooler, scheme string) error {
	switch pooler {
	case "":
		return nil
	case PoolerPgBouncer:
		if s := strings.ToLower(scheme); s != "postgres" && s != "postgresql" {
			return fmt.Errorf("orm: open: the pooler %q serves PostgreSQL only, not %s", pooler, scheme)
		}
		return nil
	}
	return fmt.Errorf("orm: open: unknown pooler %q (want %q or none)", pooler, PoolerPgBouncer)
}
