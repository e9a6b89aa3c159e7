package crashtest

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// slowCall is the answer to GET /test/slow.
type slowCall struct {
	status int
	body   string
	err    error
}

// startSlow sends GET /test/slow on a connection of its own and waits until
// the app has started on it.
func startSlow(t *testing.T, c *child) <-chan slowCall {
	t.Helper()
	calls := make(chan slowCall, 1)
	go func() {
		hc := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
		resp, err := hc.Get(c.URL + "/test/slow")
		if err != nil {
			calls <- slowCall{err: err}
			return
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		calls <- slowCall{status: resp.StatusCode, body: string(b), err: err}
	}()
	c.waitOutput(t, slowStarted, 10*time.Second)
	return calls
}

// waitRefused waits up to d until a new connection to the child is refused.
func waitRefused(t *testing.T, c *child, d time.Duration) {
	t.Helper()
	addr := strings.TrimPrefix(c.URL, "http://")
	var err error
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
		var conn net.Conn
		if conn, err = net.DialTimeout("tcp", addr, time.Second); err != nil {
			if errors.Is(err, syscall.ECONNREFUSED) {
				return
			}
			continue
		}
		conn.Close()
	}
	require.Fail(t, fmt.Sprintf("new connections are still accepted %s after SIGTERM (last: %v)", d, err))
}

// SIGTERM: the request in flight finishes with its answer, new connections
// are refused meanwhile, and the app exits 0 within TINA4_SHUTDOWN_TIMEOUT.
func TestSIGTERMFinishesInFlightAndRefusesNew(t *testing.T) {
	dir := t.TempDir()
	release := filepath.Join(dir, "release")
	const timeout = 10 * time.Second
	c := startChild(t, filepath.Join(dir, "app.db"), "TINA4_SHUTDOWN_TIMEOUT="+timeout.String(), releaseEnv+"="+release)
	c.health(t)
	calls := startSlow(t, c)

	sent := time.Now()
	c.signal(t, syscall.SIGTERM)
	waitRefused(t, c, 3*time.Second)
	select {
	case <-c.Done:
		require.Fail(t, fmt.Sprintf("the app exited with a request in flight: %v\n%s", c.Err, c.Out))
	case call := <-calls:
		require.Fail(t, fmt.Sprintf("the request in flight ended before it was released: %+v", call))
	default:
	}

	err := os.WriteFile(release, nil, 0o644)
	require.NoError(t, err)
	call := <-calls
	if assert.NoError(t, call.err, "the request in flight got %+v, want 200 {\"slow\":\"done\"}", call) && assert.Equal(t, http.StatusOK, call.status, "the request in flight got %+v, want 200 {\"slow\":\"done\"}", call) {
		assert.Contains(t, call.body, `"slow":"done"`, "the request in flight got %+v, want 200 {\"slow\":\"done\"}", call)
	}
	err = c.wait(t, timeout)
	assert.NoError(t, err, "exit: %v, want 0\n%s", err, c.Out)
	took := time.Since(sent)
	assert.Less(t, took, timeout, "exit took %s, over the shutdown timeout %s", took, timeout)
	assert.Contains(t, c.Out.String(), "tina4: shutting down", "no shutdown in the log")
}

// A request that outlives TINA4_SHUTDOWN_TIMEOUT is cut off: the app exits
// soon after the timeout, with status 1 and a log line saying why, and the
// client's connection is closed.
func TestSIGTERMShutdownTimeout(t *testing.T) {
	dir := t.TempDir()
	c := startChild(t, filepath.Join(dir, "app.db"), "TINA4_SHUTDOWN_TIMEOUT=1s", releaseEnv+"="+filepath.Join(dir, "never"))
	calls := startSlow(t, c)
	sent := time.Now()
	c.signal(t, syscall.SIGTERM)
	err := c.wait(t, 5*time.Second)
	took := time.Since(sent)
	code := exitCode(err)
	assert.Equal(t, 1, code, "exit %v, want status 1\n%s", err, c.Out)
	if assert.GreaterOrEqual(t, took, time.Second, "exit took %s, want just over the 1s shutdown timeout", took) {
		assert.LessOrEqual(t, took, 4*time.Second, "exit took %s, want just over the 1s shutdown timeout", took)
	}
	assert.Contains(t, c.Out.String(), "still in flight after 1s", "the log does not say why")
	call := <-calls
	assert.Error(t, call.err, "the cut-off request got an answer")
}

// A second SIGTERM during a graceful shutdown ends the app at once.
func TestSecondSignalEndsAtOnce(t *testing.T) {
	dir := t.TempDir()
	c := startChild(t, filepath.Join(dir, "app.db"), "TINA4_SHUTDOWN_TIMEOUT=1m", releaseEnv+"="+filepath.Join(dir, "never"))
	startSlow(t, c)
	c.signal(t, syscall.SIGTERM)
	c.waitOutput(t, "tina4: shutting down", 5*time.Second)
	c.signal(t, syscall.SIGTERM)
	code := exitCode(c.wait(t, 5*time.Second))
	assert.Equal(t, -1, code, "exit status %d, want the end by SIGTERM\n%s", code, c.Out)
}
