package orm_test

import (
	"context"
	"log/slog"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// sqlLog collects the statements a DB runs, through its slog logger.
type sqlLog struct {
	mu      sync.Mutex
	queries []string
}

func (l *sqlLog) Enabled(context.Context, slog.Level) bool { return true }
func (l *sqlLog) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *sqlLog) WithGroup(string) slog.Handler            { return l }
func (l *sqlLog) Handle(_ context.Context, r slog.Record) error {
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "query" {
			l.mu.Lock()
			l.queries = append(l.queries, a.Value.String())
			l.mu.Unlock()
		}
		return true
	})
	return nil
}

// Count returns how many statements ran since the last Reset.
func (l *sqlLog) Count() int { l.mu.Lock(); defer l.mu.Unlock(); return len(l.queries) }

// Reset forgets the statements seen so far.
func (l *sqlLog) Reset() { l.mu.Lock(); l.queries = nil; l.mu.Unlock() }

// Last returns the last statement.
func (l *sqlLog) Last() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.queries) == 0 {
		return ""
	}
	return l.queries[len(l.queries)-1]
}

// openTestDB opens a fresh database on the engine of the test (see
// eachEngine; SQLite by default): a new SQLite file, PostgreSQL schema or
// MySQL database, removed afterwards. It creates the tables of the given
// models and returns a context bound to the database.
func openTestDB(tb testing.TB, tables ...func(context.Context) error) (context.Context, *orm.DB, *sqlLog) {
	tb.Helper()
	log := &sqlLog{}
	db, err := orm.Open(dbtest.URL(tb), orm.WithLogger(slog.New(log)))
	require.NoError(tb, err, "open")
	tb.Cleanup(func() { db.Close() })
	ctx := orm.WithDB(context.Background(), db)
	for _, create := range tables {
		require.NoError(tb, create(ctx), "create table")
	}
	log.Reset()
	return ctx, db, log
}

// ctxT bundles a test context with its statement log.
type ctxT struct {
	ctx context.Context
	log *sqlLog
}

func must(tb testing.TB, err error) {
	tb.Helper()
	require.NoError(tb, err)
}
