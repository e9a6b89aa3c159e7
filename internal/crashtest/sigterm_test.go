package crashtest

import (
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
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
		resp, err := hc.Get(c.url + "/test/slow")
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
	addr := strings.TrimPrefix(c.url, "http://")
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
	t.Fatalf("new connections are still accepted %s after SIGTERM (last: %v)", d, err)
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
	case <-c.done:
		t.Fatalf("the app exited with a request in flight: %v\n%s", c.err, c.out)
	case call := <-calls:
		t.Fatalf("the request in flight ended before it was released: %+v", call)
	default:
	}

	if err := os.WriteFile(release, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if call := <-calls; call.err != nil || call.status != http.StatusOK || !strings.Contains(call.body, `"slow":"done"`) {
		t.Errorf("the request in flight got %+v, want 200 {\"slow\":\"done\"}", call)
	}
	if err := c.wait(t, timeout); err != nil {
		t.Errorf("exit: %v, want 0\n%s", err, c.out)
	}
	if took := time.Since(sent); took >= timeout {
		t.Errorf("exit took %s, over the shutdown timeout %s", took, timeout)
	}
	if !strings.Contains(c.out.String(), "tina4: shutting down") {
		t.Errorf("no shutdown in the log:\n%s", c.out)
	}
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
	if code := exitCode(err); code != 1 {
		t.Errorf("exit %v, want status 1\n%s", err, c.out)
	}
	if took < time.Second || took > 4*time.Second {
		t.Errorf("exit took %s, want just over the 1s shutdown timeout", took)
	}
	if !strings.Contains(c.out.String(), "still in flight after 1s") {
		t.Errorf("the log does not say why:\n%s", c.out)
	}
	if call := <-calls; call.err == nil {
		t.Errorf("the cut-off request got an answer: %+v", call)
	}
}

// A second SIGTERM during a graceful shutdown ends the app at once.
func TestSecondSignalEndsAtOnce(t *testing.T) {
	dir := t.TempDir()
	c := startChild(t, filepath.Join(dir, "app.db"), "TINA4_SHUTDOWN_TIMEOUT=1m", releaseEnv+"="+filepath.Join(dir, "never"))
	startSlow(t, c)
	c.signal(t, syscall.SIGTERM)
	c.waitOutput(t, "tina4: shutting down", 5*time.Second)
	c.signal(t, syscall.SIGTERM)
	if code := exitCode(c.wait(t, 5*time.Second)); code != -1 {
		t.Errorf("exit status %d, want the end by SIGTERM\n%s", code, c.out)
	}
}
