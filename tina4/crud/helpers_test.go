package crud_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// The test models: registered in dependency order (author before post).
type note struct {
	ID        int64      `db:"id"`
	Title     string     `db:"title" validate:"required,max=200"`
	Content   string     `db:"content" default:""`
	Category  string     `db:"category" default:"general" validate:"omitempty,oneof=general work personal"`
	Pinned    bool       `db:"pinned"`
	Views     int32      `db:"views"`
	Rating    *float64   `db:"rating"`
	Secret    string     `db:"secret,hidden"`
	DueAt     *time.Time `db:"due_at"`
	CreatedAt time.Time  `db:"created_at,auto_now_add"`
	UpdatedAt time.Time  `db:"updated_at,auto_now"`
}

func (note) TableName() string { return "notes" }

type task struct {
	ID    int64  `db:"id"`
	Title string `db:"title" validate:"required"`
	Done  bool   `db:"done"`
	orm.SoftDeletes
}

func (task) TableName() string { return "tasks" }

type author struct {
	ID   int64  `db:"id"`
	Name string `db:"name" validate:"required,min=2"`
}

func (author) TableName() string { return "authors" }

type post struct {
	ID       int64  `db:"id"`
	AuthorID int64  `db:"author_id" references:"authors.id" validate:"required"`
	Title    string `db:"title" validate:"required"`
}

func (post) TableName() string { return "posts" }

func init() {
	orm.Register[note]()
	orm.Register[task]()
	orm.Register[author]()
	orm.Register[post]()
}

// newDB opens a fresh database on the engine of the test (see dbtest.Each)
// with the test models' tables.
func newDB(tb testing.TB) *orm.DB {
	tb.Helper()
	db, err := orm.Open(dbtest.URL(tb))
	require.NoError(tb, err, "open")
	tb.Cleanup(func() { db.Close() })
	err = orm.CreateTables(orm.WithDB(context.Background(), db))
	require.NoError(tb, err, "create tables")
	return db
}

// withDB is middleware running every request on db.
func withDB(db *orm.DB) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			next.ServeHTTP(w, r.WithContext(orm.WithDB(r.Context(), db)))
		})
	}
}

// newServer returns a router serving every test model with AutoCrud under
// /api, on a fresh database.
func newServer(tb testing.TB, opts ...crud.Option) *router.Router {
	tb.Helper()
	r := router.New()
	r.Use(withDB(newDB(tb)))
	crud.Discover(r, "/api", opts...)
	return r
}

// result is an answer: its status, raw body and decoded JSON (if any).
type result struct {
	Status int
	Body   string
	JSON   map[string]any
}

// call sends one request to h and decodes a JSON object answer.
func call(tb testing.TB, h http.Handler, method, path, body string) result {
	tb.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, rd)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	res := result{Status: w.Code, Body: w.Body.String()}
	if strings.HasPrefix(strings.TrimSpace(res.Body), "{") {
		err := json.Unmarshal(w.Body.Bytes(), &res.JSON)
		require.NoError(tb, err, "%s %s: bad JSON %q: %v", method, path, res.Body, err)
	}
	return res
}

// mustCall is call that fails the test unless the status is want.
func mustCall(tb testing.TB, h http.Handler, method, path, body string, want int) result {
	tb.Helper()
	res := call(tb, h, method, path, body)
	require.Equal(tb, want, res.Status, "%s %s: status %d, want %d; body %s", method, path, res.Status, want, res.Body)
	return res
}

// data returns the "data" list of a list answer.
func data(tb testing.TB, res result) []map[string]any {
	tb.Helper()
	list, ok := res.JSON["data"].([]any)
	require.True(tb, ok, "no data list in %s", res.Body)
	out := make([]map[string]any, len(list))
	for i, v := range list {
		out[i] = v.(map[string]any)
	}
	return out
}
