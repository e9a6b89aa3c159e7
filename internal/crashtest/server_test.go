package crashtest

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// serverEngines are the server databases the outage tests run on, and the
// variable that names each one's URL.
var serverEngines = []struct{ name, env string }{
	{"postgres", "TINA4_TEST_POSTGRES_URL"},
	{"mysql", "TINA4_TEST_MYSQL_URL"},
}

// engineURL returns the URL in env, or skips the test saying so (under
// CI=true an unset URL fails it instead).
func engineURL(t *testing.T, env string) string {
	t.Helper()
	u := os.Getenv(env)
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: CI must run the outage tests", env)
		}
		t.Skipf("%s is not set: the outage test on this engine does not run", env)
	}
	return u
}

// freshDatabase makes a schema (PostgreSQL) or database (MySQL) of its own
// for one test on the server at base, dropped afterwards, and returns base
// pointing into it.
func freshDatabase(t *testing.T, engine, base string) *url.URL {
	t.Helper()
	name := fmt.Sprintf("tina4_crash_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9)
	create, drop := "CREATE SCHEMA "+name, "DROP SCHEMA IF EXISTS "+name+" CASCADE"
	if engine == "mysql" {
		create, drop = "CREATE DATABASE "+name, "DROP DATABASE IF EXISTS "+name
	}
	admin, err := orm.Open(base)
	if err != nil {
		t.Fatal(err)
	}
	ctx := orm.WithDB(context.Background(), admin)
	if _, err := orm.Exec(ctx, create); err != nil {
		admin.Close()
		t.Fatalf("%s: %v", create, err)
	}
	t.Cleanup(func() {
		if _, err := orm.Exec(ctx, drop); err != nil {
			t.Errorf("%s: %v", drop, err)
		}
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	if engine == "mysql" {
		u.Path = "/" + name
	} else {
		q := u.Query()
		q.Set("search_path", name)
		u.RawQuery = q.Encode()
	}
	return u
}

// serveInProcess serves the example app on dbURL in this process, on a
// free loopback port, until the test ends. It returns the app's base URL
// and its log.
func serveInProcess(t *testing.T, dbURL string) (string, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	cfg := tina4.DefaultConfig()
	cfg.DatabaseURL = dbURL
	cfg.Router = router.Default()
	cfg.Logger = slogTo(logs)
	cfg.Debug = true // a 5xx body shows its error
	app, err := tina4.New(cfg)
	if err != nil {
		t.Fatalf("tina4.New: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- app.ServeListener(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-served; err != nil {
			t.Errorf("serve: %v", err)
		}
		app.Close()
	})
	return "http://" + ln.Addr().String(), logs
}
