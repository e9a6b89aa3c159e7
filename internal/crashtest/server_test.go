package crashtest

import (
	"log/slog"
	"net/url"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/internal/apptest"
	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// requireServer skips the test, saying so, when the URL of the server
// engine is unset (under CI=true it fails instead), and otherwise returns a
// fresh database on it (dbtest.URL), dropped when the test ends. The test's
// name must hold the engine, as dbtest.Engine reads it.
func requireServer(t *testing.T, engine string) *url.URL {
	t.Helper()
	if env := dbtest.EnvVars[engine]; os.Getenv(env) == "" {
		require.NotEqual(t, "true", os.Getenv("CI"), "%s is not set: CI must run this test", env)
		t.Skipf("%s is not set: this test does not run on %s", env, engine)
	}
	u, err := url.Parse(dbtest.URL(t))
	require.NoError(t, err)
	return u
}

// serveInProcess serves the example app on dbURL in this process, on a
// free loopback port, until the test ends. It returns the app's base URL
// and its log, which also receives the default logger's lines meanwhile.
func serveInProcess(t *testing.T, dbURL string) (string, *apptest.Buffer) {
	t.Helper()
	logs := &apptest.Buffer{}
	cfg := tina4.DefaultConfig()
	cfg.DatabaseURL = dbURL
	cfg.Router = router.Default()
	cfg.Logger = slog.New(slog.NewTextHandler(logs, nil))
	cfg.Debug = true // a 5xx body shows its error
	prev := slog.Default()
	slog.SetDefault(cfg.Logger) // where the response package logs each 5xx
	t.Cleanup(func() { slog.SetDefault(prev) })
	app, err := tina4.New(cfg)
	require.NoError(t, err, "tina4.New")
	t.Cleanup(func() { app.Close() })
	srv := apptest.Serve(t, app)
	t.Cleanup(func() {
		assert.NoError(t, srv.Stop(), "serve")
	})
	return srv.URL, logs
}
