package tina4

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

func TestScaleConfig(t *testing.T) {
	t.Run("defaults", func(t *testing.T) {
		c, err := LoadConfig("/nonexistent/.env")
		require.NoError(t, err)
		assert.Empty(t, c.ReplicaURLs)
		assert.Empty(t, c.Pooler)
		assert.Equal(t, orm.DefaultRetryPolicy, c.TxRetry)
	})
	t.Run("set", func(t *testing.T) {
		t.Setenv("DATABASE_REPLICA_URLS", " postgres://r1/db , ,postgres://r2/db")
		t.Setenv("DATABASE_POOLER", "PgBouncer")
		t.Setenv("DATABASE_TX_ATTEMPTS", "3")
		t.Setenv("DATABASE_TX_RETRY_DELAY", "5ms")
		t.Setenv("DATABASE_TX_RETRY_MAX_DELAY", "200ms")
		c, err := LoadConfig("/nonexistent/.env")
		require.NoError(t, err)
		assert.Equal(t, []string{"postgres://r1/db", "postgres://r2/db"}, c.replicas())
		assert.Equal(t, "pgbouncer", c.Pooler)
		assert.Equal(t, orm.RetryPolicy{Attempts: 3, BaseDelay: 5 * time.Millisecond, MaxDelay: 200 * time.Millisecond}, c.TxRetry)
		assert.Len(t, c.options(), 3)
	})
	for name, bad := range map[string]string{"DATABASE_TX_ATTEMPTS": "0", "DATABASE_TX_RETRY_DELAY": "soon"} {
		t.Run(name+" refused", func(t *testing.T) {
			t.Setenv(name, bad)
			_, err := LoadConfig("/nonexistent/.env")
			require.ErrorContains(t, err, name)
		})
	}
	t.Run("an unknown pooler stops the start", func(t *testing.T) {
		cfg := DefaultConfig()
		cfg.DatabaseURL = "sqlite::memory:"
		cfg.Pooler = "pgpool"
		_, err := New(cfg)
		require.ErrorContains(t, err, `unknown pooler "pgpool"`)
		cfg.Pooler = "pgbouncer"
		_, err = New(cfg)
		require.ErrorContains(t, err, "PostgreSQL only")
	})
}
