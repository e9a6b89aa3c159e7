package orm

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// PoolConfig sizes the connection pool of a server database. The zero value
// takes the defaults; Open reads DATABASE_MAX_OPEN_CONNS,
// DATABASE_MAX_IDLE_CONNS and DATABASE_CONN_MAX_LIFETIME (a Go duration).
type PoolConfig struct {
	MaxOpen     int           // default 25
	MaxIdle     int           // default 25
	MaxLifetime time.Duration // default 30m; connections are recycled, so a restarted server is reached again
}

func poolFromEnv() (PoolConfig, error) {
	p := PoolConfig{MaxOpen: 25, MaxIdle: 25, MaxLifetime: 30 * time.Minute}
	for _, v := range []struct {
		name string
		dst  *int
	}{{"DATABASE_MAX_OPEN_CONNS", &p.MaxOpen}, {"DATABASE_MAX_IDLE_CONNS", &p.MaxIdle}} {
		if s := os.Getenv(v.name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				return p, fmt.Errorf("orm: %s=%q is not a whole number", v.name, s)
			}
			*v.dst = n
		}
	}
	if s := os.Getenv("DATABASE_CONN_MAX_LIFETIME"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil {
			return p, fmt.Errorf("orm: DATABASE_CONN_MAX_LIFETIME=%q is not a duration such as 30m", s)
		}
		p.MaxLifetime = d
	}
	return p, nil
}

// credentials applies DATABASE_USERNAME and DATABASE_PASSWORD over the URL's.
func credentials(u *url.URL) {
	user, pass := u.User.Username(), ""
	if p, ok := u.User.Password(); ok {
		pass = p
	}
	if s := os.Getenv("DATABASE_USERNAME"); s != "" {
		user = s
	}
	if s := os.Getenv("DATABASE_PASSWORD"); s != "" { // empty, as in .env.example: keep the URL's
		pass = s
	}
	if user == "" {
		u.User = nil
		return
	}
	if pass == "" {
		u.User = url.User(user)
		return
	}
	u.User = url.UserPassword(user, pass)
}

// DefaultConnectTimeout bounds how long opening one connection to a server
// database may take, handshake included, unless the URL sets its own
// (connect_timeout=seconds for PostgreSQL, timeout=duration for MySQL). A
// server that is down or hangs then makes requests fail fast with 503
// instead of waiting on the operating system's TCP timeouts.
const DefaultConnectTimeout = 5 * time.Second

func openPool(pool *sql.DB, d dialect.Dialect) (*DB, error) {
	pc, err := poolFromEnv()
	if err != nil {
		pool.Close()
		return nil, err
	}
	pool.SetMaxOpenConns(pc.MaxOpen)
	pool.SetMaxIdleConns(pc.MaxIdle)
	pool.SetConnMaxLifetime(pc.MaxLifetime)
	db := New(pool, d)
	db.pools = []*sql.DB{pool}
	return db, nil
}

// openPostgres opens a postgres:// or postgresql:// URL through pgx.
func openPostgres(raw, pooler string) (*DB, error) {
	dsn, err := postgresDSN(raw)
	if err != nil {
		return nil, err
	}
	dsn, pooled, err := poolerDSN(dsn, pooler)
	if err != nil {
		return nil, err
	}
	pool, err := sql.Open(pgxDriver, dsn)
	if err != nil {
		return nil, fmt.Errorf("orm: open postgres: %w", err)
	}
	db, err := openPool(pool, dialect.Postgres{})
	if err == nil && pooled {
		db.pooler = PoolerPgBouncer
	}
	return db, err
}

// postgresDSN is the URL with the credentials of the environment, no TLS on
// loopback unless asked, and the default connect timeout unless the URL or
// PGCONNECT_TIMEOUT sets one.
func postgresDSN(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("orm: open postgres: %w", err)
	}
	credentials(u)
	q := u.Query()
	if q.Get("sslmode") == "" && (u.Hostname() == "localhost" || u.Hostname() == "127.0.0.1" || u.Hostname() == "::1") {
		q.Set("sslmode", "disable")
	}
	if q.Get("connect_timeout") == "" && os.Getenv("PGCONNECT_TIMEOUT") == "" {
		q.Set("connect_timeout", strconv.Itoa(int(DefaultConnectTimeout/time.Second)))
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// openMySQL opens a mysql:// URL: mysql://user:pass@host:3306/db?param=value.
func openMySQL(raw string) (*DB, error) {
	cfg, err := mysqlConfig(raw)
	if err != nil {
		return nil, err
	}
	conn, err := mysql.NewConnector(cfg)
	if err != nil {
		return nil, fmt.Errorf("orm: open mysql: %w", err)
	}
	pool := sql.OpenDB(boundedConnector{conn, cfg.Timeout})
	return openPool(pool, dialect.MySQL{Collation: noPadCollation(pool, cfg.Timeout)})
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

// mysqlConfig reads a mysql:// URL. Its query takes the driver's parameters
// (timeout, readTimeout, tls, charset, ...) and any other key is a session
// variable; parseTime, UTC and found rows are always on, stacked statements always off, time_zone defaults to UTC and timeout
// to DefaultConnectTimeout.
func mysqlConfig(raw string) (*mysql.Config, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("orm: open mysql: %w", err)
	}
	credentials(u)
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
		cfg.Timeout = DefaultConnectTimeout
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
