package tina4_test

import (
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/orm"
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
