package scaletest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/apptest"
	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/internal/loadtest"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// TestThreeInstances starts three instances of the example app at once on
// one fresh PostgreSQL database (each one applying migrations and creating
// tables at start: a migration must be applied once, every table created
// once, no instance failing), spreads a 200-client create/update/delete
// load over them and checks the ledger through each: no acknowledged write
// lost, no 5xx, every acknowledged delete gone. TINA4_SCALE_DURATION sets
// the load's length (default 6s), on PostgreSQL directly and through
// PgBouncer.
func TestThreeInstances(t *testing.T) {
	needScale(t)
	host, port := sharedPostgres(t)
	t.Run("postgres", func(t *testing.T) { // the name dbtest.URL reads the engine from
		threeInstances(t, dbtest.URL(t))
	})
	// The same through PgBouncer in transaction pooling mode, configured as
	// an app is: DATABASE_POOLER=pgbouncer. Each test database is a database
	// of its own, made on the server directly.
	t.Run("pgbouncer/postgres", func(t *testing.T) {
		bouncer, _ := startPgBouncer(t, host, port)
		t.Setenv(dbtest.DatabasesEnv, "1")
		u, err := url.Parse(dbtest.URL(t))
		require.NoError(t, err)
		u.Host = fmt.Sprintf("127.0.0.1:%d", bouncer)
		threeInstances(t, u.String(), "DATABASE_POOLER=pgbouncer")
	})
}

// threeInstances is TestThreeInstances on the database at dbURL, the
// instances started with the extra environment env.
func threeInstances(t *testing.T, dbURL string, extra ...string) {
	{
		migrations := t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(migrations, "000001_start_marker.sql"),
			[]byte("CREATE TABLE start_marker (id INT);\nINSERT INTO start_marker VALUES (1);\n"), 0o644))
		env := append([]string{"DATABASE_URL=" + dbURL, "TINA4_MIGRATIONS_DIR=" + migrations, "TINA4_DEBUG=false",
			"DATABASE_MAX_OPEN_CONNS=20"}, extra...)
		apps := make([]*apptest.Child, 3)
		for i := range apps {
			apps[i] = startChildNoWait(t, env...)
		}
		for _, a := range apps {
			a.WaitServing(t, 60*time.Second)
		}

		db, err := orm.Open(dbURL, orm.WithPooler(pooler(extra)))
		require.NoError(t, err)
		t.Cleanup(func() { db.Close() })
		ctx := orm.WithDB(context.Background(), db)
		rows, err := orm.QueryMaps(ctx, "SELECT COUNT(*) AS n FROM start_marker")
		require.NoError(t, err)
		assert.EqualValues(t, 1, rows[0]["n"], "the migration ran once")

		duration := 6 * time.Second
		if s := os.Getenv("TINA4_SCALE_DURATION"); s != "" {
			duration, err = time.ParseDuration(s)
			require.NoError(t, err)
		}
		ledger := loadtest.NewLedger()
		reports := make([]*loadtest.Report, len(apps))
		errs := make([]error, len(apps))
		var wg sync.WaitGroup
		for i, a := range apps {
			wg.Go(func() {
				reports[i], errs[i] = loadtest.Run(context.Background(), loadtest.Options{
					BaseURL: a.URL, Clients: clients(200, len(apps), i), Duration: duration, Seed: int64(i + 1),
					Ledger: ledger, SkipVerify: true, Timeout: 30 * time.Second,
				})
			})
		}
		wg.Wait()
		var total float64
		for i, r := range reports {
			require.NoError(t, errs[i])
			t.Logf("instance %d: %s", i+1, r)
			assert.Empty(t, r.Failures(), "instance %d", i+1)
			assert.Zero(t, r.ServerErrors, "instance %d: 5xx", i+1)
			total += r.RPS()
		}
		live, deleted := ledger.Counts()
		t.Logf("three instances: %.0f req/s in all; ledger: %d live notes, %d deleted", total, live, deleted)
		// Every instance sees what every other acknowledged.
		for i, a := range apps {
			lost, err := ledger.Verify(context.Background(), loadtest.NewClient(8, 30*time.Second), a.URL, loadtest.DefaultPath)
			require.NoError(t, err)
			assert.Empty(t, lost, "read back through instance %d", i+1)
		}
		assert.Positive(t, live)
		assert.Positive(t, deleted)
	}
}

// pooler is the DATABASE_POOLER of env.
func pooler(env []string) string {
	for _, e := range env {
		if v, ok := strings.CutPrefix(e, "DATABASE_POOLER="); ok {
			return v
		}
	}
	return ""
}

// clients is instance i's share of n clients spread over k instances.
func clients(n, k, i int) int {
	if i < n%k {
		return n/k + 1
	}
	return n / k
}
