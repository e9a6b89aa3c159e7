package postgresdb

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm/engine"
)

func TestConnConfig(t *testing.T) {
	tests := []struct {
		name, url, env string
		cfg            engine.Config
		tls            bool
		timeout        time.Duration
		user, pass     string
		pooled         bool
	}{
		{name: "loopback: no TLS, default connect timeout", url: "postgres://u@127.0.0.1:5432/db", timeout: 5 * time.Second, user: "u"},
		{name: "own connect timeout kept", url: "postgres://u@localhost/db?connect_timeout=1", timeout: time.Second, user: "u"},
		{name: "PGCONNECT_TIMEOUT left to pgx", url: "postgres://u@127.0.0.1/db", env: "9", timeout: 9 * time.Second, user: "u"},
		{name: "remote keeps its TLS", url: "postgres://u@db.internal/db?sslmode=require", tls: true, timeout: 5 * time.Second, user: "u"},
		{name: "credentials from the options", url: "postgres://u:p@127.0.0.1/db", cfg: engine.Config{Username: "admin", Password: "pw"},
			timeout: 5 * time.Second, user: "admin", pass: "pw"},
		{name: "PgBouncer", url: "postgres://u@127.0.0.1/db", cfg: engine.Config{Pooler: engine.PoolerPgBouncer},
			timeout: 5 * time.Second, user: "u", pooled: true},
		{name: "exec mode counts as pooled", url: "postgres://u@127.0.0.1/db?default_query_exec_mode=exec",
			timeout: 5 * time.Second, user: "u", pooled: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("PGCONNECT_TIMEOUT", tt.env)
			cc, pooled, err := connConfig(tt.url, tt.cfg)
			require.NoError(t, err)
			assert.Equal(t, tt.tls, cc.TLSConfig != nil, "TLS")
			assert.Equal(t, tt.timeout, cc.ConnectTimeout)
			assert.Equal(t, tt.user, cc.User)
			assert.Equal(t, tt.pass, cc.Password)
			assert.Equal(t, tt.pooled, pooled)
		})
	}
	_, _, err := connConfig("postgres://u@127.0.0.1/db?default_query_exec_mode=cache_statement", engine.Config{Pooler: engine.PoolerPgBouncer})
	assert.ErrorContains(t, err, "PgBouncer")
}
