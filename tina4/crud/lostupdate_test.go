package crud_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// ccDoc is edited by concurrent clients. It is mounted with ModelOf and
// Mount, not registered, so that Discover in other tests does not see it.
type ccDoc struct {
	ID        int64     `db:"id"`
	Title     string    `db:"title" validate:"required"`
	Content   string    `db:"content"`
	Tag       string    `db:"tag"`
	Hits      int64     `db:"hits"`
	UpdatedAt time.Time `db:"updated_at,auto_now"`
}

func (ccDoc) TableName() string { return "cc_docs" }

// ccVerDoc has a version column.
type ccVerDoc struct {
	ID      int64  `db:"id"`
	Title   string `db:"title" validate:"required"`
	Body    string `db:"body"`
	Secret  string `db:"secret,hidden"`
	Version int64  `db:"version,version"`
}

func (ccVerDoc) TableName() string { return "cc_ver_docs" }

// ccServer serves ccDoc and ccVerDoc with AutoCrud under /api on a fresh
// database of the test's engine.
func ccServer(tb testing.TB) http.Handler {
	tb.Helper()
	db, err := orm.Open(dbtest.URL(tb))
	require.NoError(tb, err)
	tb.Cleanup(func() { db.Close() })
	ctx := orm.WithDB(context.Background(), db)
	r := router.New()
	r.Use(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			next.ServeHTTP(w, req.WithContext(orm.WithDB(req.Context(), db)))
		})
	})
	for _, model := range []func() (*orm.Model, error){orm.ModelOf[ccDoc], orm.ModelOf[ccVerDoc]} {
		m, err := model()
		require.NoError(tb, err)
		require.NoError(tb, orm.CreateModelTable(ctx, m))
		crud.Mount(r, m, "/api")
	}
	return r
}

// ccAnswer is one answer: status, headers, body and its JSON object.
type ccAnswer struct {
	Status int
	Header http.Header
	Body   string
	JSON   map[string]any
}

// ccSend sends one request with a JSON body (none when "") and headers given
// as name, value pairs. It is safe to call from several goroutines.
func ccSend(h http.Handler, method, path, body string, headers ...string) ccAnswer {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Add(headers[i], headers[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	a := ccAnswer{Status: w.Code, Header: w.Header(), Body: w.Body.String()}
	_ = json.Unmarshal(w.Body.Bytes(), &a.JSON)
	return a
}

// TestConcurrentPatchesKeepEveryField: in each round four clients PATCH four
// different fields of one row at the same moment; every acknowledged change
// must be in the row afterwards. Writing the whole row back (read, apply the
// body, write every column) loses some of them on every engine.
func TestConcurrentPatchesKeepEveryField(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		h := ccServer(t)
		created := ccSend(h, "POST", "/api/cc_docs", `{"title":"t0","content":"c0","tag":"g0","hits":0}`)
		require.Equal(t, http.StatusCreated, created.Status, created.Body)
		path := fmt.Sprintf("/api/cc_docs/%v", created.JSON["id"])

		fields := []struct {
			key   string
			value func(round int) any
		}{
			{"title", func(r int) any { return fmt.Sprintf("title %d", r) }},
			{"content", func(r int) any { return fmt.Sprintf("content %d", r) }},
			{"tag", func(r int) any { return fmt.Sprintf("tag %d", r) }},
			{"hits", func(r int) any { return float64(r) }},
		}
		const rounds = 50
		lost := 0
		for round := 1; round <= rounds; round++ {
			answers := make([]ccAnswer, len(fields))
			start := make(chan struct{})
			var wg sync.WaitGroup
			for i, f := range fields {
				wg.Add(1)
				go func() {
					defer wg.Done()
					body, _ := json.Marshal(map[string]any{f.key: f.value(round)})
					<-start
					answers[i] = ccSend(h, "PATCH", path, string(body))
				}()
			}
			close(start)
			wg.Wait()
			for i, f := range fields {
				require.Equal(t, http.StatusOK, answers[i].Status, "round %d, %s: %s", round, f.key, answers[i].Body)
				require.Equal(t, f.value(round), answers[i].JSON[f.key], "round %d: the answer holds the change", round)
			}
			row := ccSend(h, "GET", path, "")
			require.Equal(t, http.StatusOK, row.Status)
			for _, f := range fields {
				if row.JSON[f.key] != f.value(round) {
					lost++
					t.Logf("round %d: %s = %v, want %v (acknowledged, then lost)", round, f.key, row.JSON[f.key], f.value(round))
				}
			}
		}
		assert.Zero(t, lost, "acknowledged updates lost in %d rounds", rounds)
	})
}
