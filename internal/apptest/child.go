package apptest

import (
	"os"
	"os/exec"
	"regexp"
	"testing"
	"time"
)

// Child is the test binary started again as the example app, in a process
// of its own: a test package's TestMain runs tina4.Run when the variable it
// names (see StartChild) is "serve".
type Child struct {
	Cmd  *exec.Cmd
	URL  string        // http://127.0.0.1:port, once WaitServing returned
	Out  *Buffer       // its standard output and error
	Done chan struct{} // closed when the process has exited
	Err  error         // the process's exit, once Done is closed
}

var servingRe = regexp.MustCompile(`addr=(http://127\.0\.0\.1:\d+)`)

// StartChild starts the test binary with childEnv=serve, on a free loopback
// port, in an empty folder (no developer's .env), with the extra environment
// env; it is killed at the end of the test. It does not wait: see
// WaitServing.
func StartChild(tb testing.TB, childEnv string, env ...string) *Child {
	tb.Helper()
	exe, err := os.Executable()
	if err != nil {
		tb.Fatal(err)
	}
	c := &Child{Out: &Buffer{}, Done: make(chan struct{})}
	c.Cmd = exec.Command(exe) // no arguments: tina4.Run reads them as commands
	c.Cmd.Dir = tb.TempDir()
	c.Cmd.Env = append(append(os.Environ(), childEnv+"=serve", "HOST=127.0.0.1", "PORT=0"), env...)
	c.Cmd.Stdout, c.Cmd.Stderr = c.Out, c.Out
	if err := c.Cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	go func() {
		c.Err = c.Cmd.Wait()
		close(c.Done)
	}()
	tb.Cleanup(func() {
		c.Cmd.Process.Kill()
		<-c.Done
	})
	return c
}

// WaitServing waits up to d for the app to log the address it serves on,
// and sets URL; it fails the test if the app exits first or d passes.
func (c *Child) WaitServing(tb testing.TB, d time.Duration) {
	tb.Helper()
	deadline := time.After(d)
	for {
		if m := servingRe.FindStringSubmatch(c.Out.String()); m != nil {
			c.URL = m[1]
			return
		}
		select {
		case <-c.Done:
			tb.Fatalf("the app exited before serving: %v\n%s", c.Err, c.Out)
		case <-deadline:
			tb.Fatalf("the app did not serve within %s:\n%s", d, c.Out)
		case <-time.After(10 * time.Millisecond):
		}
	}
}
