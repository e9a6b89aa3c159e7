package crashtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/apptest"

	_ "github.com/tina4stack/tina4-go/app/src/orm"    // the example app's models
	_ "github.com/tina4stack/tina4-go/app/src/routes" // and routes

	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// childEnv set to "serve" turns the test binary into the example app.
const childEnv = "TINA4_CRASHTEST_CHILD"

// releaseEnv names a file whose appearance ends GET /test/slow.
const releaseEnv = "TINA4_CRASHTEST_RELEASE"

// slowStarted is printed by GET /test/slow when it starts waiting.
const slowStarted = "crashtest: slow request started"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "serve" {
		// The example app, as main.go runs it, plus one test-only route.
		router.Get("/test/slow", slow)
		tina4.Run()
		os.Exit(0)
	}
	// The MySQL driver logs every broken connection; the outage tests break
	// hundreds on purpose.
	mysql.SetLogger(log.New(io.Discard, "", 0))
	os.Exit(m.Run())
}

// slow answers once the file named by TINA4_CRASHTEST_RELEASE exists (or
// after a minute): a request that is in flight for as long as a test wants.
func slow(req *router.Request, res *response.Response) error {
	fmt.Fprintln(os.Stdout, slowStarted)
	for end := time.Now().Add(time.Minute); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(os.Getenv(releaseEnv)); err == nil {
			return res.JSON(map[string]string{"slow": "done"}, http.StatusOK)
		}
	}
	return res.JSON(map[string]string{"slow": "gave up"}, http.StatusOK)
}

// child is the example app running in a process of its own.
type child struct{ *apptest.Child }

// startChild starts the example app on the SQLite file db, on a free
// loopback port, with the extra environment env, and waits until it serves.
func startChild(t *testing.T, db string, env ...string) *child {
	t.Helper()
	c := apptest.StartChild(t, childEnv, append([]string{"DATABASE_URL=sqlite:///" + db, "TINA4_DEBUG=true"}, env...)...)
	c.WaitServing(t, 30*time.Second)
	return &child{c}
}

// signal sends sig to the child.
func (c *child) signal(t *testing.T, sig syscall.Signal) {
	t.Helper()
	err := c.Cmd.Process.Signal(sig)
	require.NoError(t, err, "signal %s: %v", sig, err)
}

// wait waits up to d for the child to exit and returns its exit status,
// or fails the test.
func (c *child) wait(t *testing.T, d time.Duration) error {
	t.Helper()
	select {
	case <-c.Done:
		return c.Err
	case <-time.After(d):
		require.Fail(t, fmt.Sprintf("the app still runs %s later:\n%s", d, c.Out))
		return nil
	}
}

// waitOutput waits up to d for s to appear in the child's output.
func (c *child) waitOutput(t *testing.T, s string, d time.Duration) {
	t.Helper()
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if strings.Contains(c.Out.String(), s) {
			return
		}
	}
	require.Fail(t, fmt.Sprintf("%q did not appear within %s:\n%s", s, d, c.Out))
}

// health checks that GET /health answers 200.
func (c *child) health(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, c.URL+"/health", nil)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err, "health: %v\n%s", err, c.Out)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, "health: %d\n%s", resp.StatusCode, c.Out)
}

// exitCode is the status an exited process returned, or -1 when a signal
// ended it.
func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}
