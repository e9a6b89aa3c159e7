package crashtest

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pgCluster is the cluster TestPostgresRestart stops and starts:
// TINA4_TEST_PG_CLUSTER as "version/name", else the first version in
// /etc/postgresql and "main".
func pgCluster(t *testing.T) (version, name string) {
	t.Helper()
	if s := os.Getenv("TINA4_TEST_PG_CLUSTER"); s != "" {
		v, n, ok := strings.Cut(s, "/")
		require.True(t, ok, "TINA4_TEST_PG_CLUSTER=%q: want version/name, e.g. 15/main", s)
		return v, n
	}
	entries, err := os.ReadDir("/etc/postgresql")
	require.NoError(t, err, "no PostgreSQL cluster in /etc/postgresql")
	require.NotEmpty(t, entries, "no PostgreSQL cluster in /etc/postgresql")
	return entries[0].Name(), "main"
}

// pgctl runs pg_ctlcluster on the cluster.
func pgctl(version, name, action string) error {
	out, err := exec.Command("pg_ctlcluster", "--skip-systemctl-redirect", version, name, action).CombinedOutput()
	if err != nil {
		return fmt.Errorf("pg_ctlcluster %s %s %s: %v: %s", version, name, action, err, out)
	}
	return nil
}

// The real thing, opt-in because it stops the PostgreSQL server that other
// tests use: with TINA4_TEST_PG_RESTART=1 the server of
// TINA4_TEST_POSTGRES_URL is stopped with pg_ctlcluster under load and
// started again; requests answer 503 at once while it is down and succeed
// once it is back, without restarting the app. The server is started again
// whatever happens. .ci/run runs it last.
func TestPostgresRestart(t *testing.T) {
	if os.Getenv("TINA4_TEST_PG_RESTART") != "1" {
		t.Skip("TINA4_TEST_PG_RESTART=1 is not set: the PostgreSQL stop and start test does not run (it stops the shared server)")
	}
	t.Run("postgres", pgRestart)
}

func pgRestart(t *testing.T) {
	u := requireServer(t, "postgres")
	version, name := pgCluster(t)
	t.Cleanup(func() { // before the schema is dropped
		err := pgctl(version, name, "start")
		if err != nil {
			assert.Contains(t, err.Error(), "already running", "start PostgreSQL again")
		}
	})
	base, logs := serveInProcess(t, u.String())
	outage(t, base,
		func() {
			err := pgctl(version, name, "stop")
			assert.NoError(t, err)
		},
		func() {
			err := pgctl(version, name, "start")
			assert.NoError(t, err)
		},
		2*time.Second, time.Second)
	if t.Failed() {
		t.Logf("app log, warnings and errors:\n%s", grepLines(logs.String(), "level=WARN", "level=ERROR"))
	}
}
