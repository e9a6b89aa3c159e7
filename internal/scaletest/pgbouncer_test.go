package scaletest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// startPgBouncer starts PgBouncer in transaction pooling mode in front of
// the PostgreSQL server at upstream (host:port), as the postgres user, on a
// spare port, stopped at the end of the test. It returns the port and the
// path of its log.
func startPgBouncer(t *testing.T, upstreamHost string, upstreamPort int) (int, string) {
	t.Helper()
	bin, err := exec.LookPath("pgbouncer")
	if err != nil {
		require.NotEqual(t, "true", os.Getenv("CI"), "pgbouncer is not installed (.ci/run installs it)")
		t.Skip("pgbouncer is not installed: apt-get install pgbouncer")
	}
	dir := postgresDir(t, "tina4-pgbouncer-")
	port := sparePort(t)
	ini := fmt.Sprintf(`[databases]
* = host=%s port=%d
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = %d
unix_socket_dir = %s
auth_type = trust
auth_file = %s/userlist.txt
pool_mode = transaction
max_client_conn = 1000
default_pool_size = 20
max_db_connections = 40
server_reset_query =
ignore_startup_parameters = extra_float_digits
logfile = %s/pgbouncer.log
pidfile = %s/pgbouncer.pid
`, upstreamHost, upstreamPort, port, dir, dir, dir, dir)
	for name, text := range map[string]string{"pgbouncer.ini": ini, "userlist.txt": `"postgres" ""` + "\n"} {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
		require.NoError(t, os.Chown(path, postgresUID(t), -1))
	}
	asPostgres(t, bin, "-d", filepath.Join(dir, "pgbouncer.ini"))
	t.Cleanup(func() {
		if b, err := os.ReadFile(filepath.Join(dir, "pgbouncer.pid")); err == nil {
			if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
				_ = syscall.Kill(pid, syscall.SIGTERM)
				for i := 0; i < 50 && syscall.Kill(pid, 0) == nil; i++ {
					time.Sleep(100 * time.Millisecond)
				}
			}
		}
		if t.Failed() {
			log, _ := os.ReadFile(filepath.Join(dir, "pgbouncer.log"))
			t.Logf("pgbouncer.log:\n%s", tail(string(log), 4000))
		}
	})
	// Wait until it accepts connections.
	eventually(t, 10*time.Second, func() string {
		db, err := orm.Open(bouncerURL(port, "postgres"), orm.WithPooler(orm.PoolerPgBouncer))
		if err != nil {
			return err.Error()
		}
		defer db.Close()
		if err := db.Ping(context.Background()); err != nil {
			return err.Error()
		}
		return ""
	})
	return port, filepath.Join(dir, "pgbouncer.log")
}

func bouncerURL(port int, database string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", port, database)
}

func postgresUID(t *testing.T) int {
	t.Helper()
	out, err := exec.Command("id", "-u", "postgres").Output()
	require.NoError(t, err)
	uid, err := strconv.Atoi(strings.TrimSpace(string(out)))
	require.NoError(t, err)
	return uid
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// sharedPostgres returns the host and port of the PostgreSQL server of
// TINA4_TEST_POSTGRES_URL (required under CI).
func sharedPostgres(t *testing.T) (string, int) {
	t.Helper()
	raw := os.Getenv(dbtest.EnvVars["postgres"])
	if raw == "" {
		require.NotEqual(t, "true", os.Getenv("CI"), "TINA4_TEST_POSTGRES_URL is not set")
		t.Skip("TINA4_TEST_POSTGRES_URL is not set")
	}
	u, err := urlParse(raw)
	require.NoError(t, err)
	port := 5432
	if p := u.Port(); p != "" {
		port, _ = strconv.Atoi(p)
	}
	return u.Hostname(), port
}

// TestExampleSuiteThroughPgBouncer runs the example app's test suite (the
// module's root package: main_test.go and the others), on PostgreSQL,
// through PgBouncer in transaction pooling mode, as DATABASE_POOLER=pgbouncer
// configures the ORM.
func TestExampleSuiteThroughPgBouncer(t *testing.T) {
	needScale(t)
	host, port := sharedPostgres(t)
	bouncer, logPath := startPgBouncer(t, host, port)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	// Every test: dbtest.Each's postgres subtests, and the tests outside
	// Each on PostgreSQL too (instead of SQLite), all through PgBouncer.
	cmd := exec.CommandContext(ctx, "go", "test", "-count=1", "github.com/tina4stack/tina4-go")
	cmd.Env = append(os.Environ(),
		dbtest.EnvVars["postgres"]+"="+bouncerURL(bouncer, "postgres")+"&default_query_exec_mode=exec",
		dbtest.DatabasesEnv+"=1", dbtest.DefaultEngineEnv+"=postgres")
	out, err := cmd.CombinedOutput()
	t.Logf("go test through PgBouncer:\n%s", tail(string(out), 3000))
	require.NoError(t, err)
	// The suite's databases went through this PgBouncer.
	log, err := os.ReadFile(logPath)
	require.NoError(t, err)
	n := len(regexp.MustCompile(`registered new auto-database: db=tina4_t`).FindAll(log, -1))
	t.Logf("PgBouncer served %d test databases", n)
	require.Greater(t, n, 10, "the suite did not go through PgBouncer")
}

// TestPgBouncerNeedsThePoolerSetting shows what DATABASE_POOLER=pgbouncer
// is for: through transaction pooling, pgx's default (statements prepared
// on the server and cached per connection) breaks as soon as a client's
// statement reaches another server connection than the one it was prepared
// on, while the pooler's settings never do.
func TestPgBouncerNeedsThePoolerSetting(t *testing.T) {
	needScale(t)
	host, port := sharedPostgres(t)
	bouncer, _ := startPgBouncer(t, host, port)
	run := func(t *testing.T, opts ...orm.Option) (failures int, first error) {
		t.Helper()
		db, err := orm.Open(bouncerURL(bouncer, "postgres"), opts...)
		require.NoError(t, err)
		defer db.Close()
		ctx := orm.WithDB(context.Background(), db)
		var mu sync.Mutex
		var wg sync.WaitGroup
		for g := range 30 {
			wg.Go(func() {
				for i := range 20 {
					// A new text each time: pgx prepares it first.
					q := fmt.Sprintf("SELECT ? + %d AS n", g*1000+i)
					if _, err := orm.QueryMaps(ctx, q, i); err != nil {
						mu.Lock()
						if failures++; first == nil {
							first = err
						}
						mu.Unlock()
					}
				}
			})
		}
		wg.Wait()
		return failures, first
	}
	t.Run("pgx's defaults fail", func(t *testing.T) {
		n, err := run(t)
		require.Positive(t, n, "every statement ran: transaction pooling did not show")
		t.Logf("%d of 600 statements failed, the first with: %v", n, err)
	})
	t.Run("DATABASE_POOLER=pgbouncer works", func(t *testing.T) {
		n, err := run(t, orm.WithPooler(orm.PoolerPgBouncer))
		require.Zero(t, n, "first failure: %v", err)
	})
}
