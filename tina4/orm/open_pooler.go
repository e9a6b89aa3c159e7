package orm

import (
	"fmt"
	"net/url"
	"strings"
)

// PoolerPgBouncer names PgBouncer (or another pooler that hands a client's
// statements to any server connection between transactions) for WithPooler.
const PoolerPgBouncer = "pgbouncer"

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

// poolerDSN adds the pooler's settings to a PostgreSQL DSN, and reports
// whether the connections are pooled: asked for, or implied by an exec mode
// the URL chose.
func poolerDSN(dsn, pooler string) (string, bool, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return "", false, fmt.Errorf("orm: open postgres: %w", err)
	}
	q := u.Query()
	mode := q.Get("default_query_exec_mode")
	if pooler == PoolerPgBouncer {
		switch mode {
		case "":
			q.Set("default_query_exec_mode", "exec")
			u.RawQuery = q.Encode()
		case "exec", "simple_protocol":
		default:
			return "", false, fmt.Errorf("orm: open postgres: default_query_exec_mode=%s prepares statements, which PgBouncer's transaction pooling breaks (use exec or simple_protocol)", mode)
		}
		return u.String(), true, nil
	}
	return dsn, mode == "exec" || mode == "simple_protocol", nil
}
