// Package mysqldb is the MySQL and MariaDB engine of package orm: it opens
// mysql:// and mariadb:// URLs through go-sql-driver/mysql (pure Go) and
// classifies that driver's errors. Import it for its side effect,
// registering the engine:
//
//	import _ "github.com/tina4stack/tina4-go/tina4/orm/mysqldb"
package mysqldb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
	"github.com/tina4stack/tina4-go/tina4/orm/engine"
)

func init() {
	engine.Register(engine.Engine{Name: "mysql", Schemes: []string{"mysql", "mariadb"}, Open: Open, Classify: Classify})
}

// Open opens a mysql:// URL: mysql://user:pass@host:3306/db?param=value.
// cfg's credentials replace the URL's when set. The new tables' collation
// is the server's NO PAD binary utf8mb4 collation when it has one (see
// dialect.NoPadCollations).
func Open(rawURL string, cfg engine.Config) (*engine.Handle, error) {
	mc, err := config(rawURL, cfg)
	if err != nil {
		return nil, err
	}
	conn, err := mysql.NewConnector(mc)
	if err != nil {
		return nil, fmt.Errorf("orm: open mysql: %w", err)
	}
	pool := sql.OpenDB(boundedConnector{conn, mc.Timeout})
	cfg.Pool.Apply(pool)
	return &engine.Handle{Dialect: dialect.MySQL{Collation: noPadCollation(pool, mc.Timeout)}, Writer: pool}, nil
}

// noPadCollation asks the server for its NO PAD binary utf8mb4 collation
// (dialect.NoPadCollations), so that new tables compare "x" and "x " as
// different values, as SQLite and PostgreSQL do. It returns "" (the
// dialect's utf8mb4_bin) when the server has none or cannot be reached
// within timeout: tables created then ignore trailing spaces.
func noPadCollation(pool *sql.DB, timeout time.Duration) string {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	q := "SELECT COLLATION_NAME FROM information_schema.COLLATIONS WHERE COLLATION_NAME IN (?" +
		strings.Repeat(", ?", len(dialect.NoPadCollations)-1) + ")"
	args := make([]any, len(dialect.NoPadCollations))
	for i, c := range dialect.NoPadCollations {
		args[i] = c
	}
	rows, err := pool.QueryContext(ctx, q, args...)
	if err != nil {
		return ""
	}
	defer rows.Close()
	found := map[string]bool{}
	for rows.Next() {
		var name string
		if rows.Scan(&name) == nil {
			found[name] = true
		}
	}
	for _, c := range dialect.NoPadCollations {
		if found[c] {
			return c
		}
	}
	return ""
}

// config reads a mysql:// URL. Its query takes the driver's parameters
// (timeout, readTimeout, tls, charset, ...) and any other key is a session
// variable; parseTime, UTC and found rows are always on, stacked statements
// always off, time_zone defaults to UTC and timeout to
// engine.DefaultConnectTimeout.
func config(raw string, ec engine.Config) (*mysql.Config, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("orm: open mysql: %w", err)
	}
	engine.Credentials(u, ec)
	cfg, err := mysql.ParseDSN("/?" + u.RawQuery)
	if err != nil {
		return nil, fmt.Errorf("orm: open mysql: %w", err)
	}
	cfg.User = u.User.Username()
	cfg.Passwd, _ = u.User.Password()
	cfg.Net, cfg.Addr = "tcp", u.Host
	if u.Port() == "" {
		cfg.Addr = u.Hostname() + ":3306"
	}
	cfg.DBName = strings.TrimPrefix(u.Path, "/")
	cfg.ParseTime, cfg.Loc = true, time.UTC
	cfg.ClientFoundRows = true  // an UPDATE that changes nothing still counts its row
	cfg.MultiStatements = false // no stacked statements, whatever the URL says
	if cfg.Params == nil {
		cfg.Params = map[string]string{}
	}
	if _, ok := cfg.Params["time_zone"]; !ok {
		cfg.Params["time_zone"] = "'+00:00'"
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = engine.DefaultConnectTimeout
	}
	return cfg, nil
}

// boundedConnector gives each new connection at most d to connect. The
// MySQL driver's own timeout covers only the dial, so a server that
// accepts and never answers the handshake would hold a request forever.
type boundedConnector struct {
	driver.Connector
	d time.Duration
}

// Connect opens a connection within the bound.
func (c boundedConnector) Connect(ctx context.Context) (driver.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, c.d)
	defer cancel()
	return c.Connector.Connect(ctx)
}
