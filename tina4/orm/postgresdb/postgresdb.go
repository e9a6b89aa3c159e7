// Package postgresdb is the PostgreSQL engine of package orm: it opens
// postgres:// and postgresql:// URLs through pgx (pure Go) and classifies
// pgx's errors. Import it for its side effect, registering the engine:
//
//	import _ "github.com/tina4stack/tina4-go/tina4/orm/postgresdb"
package postgresdb

import (
	"fmt"
	"net/url"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
	"github.com/tina4stack/tina4-go/tina4/orm/engine"
)

func init() {
	engine.Register(engine.Engine{Name: "postgres", Schemes: []string{"postgres", "postgresql"}, Open: Open, Classify: Classify})
}

// Open opens a postgres:// URL: postgres://user:pass@host:5432/db?param=value.
// cfg's credentials replace the URL's when set; a loopback host gets no TLS
// unless the URL asks (sslmode); a connection may take
// engine.DefaultConnectTimeout to open unless the URL (connect_timeout) or
// libpq's PGCONNECT_TIMEOUT, which pgx reads, sets a bound. With the
// PgBouncer pooler pgx runs every statement unprepared
// (default_query_exec_mode=exec).
func Open(rawURL string, cfg engine.Config) (*engine.Handle, error) {
	cc, pooled, err := connConfig(rawURL, cfg)
	if err != nil {
		return nil, err
	}
	pool := stdlib.OpenDB(*cc)
	cfg.Pool.Apply(pool)
	return &engine.Handle{Dialect: dialect.Postgres{}, Writer: pool, Pooled: pooled}, nil
}

// connConfig is pgx's configuration of rawURL under cfg, and whether its
// connections are pooled.
func connConfig(rawURL string, cfg engine.Config) (*pgx.ConnConfig, bool, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, false, fmt.Errorf("orm: open postgres: %w", err)
	}
	engine.Credentials(u, cfg)
	q := u.Query()
	if q.Get("sslmode") == "" && (u.Hostname() == "localhost" || u.Hostname() == "127.0.0.1" || u.Hostname() == "::1") {
		q.Set("sslmode", "disable")
	}
	u.RawQuery = q.Encode()
	dsn, pooled, err := poolerDSN(u, cfg.Pooler)
	if err != nil {
		return nil, false, err
	}
	cc, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, false, fmt.Errorf("orm: open postgres: %w", err)
	}
	if cc.ConnectTimeout == 0 {
		cc.ConnectTimeout = engine.DefaultConnectTimeout
	}
	return cc, pooled, nil
}

// poolerDSN adds the pooler's settings to a PostgreSQL URL, and reports
// whether the connections are pooled: asked for, or implied by an exec mode
// the URL chose.
func poolerDSN(u *url.URL, pooler string) (string, bool, error) {
	q := u.Query()
	mode := q.Get("default_query_exec_mode")
	if pooler == engine.PoolerPgBouncer {
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
	return u.String(), mode == "exec" || mode == "simple_protocol", nil
}
