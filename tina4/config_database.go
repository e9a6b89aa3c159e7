package tina4

import (
	"log/slog"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// DatabaseConfig holds the settings of opening DATABASE_URL besides the URL
// itself; Config embeds it. Package orm reads no environment: openDB passes
// these as orm options.
type DatabaseConfig struct {
	// Username and Password (DATABASE_USERNAME, DATABASE_PASSWORD), when
	// set, replace the credentials of a server URL and of its replicas.
	Username, Password string
	// Pool sizes a server database's connection pool:
	// DATABASE_MAX_OPEN_CONNS (default 25; 0 is no limit),
	// DATABASE_MAX_IDLE_CONNS (default 25) and DATABASE_CONN_MAX_LIFETIME
	// (a Go duration, default 30m; 0 keeps connections forever).
	Pool orm.PoolConfig
}

// read fills d from the environment.
func (d *DatabaseConfig) read(e *envReader) {
	e.str("DATABASE_USERNAME", &d.Username)
	e.str("DATABASE_PASSWORD", &d.Password)
	e.int("DATABASE_MAX_OPEN_CONNS", &d.Pool.MaxOpen, 0, 1<<20)
	e.int("DATABASE_MAX_IDLE_CONNS", &d.Pool.MaxIdle, 0, 1<<20)
	e.dur("DATABASE_CONN_MAX_LIFETIME", &d.Pool.MaxLifetime)
}

// dbOptions are the orm.Open options of cfg: credentials, pool, the scale
// settings, and the SQL log (TINA4_DEBUG_SQL) through log.
func dbOptions(cfg Config, log *slog.Logger) []orm.Option {
	opts := append(cfg.ScaleConfig.options(),
		orm.WithCredentials(cfg.Username, cfg.Password), orm.WithPool(cfg.Pool))
	if cfg.DebugSQL {
		opts = append(opts, orm.WithLogger(log))
	}
	return opts
}
