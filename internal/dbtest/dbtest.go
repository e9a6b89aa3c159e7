// Package dbtest runs a test body once per database engine: SQLite always,
// PostgreSQL and MySQL/MariaDB when TINA4_TEST_POSTGRES_URL and
// TINA4_TEST_MYSQL_URL are set. Each call of URL gives a database nobody else
// uses (a temporary SQLite file, a new PostgreSQL schema, a new MySQL
// database), removed when the test ends.
package dbtest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// EnvVars names the variable holding each server engine's URL.
var EnvVars = map[string]string{
	"postgres": "TINA4_TEST_POSTGRES_URL",
	"mysql":    "TINA4_TEST_MYSQL_URL",
}

// Engines lists the engines in the order Each runs them.
var Engines = []string{"sqlite", "postgres", "mysql"}

// Each runs body once per engine, as the subtests sqlite, postgres and mysql.
// A server engine whose URL is unset is skipped, saying so; under CI
// (CI=true) that is a failure, since CI must cover every engine.
func Each(t *testing.T, body func(t *testing.T)) {
	t.Helper()
	for _, engine := range Engines {
		t.Run(engine, func(t *testing.T) {
			if env := EnvVars[engine]; env != "" && os.Getenv(env) == "" {
				if os.Getenv("CI") == "true" {
					t.Fatalf("%s is not set: CI must test the %s engine", env, engine)
				}
				t.Skipf("%s is not set: the %s engine is not tested", env, engine)
			}
			body(t)
		})
	}
}

// DefaultEngineEnv names the engine of the tests outside Each (default
// sqlite): postgres runs them on TINA4_TEST_POSTGRES_URL too, as the
// PgBouncer test does.
const DefaultEngineEnv = "TINA4_TEST_DEFAULT_ENGINE"

// Engine reads the engine of a test from its name (a subtest of Each); a
// test outside Each is on sqlite, or on the engine of DefaultEngineEnv.
func Engine(tb testing.TB) string {
	for _, part := range strings.Split(tb.Name(), "/") {
		if part == "postgres" || part == "mysql" || part == "sqlite" {
			return part
		}
	}
	if e := os.Getenv(DefaultEngineEnv); e == "postgres" || e == "mysql" {
		return e
	}
	return "sqlite"
}

// URL returns the URL of a fresh, empty database on the engine of tb,
// dropped at the end of the test.
func URL(tb testing.TB) string {
	tb.Helper()
	switch Engine(tb) {
	case "postgres":
		return freshPostgres(tb)
	case "mysql":
		return freshMySQL(tb)
	default:
		return "sqlite:///" + filepath.Join(tb.TempDir(), "test.db")
	}
}

var fresh atomic.Int64

func freshName() string {
	return fmt.Sprintf("tina4_t%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e6, fresh.Add(1))
}

// DatabasesEnv set to 1 makes each PostgreSQL test database a database of
// its own instead of a schema: for runs through PgBouncer, which does not
// pass the search_path a schema needs on to the server.
const DatabasesEnv = "TINA4_TEST_POSTGRES_DATABASES"

// freshPostgres creates a schema (or a database, see DatabasesEnv) and
// returns the URL that uses it.
func freshPostgres(tb testing.TB) string {
	base := os.Getenv(EnvVars["postgres"])
	name := freshName()
	if os.Getenv(DatabasesEnv) == "1" {
		adminExec(tb, base, "CREATE DATABASE "+name, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		u, err := url.Parse(base)
		if err != nil {
			tb.Fatal(err)
		}
		u.Path = "/" + name
		return u.String()
	}
	adminExec(tb, base, "CREATE SCHEMA "+name, "DROP SCHEMA IF EXISTS "+name+" CASCADE")
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

// freshMySQL creates a database and returns the URL that uses it.
func freshMySQL(tb testing.TB) string {
	base := os.Getenv(EnvVars["mysql"])
	name := freshName()
	adminExec(tb, base, "CREATE DATABASE "+name+" CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", "DROP DATABASE IF EXISTS "+name)
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// adminExec runs create on the server at base now and drop at cleanup.
func adminExec(tb testing.TB, base, create, drop string) {
	tb.Helper()
	db, err := orm.Open(base)
	if err != nil {
		tb.Fatalf("open %s: %v", base, err)
	}
	ctx := orm.WithDB(context.Background(), db)
	if _, err := orm.Exec(ctx, create); err != nil {
		db.Close()
		tb.Fatalf("%s: %v", create, err)
	}
	tb.Cleanup(func() {
		if _, err := orm.Exec(ctx, drop); err != nil {
			tb.Errorf("%s: %v", drop, err)
		}
		db.Close()
	})
}
