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
	"regexp"
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
type child struct {
	cmd  *exec.Cmd
	url  string
	out  *apptest.Buffer
	done chan struct{} // closed when the process has exited
	err  error         // the process's exit, once done is closed
}

var servingRe = regexp.MustCompile(`addr=(http://127\.0\.0\.1:\d+)`)

// startChild starts the example app on the SQLite file db, on a free
// loopback port, with the extra environment env, and waits until it serves.
func startChild(t *testing.T, db string, env ...string) *child {
	t.Helper()
	exe, err := os.Executable()
	require.NoError(t, err)
	c := &child{out: &apptest.Buffer{}, done: make(chan struct{})}
	c.cmd = exec.Command(exe) // no arguments: tina4.Run reads them as commands
	c.cmd.Dir = t.TempDir()   // no .env of a developer's
	c.cmd.Env = append(os.Environ(), childEnv+"=serve", "HOST=127.0.0.1", "PORT=0",
		"DATABASE_URL=sqlite:///"+db, "TINA4_DEBUG=true")
	c.cmd.Env = append(c.cmd.Env, env...)
	c.cmd.Stdout, c.cmd.Stderr = c.out, c.out
	err = c.cmd.Start()
	require.NoError(t, err)
	go func() {
		c.err = c.cmd.Wait()
		close(c.done)
	}()
	t.Cleanup(func() {
		c.cmd.Process.Kill()
		<-c.done
	})
	deadline := time.After(30 * time.Second)
	for {
		if m := servingRe.FindStringSubmatch(c.out.String()); m != nil {
			c.url = m[1]
			return c
		}
		select {
		case <-c.done:
			require.Fail(t, fmt.Sprintf("the app exited before serving: %v\n%s", c.err, c.out))
		case <-deadline:
			require.Fail(t, fmt.Sprintf("the app did not serve within 30s:\n%s", c.out))
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// signal sends sig to the child.
func (c *child) signal(t *testing.T, sig syscall.Signal) {
	t.Helper()
	err := c.cmd.Process.Signal(sig)
	require.NoError(t, err, "signal %s: %v", sig, err)
}

// wait waits up to d for the child to exit and returns its exit status,
// or fails the test.
func (c *child) wait(t *testing.T, d time.Duration) error {
	t.Helper()
	select {
	case <-c.done:
		return c.err
	case <-time.After(d):
		require.Fail(t, fmt.Sprintf("the app still runs %s later:\n%s", d, c.out))
		return nil
	}
}

// waitOutput waits up to d for s to appear in the child's output.
func (c *child) waitOutput(t *testing.T, s string, d time.Duration) {
	t.Helper()
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if strings.Contains(c.out.String(), s) {
			return
		}
	}
	require.Fail(t, fmt.Sprintf("%q did not appear within %s:\n%s", s, d, c.out))
}

// health checks that GET /health answers 200.
func (c *child) health(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, c.url+"/health", nil)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err, "health: %v\n%s", err, c.out)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, "health: %d\n%s", resp.StatusCode, c.out)
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
