package crud_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// code has a string key: its id in the path reaches the database as text.
type code struct {
	Code  string `db:"code,pk"`
	Label string `db:"label"`
}

func (code) TableName() string { return "codes" }

func init() { orm.Register[code]() }

var schemas atomic.Int64

// serverOn serves every test model with AutoCrud on a fresh schema (or
// database) of the server named by the environment variable env, skipped
// when it is unset (failed under CI=true).
func serverOn(t *testing.T, engine, env string) *router.Router {
	t.Helper()
	base := os.Getenv(env)
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: CI must test %s", env, engine)
		}
		t.Skipf("%s is not set", env)
	}
	name := fmt.Sprintf("tina4_crud%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e6, schemas.Add(1))
	create, drop := "CREATE SCHEMA "+name, "DROP SCHEMA IF EXISTS "+name+" CASCADE"
	if engine == "mysql" {
		create, drop = "CREATE DATABASE "+name+" CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", "DROP DATABASE IF EXISTS "+name
	}
	admin, err := orm.Open(base)
	if err != nil {
		t.Fatal(err)
	}
	actx := orm.WithDB(context.Background(), admin)
	if _, err := orm.Exec(actx, create); err != nil {
		admin.Close()
		t.Fatal(err)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	if engine == "mysql" {
		u.Path = "/" + name
	} else {
		qs := u.Query()
		qs.Set("search_path", name)
		u.RawQuery = qs.Encode()
	}
	db, err := orm.Open(u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.Close()
		if _, err := orm.Exec(actx, drop); err != nil {
			t.Errorf("%s: %v", drop, err)
		}
		admin.Close()
	})
	if err := orm.CreateTables(orm.WithDB(context.Background(), db)); err != nil {
		t.Fatal(err)
	}
	r := router.New()
	r.Use(withDB(db))
	crud.Discover(r, "/api")
	return r
}

// Text PostgreSQL or MySQL would refuse (NUL, bytes that are not UTF-8) is a
// 4xx before it reaches them, in bodies, query strings and string ids.
func TestBadTextOnServerEngines(t *testing.T) {
	for _, e := range []struct{ engine, env string }{
		{"postgres", "TINA4_TEST_POSTGRES_URL"}, {"mysql", "TINA4_TEST_MYSQL_URL"},
	} {
		t.Run(e.engine, func(t *testing.T) {
			h := serverOn(t, e.engine, e.env)
			mustCall(t, h, "POST", "/api/notes", `{"title":"Café ☕ 😀"}`, 201)
			tests := []struct {
				method, path, body string
				want               int
			}{
				{"POST", "/api/notes", `{"title":"a\u0000b"}`, 400},
				{"POST", "/api/notes", "{\"title\":\"\xff\"}", 400},
				{"PATCH", "/api/notes/1", `{"content":"\u0000"}`, 400},
				{"GET", "/api/notes?title=a%00b", "", 400},
				{"GET", "/api/notes?title=%ff", "", 400},
				{"GET", "/api/notes?title__in=a,%C3%28", "", 400},
				{"GET", "/api/notes?title__icontains=%00", "", 400},
				{"GET", "/api/notes?ti%00tle=x", "", 400},
				{"GET", "/api/codes/a%00b", "", 404},
				{"GET", "/api/codes/%ff", "", 404},
				{"DELETE", "/api/codes/%ff%fe", "", 404},
				{"GET", "/api/notes?title=Caf%C3%A9%20%E2%98%95%20%F0%9F%98%80", "", 200},
			}
			for _, tt := range tests {
				res := mustCall(t, h, tt.method, tt.path, tt.body, tt.want)
				if tt.want != http.StatusOK && !strings.Contains(res.Body, `"error"`) {
					t.Errorf("%s %s: %s", tt.method, tt.path, res.Body)
				}
			}
			if l := mustCall(t, h, "GET", "/api/notes", "", 200); l.JSON["total"] != 1.0 || data(t, l)[0]["title"] != "Café ☕ 😀" {
				t.Errorf("rows: %s", l.Body)
			}
		})
	}
}
