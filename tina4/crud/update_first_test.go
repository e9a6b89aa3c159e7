package crud_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// ufAuthor and ufDoc are PATCHed through update's two paths.
type ufAuthor struct {
	ID   int64  `db:"id"`
	Name string `db:"name"`
}

func (ufAuthor) TableName() string { return "uf_authors" }

type ufDoc struct {
	ID       int64                    `db:"id"`
	Title    string                   `db:"title" validate:"required,max=20"`
	Body     string                   `db:"body"`
	Hits     int64                    `db:"hits" validate:"lte=100"`
	Code     string                   `db:"code,readonly"`
	Author   orm.ForeignKey[ufAuthor] `db:"author_id"`
	Reviewer *int64                   `db:"reviewer_id" references:"uf_authors.id"`
}

func (ufDoc) TableName() string { return "uf_docs" }

// sqlLog collects the statements the ORM logs.
type sqlLog struct {
	mu    sync.Mutex
	stmts []string
}

func (l *sqlLog) Enabled(context.Context, slog.Level) bool { return true }
func (l *sqlLog) Handle(_ context.Context, r slog.Record) error {
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "query" {
			l.mu.Lock()
			l.stmts = append(l.stmts, a.Value.String())
			l.mu.Unlock()
		}
		return true
	})
	return nil
}
func (l *sqlLog) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l *sqlLog) WithGroup(string) slog.Handler      { return l }

func (l *sqlLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.stmts
	l.stmts = nil
	return out
}

// TestPatchPathsAgree: a PATCH without If-Match takes update's write-first
// path, one with If-Match: * (which every row matches) the general path
// that reads the row first. On two identical rows, every body must get the
// same answer and leave the same row, and the write-first path must run one
// statement less.
func TestPatchPathsAgree(t *testing.T) { dbtest.Each(t, testPatchPathsAgree) }

func testPatchPathsAgree(t *testing.T) {
	log := &sqlLog{}
	db, err := orm.Open(dbtest.URL(t), orm.WithLogger(slog.New(log)))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	ctx := orm.WithDB(context.Background(), db)
	r := router.New()
	r.Use(withDB(db))
	for _, create := range []func(context.Context) (*orm.Model, error){modelTable[ufAuthor], modelTable[ufDoc]} {
		m, err := create(ctx)
		require.NoError(t, err)
		crud.Mount(r, m, "/api")
	}
	require.Equal(t, http.StatusCreated, ccSend(r, "POST", "/api/uf_authors", `{"name":"a"}`).Status)
	newRow := func() string {
		a := ccSend(r, "POST", "/api/uf_docs", `{"title":"t","body":"b","hits":1,"author_id":1}`)
		require.Equal(t, http.StatusCreated, a.Status, a.Body)
		return fmt.Sprintf("/api/uf_docs/%v", a.JSON["id"])
	}
	fast, slow := newRow(), newRow()
	bodies := []string{
		`{"title":"new","hits":3}`,
		`{}`,
		`{"body":"only the body"}`,
		`{"title":""}`,
		`{"title":"far too long for the rule of twenty"}`,
		`{"hits":101}`,
		`{"title":null}`,
		`{"hits":"x"}`,
		`{"nope":1}`,
		`{"title":"a","title":"b"}`,
		`{"id":0}`,
		`{"code":"x"}`,
		`{"code":""}`,
		`{"author":{"id":1}}`,
		`{"author":1}`,
		`{"author_id":999}`,
		`{"title":"","author_id":999}`,
		`{"reviewer_id":999}`,
		`{"reviewer_id":1,"author_id":1}`,
		`{"reviewer_id":null}`,
		`{"author_id":null}`,
		`{"title":"t\u00e9"}`,
		`not json`,
		``,
		// Hostile bodies: numbers, escapes, odd keys and layouts.
		`{"hits":1e1}`, `{"hits":1.0}`, `{"hits":-0}`, `{"hits":9223372036854775808}`, `{"hits":01}`, `{"hits":+1}`,
		`{"title":"\u0000"}`, `{"title":"\ud800"}`, `{"title":"\ud83d\ude00"}`, "{\"title\":\"\xff\"}",
		"\ufeff{\"title\":\"bom\"}", " \r\n{\"title\" : \"ws\"}\t", `{"title":"a"} x`, `{"title":"a"}{}`,
		`{"Title":"x"}`, `{"":1}`, `{"t\u0069tle":"esc"}`, `{"title":["x"]}`, `{"title":{"a":1}}`, `{"hits":null}`,
		`{"id":null}`, `{"author_id":"1"}`, `{"author_id":1.5}`, `{"body":"x","body":"y"}`,
	}
	strip := func(a ccAnswer) ccAnswer {
		delete(a.JSON, "id")
		a.Body, a.Header = "", nil
		return a
	}
	for _, body := range bodies {
		t.Run(body, func(t *testing.T) {
			log.take()
			got := ccSend(r, "PATCH", fast, body)
			fastStmts := log.take()
			want := ccSend(r, "PATCH", slow, body, "If-Match", "*")
			slowStmts := log.take()
			assert.Equal(t, want.Status, got.Status, "fast %s, slow %s", got.Body, want.Body)
			assert.Equal(t, strip(want), strip(got))
			assert.Equal(t, strip(ccSend(r, "GET", slow, "")), strip(ccSend(r, "GET", fast, "")), "the rows as stored")
			if got.Status == http.StatusOK && !strings.Contains(body, "code") { // a read-only column takes the general path
				want := 4 // BEGIN, UPDATE, the row read back, COMMIT
				if dbtest.Engine(t) == "postgres" {
					want = 3 // BEGIN, UPDATE ... RETURNING, COMMIT
				}
				require.Len(t, fastStmts, want, "%v", fastStmts)
				assert.True(t, strings.HasPrefix(fastStmts[1], "UPDATE"), fastStmts[1])
				assert.Len(t, slowStmts, 5, "BEGIN, SELECT, UPDATE, SELECT, COMMIT: %v", slowStmts)
			}
		})
	}
	t.Run("missing row", func(t *testing.T) {
		got := ccSend(r, "PATCH", "/api/uf_docs/9999", `{"title":"x"}`)
		want := ccSend(r, "PATCH", "/api/uf_docs/9999", `{"title":"x"}`, "If-Match", "*")
		assert.Equal(t, http.StatusNotFound, got.Status)
		assert.Equal(t, want.Body, got.Body)
		bad := ccSend(r, "PATCH", "/api/uf_docs/9999", `{"nope":1}`)
		assert.Equal(t, http.StatusNotFound, bad.Status, "the row is looked for before the body is judged")
	})
	t.Run("an invalid PATCH changes nothing", func(t *testing.T) {
		before := ccSend(r, "GET", fast, "")
		a := ccSend(r, "PATCH", fast, `{"body":"changed","hits":500}`)
		require.Equal(t, http.StatusBadRequest, a.Status, a.Body)
		assert.Equal(t, before.Body, ccSend(r, "GET", fast, "").Body)
		assert.True(t, bytes.Contains([]byte(a.Body), []byte("hits")), a.Body)
	})
}
