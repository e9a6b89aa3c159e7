package crashtest

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// pgCluster is the cluster TestPostgresRestart stops and starts:
// TINA4_TEST_PG_CLUSTER as "version/name", else the first version in
// /etc/postgresql and "main".
func pgCluster(t *testing.T) (version, name string) {
	t.Helper()
	if s := os.Getenv("TINA4_TEST_PG_CLUSTER"); s != "" {
		v, n, ok := strings.Cut(s, "/")
		if !ok {
			t.Fatalf("TINA4_TEST_PG_CLUSTER=%q: want version/name, e.g. 15/main", s)
		}
		return v, n
	}
	entries, err := os.ReadDir("/etc/postgresql")
	if err != nil || len(entries) == 0 {
		t.Fatalf("no PostgreSQL cluster in /etc/postgresql: %v", err)
	}
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
		if err := pgctl(version, name, "start"); err != nil && !strings.Contains(err.Error(), "already running") {
			t.Errorf("start PostgreSQL again: %v", err)
		}
	})
	base, logs := serveInProcess(t, u.String())
	outage(t, base,
		func() {
			if err := pgctl(version, name, "stop"); err != nil {
				t.Error(err)
			}
		},
		func() {
			if err := pgctl(version, name, "start"); err != nil {
				t.Error(err)
			}
		},
		2*time.Second, time.Second)
	if t.Failed() {
		t.Logf("app log, warnings and errors:\n%s", grepLines(logs.String(), "level=WARN", "level=ERROR"))
	}
}
