package orm_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// The server engines the tests also run on, when their URL is set.
var engineURLs = map[string]string{
	"postgres": "TINA4_TEST_POSTGRES_URL",
	"mysql":    "TINA4_TEST_MYSQL_URL",
}

// eachEngine runs body once per engine, as the subtests sqlite, postgres and
// mysql. A server engine whose URL is unset is skipped, saying so; under CI
// (CI=true) that is a failure, since CI must cover every engine.
func eachEngine(t *testing.T, body func(t *testing.T)) {
	t.Helper()
	for _, engine := range []string{"sqlite", "postgres", "mysql"} {
		t.Run(engine, func(t *testing.T) {
			if env := engineURLs[engine]; env != "" && os.Getenv(env) == "" {
				if os.Getenv("CI") == "true" {
					t.Fatalf("%s is not set: CI must test the %s engine", env, engine)
				}
				t.Skipf("%s is not set: the %s engine is not tested", env, engine)
			}
			body(t)
		})
	}
}

// engineOf reads the engine of a test from its name (a subtest of eachEngine).
func engineOf(tb testing.TB) string {
	for _, part := range strings.Split(tb.Name(), "/") {
		if part == "postgres" || part == "mysql" {
			return part
		}
	}
	return "sqlite"
}

var fresh atomic.Int64

func freshName() string {
	return fmt.Sprintf("tina4_t%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e6, fresh.Add(1))
}

// freshPostgres creates a schema and returns the URL that uses it.
func freshPostgres(tb testing.TB) string {
	base := os.Getenv("TINA4_TEST_POSTGRES_URL")
	name := freshName()
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
	base := os.Getenv("TINA4_TEST_MYSQL_URL")
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

// dialectName returns the dialect of the database of ctx.
func dialectName(tb testing.TB, ctx context.Context) string {
	tb.Helper()
	d, err := orm.DialectOf(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	return d.Name()
}
