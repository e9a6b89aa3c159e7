package tina4_test

import (
	"io"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/router"
)

var databaseSettings = []string{"DATABASE_USERNAME", "DATABASE_PASSWORD", "DATABASE_MAX_OPEN_CONNS",
	"DATABASE_MAX_IDLE_CONNS", "DATABASE_CONN_MAX_LIFETIME"}

// The database's credentials and pool are read by tina4 (package orm reads
// no environment) and passed to orm.Open as options.
func TestLoadConfigDatabase(t *testing.T) {
	clearDatabaseEnv := func(t *testing.T) {
		clearEnv(t)
		for _, k := range databaseSettings {
			t.Setenv(k, "")
			os.Unsetenv(k)
		}
		t.Chdir(t.TempDir())
	}
	t.Run("defaults", func(t *testing.T) {
		clearDatabaseEnv(t)
		cfg, err := tina4.LoadConfig()
		require.NoError(t, err)
		assert.Equal(t, tina4.DatabaseConfig{Pool: orm.PoolConfig{MaxOpen: 25, MaxIdle: 25, MaxLifetime: 30 * time.Minute}}, cfg.DatabaseConfig)
	})
	t.Run("set", func(t *testing.T) {
		clearDatabaseEnv(t)
		t.Setenv("DATABASE_USERNAME", "admin")
		t.Setenv("DATABASE_PASSWORD", "s3cret")
		t.Setenv("DATABASE_MAX_OPEN_CONNS", "7")
		t.Setenv("DATABASE_MAX_IDLE_CONNS", "0")
		t.Setenv("DATABASE_CONN_MAX_LIFETIME", "90s")
		cfg, err := tina4.LoadConfig()
		require.NoError(t, err)
		assert.Equal(t, tina4.DatabaseConfig{Username: "admin", Password: "s3cret",
			Pool: orm.PoolConfig{MaxOpen: 7, MaxIdle: 0, MaxLifetime: 90 * time.Second}}, cfg.DatabaseConfig)
	})
	for name, bad := range map[string]string{"DATABASE_MAX_OPEN_CONNS": "many", "DATABASE_MAX_IDLE_CONNS": "-1",
		"DATABASE_CONN_MAX_LIFETIME": "soon"} {
		t.Run(name+"="+bad, func(t *testing.T) {
			clearDatabaseEnv(t)
			t.Setenv(name, bad)
			_, err := tina4.LoadConfig()
			assert.ErrorContains(t, err, name)
		})
	}
}

// The App opens its database with the DatabaseConfig: the pool's size and
// the credentials reach the server engines through orm options.
func TestAppOpensWithDatabaseConfig(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		cfg := tina4.DefaultConfig()
		cfg.DatabaseURL = dbtest.URL(t)
		cfg.Router = router.New()
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
		cfg.MigrationsDir = t.TempDir()
		cfg.Pool = orm.PoolConfig{MaxOpen: 3, MaxIdle: 2, MaxLifetime: time.Minute}
		app, err := tina4.New(cfg)
		require.NoError(t, err)
		defer app.Close()
		if dbtest.Engine(t) == "sqlite" {
			assert.Equal(t, 1, app.DB().Pool().Stats().MaxOpenConnections, "SQLite keeps its one writer")
			return
		}
		assert.Equal(t, 3, app.DB().Pool().Stats().MaxOpenConnections)

		cfg.Username, cfg.Password = "tina4_no_such_user", "wrong"
		_, err = tina4.New(cfg)
		require.Error(t, err, "the credentials of the config were not used")
		assert.Contains(t, err.Error(), "tina4_no_such_user")
	})
}
