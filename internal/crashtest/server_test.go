package crashtest

import (
	"log/slog"
	"net/url"
	"os"
	"testing"

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
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: CI must run this test", env)
		}
		t.Skipf("%s is not set: this test does not run on %s", env, engine)
	}
	u, err := url.Parse(dbtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
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
	if err != nil {
		t.Fatalf("tina4.New: %v", err)
	}
	t.Cleanup(func() { app.Close() })
	srv := apptest.Serve(t, app)
	t.Cleanup(func() {
		if err := srv.Stop(); err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return srv.URL, logs
}
