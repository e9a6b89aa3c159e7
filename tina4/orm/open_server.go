package orm

import (
	"database/sql"
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

func openPool(driver, dsn string, d dialect.Dialect, where string) (*DB, error) {
	pc, err := poolFromEnv()
	if err != nil {
		return nil, err
	}
	pool, err := sql.Open(driver, dsn)
	if err != nil {
		return nil, fmt.Errorf("orm: open %s: %w", where, err)
	}
	pool.SetMaxOpenConns(pc.MaxOpen)
	pool.SetMaxIdleConns(pc.MaxIdle)
	pool.SetConnMaxLifetime(pc.MaxLifetime)
	db := New(pool, d)
	db.pools = []*sql.DB{pool}
	return db, nil
}

// openPostgres opens a postgres:// or postgresql:// URL through pgx.
func openPostgres(raw string) (*DB, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("orm: open postgres: %w", err)
	}
	credentials(u)
	q := u.Query()
	if q.Get("sslmode") == "" && (u.Hostname() == "localhost" || u.Hostname() == "127.0.0.1" || u.Hostname() == "::1") {
		q.Set("sslmode", "disable")
		u.RawQuery = q.Encode()
	}
	return openPool(pgxDriver, u.String(), dialect.Postgres{}, "postgres "+u.Host+u.Path)
}

// openMySQL opens a mysql:// URL: mysql://user:pass@host:3306/db?param=value.
func openMySQL(raw string) (*DB, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("orm: open mysql: %w", err)
	}
	credentials(u)
	cfg := mysql.NewConfig()
	cfg.User = u.User.Username()
	cfg.Passwd, _ = u.User.Password()
	cfg.Net, cfg.Addr = "tcp", u.Host
	if u.Port() == "" {
		cfg.Addr = u.Hostname() + ":3306"
	}
	cfg.DBName = strings.TrimPrefix(u.Path, "/")
	cfg.ParseTime, cfg.Loc = true, time.UTC
	cfg.ClientFoundRows = true // an UPDATE that changes nothing still counts its row
	cfg.Params = map[string]string{"time_zone": "'+00:00'"}
	for k, v := range u.Query() {
		cfg.Params[k] = v[0]
	}
	return openPool(mysqlDriver, cfg.FormatDSN(), dialect.MySQL{}, "mysql "+cfg.Addr+"/"+cfg.DBName)
}
