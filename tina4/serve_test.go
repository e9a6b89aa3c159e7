package tina4_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/internal/apptest"
	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// A request still running when ShutdownTimeout ends is cut off: its
// connection is closed and ServeListener says so, instead of waiting for it.
func TestServeShutdownTimeoutCutsOff(t *testing.T) {
	r := router.New()
	started, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	r.Get("/hang", func(req *router.Request, res *response.Response) error {
		close(started)
		<-release
		return nil
	})
	app, _ := newApp(t, r, func(c *tina4.Config) { c.ShutdownTimeout = 200 * time.Millisecond })
	srv := apptest.Serve(t, app)
	answered := make(chan error, 1)
	go func() {
		resp, err := http.Get(srv.URL + "/hang")
		if err == nil {
			resp.Body.Close()
		}
		answered <- err
	}()
	<-started
	served := make(chan error, 1)
	go func() { served <- srv.Stop() }()
	select {
	case err := <-served:
		if assert.Error(t, err, "ServeListener") {
			assert.Contains(t, err.Error(), "still in flight after 200ms were cut off", "ServeListener")
		}
	case <-time.After(5 * time.Second):
		require.Fail(t, "ServeListener still waits 5s after a 200ms shutdown timeout")
	}
	select {
	case err := <-answered:
		assert.Error(t, err, "the cut-off request got an answer")
	case <-time.After(5 * time.Second):
		require.Fail(t, "the cut-off request's connection is still open")
	}
}
