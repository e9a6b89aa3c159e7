package crashtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/internal/loadtest"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// crashRounds is TINA4_CRASH_ROUNDS, default 3.
func crashRounds(t *testing.T) int {
	s := os.Getenv("TINA4_CRASH_ROUNDS")
	if s == "" {
		return 3
	}
	n, err := strconv.Atoi(s)
	require.NoError(t, err, "TINA4_CRASH_ROUNDS=%q: want a whole number of at least 1", s)
	require.GreaterOrEqual(t, n, 1, "TINA4_CRASH_ROUNDS=%q: want a whole number of at least 1", s)
	return n
}

// The app killed with SIGKILL in the middle of a write load, round after
// round on one SQLite file: each time the file passes PRAGMA
// integrity_check, the app starts again cleanly, and every write any round
// had acknowledged is there (creates with the content sent, updates applied,
// deletes gone).
func TestSIGKILLMidLoad(t *testing.T) {
	db := filepath.Join(t.TempDir(), "app.db")
	ledger := loadtest.NewLedger()
	rounds := crashRounds(t)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	for round := 1; round <= rounds; round++ {
		c := startChild(t, db)
		c.health(t)
		verify(t, ledger, c.URL, fmt.Sprintf("after restart %d", round-1))

		live, deleted := ledger.Counts()
		before := live + deleted
		target := before + 50 + rng.IntN(250) // acknowledged creates to wait for
		ctx, cancel := context.WithCancel(context.Background())
		reports := make(chan *loadtest.Report, 1)
		go func() {
			rep, err := loadtest.Run(ctx, loadtest.Options{
				BaseURL: c.URL, Clients: 16, Duration: time.Minute, Ledger: ledger,
				SkipVerify: true, Seed: int64(round),
			})
			assert.NoError(t, err, "load")
			reports <- rep
		}()
		for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
			if l, d := ledger.Counts(); l+d >= target {
				break
			}
		}
		c.signal(t, syscall.SIGKILL)
		err := c.wait(t, 10*time.Second)
		cancel()
		rep := <-reports
		code := exitCode(err)
		require.Equal(t, -1, code, "round %d: the app exited with %d, not by SIGKILL", round, code)
		if rep == nil {
			t.FailNow()
		}
		l, d := ledger.Counts()
		t.Logf("round %d: killed after %d acknowledged creates (%d this round); %d requests, %d without an answer",
			round, l+d, l+d-before, rep.Requests, rep.TransportErrors)
		require.NotEqual(t, before, l+d, "round %d: no write was acknowledged before the kill:\n%s\n%s", round, rep, c.Out)
		require.LessOrEqual(t, rep.ServerErrors, int64(0), "round %d: the load broke before the kill:\n%s", round, rep)
		require.LessOrEqual(t, rep.Locked, int64(0), "round %d: the load broke before the kill:\n%s", round, rep)
		require.LessOrEqual(t, rep.StaleReads, int64(0), "round %d: the load broke before the kill:\n%s", round, rep)
		integrityOK(t, db)
	}
	c := startChild(t, db)
	verify(t, ledger, c.URL, fmt.Sprintf("after restart %d", rounds))
	c.signal(t, syscall.SIGTERM)
	err := c.wait(t, 15*time.Second)
	assert.NoError(t, err, "the last start did not exit cleanly on SIGTERM: %v\n%s", err, c.Out)
}

// verify reads the ledger back through the app's API.
func verify(t *testing.T, ledger *loadtest.Ledger, url, when string) {
	t.Helper()
	lost, err := ledger.Verify(context.Background(), http.DefaultClient, url, loadtest.DefaultPath)
	require.NoError(t, err, "%s: %v", when, err)
	require.LessOrEqual(t, len(lost), 0, "%s: %d acknowledged writes lost, first %q", when, len(lost), lost[:min(5, len(lost))])
}

// integrityOK opens the SQLite file while no app has it open and runs
// PRAGMA integrity_check.
func integrityOK(t *testing.T, path string) {
	t.Helper()
	db, err := orm.Open("sqlite:///" + path)
	require.NoError(t, err, "open after the kill")
	defer db.Close()
	rows, err := orm.QueryMaps(orm.WithDB(context.Background(), db), "PRAGMA integrity_check")
	require.NoError(t, err, "integrity_check")
	require.Len(t, rows, 1, "integrity_check")
	require.Equal(t, "ok", fmt.Sprint(rows[0]["integrity_check"]), "integrity_check")
}
