package orm

import (
	"context"
	"database/sql"
	"log/slog"
	"slices"
	"strings"
	"time"
)

// exec runs an ORM statement that writes, prepared once per connection
// where the database allows it (see stmtCache).
func (s session) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return s.execWith(ctx, s.wstmts, query, args, true)
}

// execBound is exec for arguments bound from a model by a fieldBinder:
// raw says whether textTimes may have a time to rewrite (see
// fieldBinder.raw); when not, it is skipped.
func (s session) execBound(ctx context.Context, query string, args []any, raw bool) (sql.Result, error) {
	return s.execWith(ctx, s.wstmts, query, args, raw)
}

// execDirect runs a statement that writes without preparing it for reuse:
// DDL and raw SQL from the app.
func (s session) execDirect(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return s.execWith(ctx, nil, query, args, true)
}

func (s session) execWith(ctx context.Context, cache *stmtCache, query string, args []any, raw bool) (sql.Result, error) {
	s.wrote()
	if raw {
		args = textTimes(s.db.dialect, args)
	}
	var start time.Time
	if s.db.logger != nil {
		start = time.Now()
	}
	var (
		res sql.Result
		err error
	)
	if cs := s.cached(ctx, cache, query); cs == nil {
		// Through the Executor interface, which may keep the slice: a copy,
		// so that args may live on the caller's stack.
		res, err = s.writer.ExecContext(ctx, query, slices.Clone(args)...)
	} else {
		res, err = s.stmt(ctx, cs).ExecContext(ctx, args...) // keeps none of args
		cs.release()
	}
	s.db.log(ctx, query, len(args), start, err)
	if err != nil {
		return nil, s.db.classify(err)
	}
	return res, nil
}

// query runs an ORM statement that reads, on the reader pool outside a
// transaction, prepared once per connection where the database allows it.
func (s session) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	rows, err := s.queryWith(ctx, s.reader, s.rstmts, query, args)
	if s.retryRead(ctx, err) { // see retry_read.go
		rows, err = s.queryWith(ctx, s.reader, s.rstmts, query, args)
	}
	return rows, err
}

// queryWriter runs an ORM statement that returns rows on the writer (INSERT
// ... RETURNING).
func (s session) queryWriter(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	s.wrote()
	return s.queryWith(ctx, s.writer, s.wstmts, query, args)
}

func (s session) queryWith(ctx context.Context, ex Executor, cache *stmtCache, query string, args []any) (*sql.Rows, error) {
	args = textTimes(s.db.dialect, args)
	var start time.Time
	if s.db.logger != nil {
		start = time.Now()
	}
	var (
		rows *sql.Rows
		err  error
	)
	if cs := s.cached(ctx, cache, query); cs == nil {
		rows, err = ex.QueryContext(ctx, query, args...)
	} else {
		// The rows keep the statement open until they are closed, even if it
		// is evicted meanwhile.
		rows, err = s.stmt(ctx, cs).QueryContext(ctx, args...)
		cs.release()
	}
	s.db.log(ctx, query, len(args), start, err)
	if err != nil {
		return nil, s.db.classify(err)
	}
	return rows, nil
}

// cached returns the prepared statement for query from cache, preparing it
// outside a transaction; nil means run the query unprepared.
func (s session) cached(ctx context.Context, cache *stmtCache, query string) *cachedStmt {
	switch {
	case cache == nil:
		return nil
	case s.ts == nil:
		cs, err := cache.acquire(ctx, query)
		if err != nil || cs == nil {
			// Run it unprepared: a server out of prepared statements
			// (MySQL's max_prepared_stmt_count) still answers, and any
			// other problem comes back from running it.
			return nil
		}
		return cs
	}
	cs := cache.lookup(query)
	if cs == nil {
		cache.miss(query)
	}
	return cs
}

// stmt returns the cached statement for this session: as it is, or bound to
// the session's transaction (reusing the connection's prepared statement).
func (s session) stmt(ctx context.Context, cs *cachedStmt) *sql.Stmt {
	if s.ts != nil {
		return s.ts.stmt(ctx, cs.stmt)
	}
	return cs.stmt
}

func (db *DB) log(ctx context.Context, query string, nargs int, start time.Time, err error) {
	if db.logger == nil {
		return
	}
	attrs := []slog.Attr{
		slog.String("query", query),
		slog.Int("args", nargs),
		slog.Duration("took", time.Since(start)),
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	db.logger.LogAttrs(ctx, slog.LevelInfo, "sql", attrs...)
}

// Exec runs a raw statement with ? placeholders on the database of ctx.
func Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s, err := sessionFor(ctx)
	if err != nil {
		return nil, err
	}
	res, err := s.execDirect(ctx, s.db.dialect.Rebind(query), args...)
	if err != nil {
		return nil, wrap("exec", "", err)
	}
	return res, nil
}

// QueryRows runs a raw query with ? placeholders on the database of ctx. A
// statement that does not start with SELECT, WITH, VALUES or EXPLAIN runs on
// the write connection (for example INSERT ... RETURNING).
func QueryRows(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	s, err := sessionFor(ctx)
	if err != nil {
		return nil, err
	}
	ex := s.reader
	if !isRead(query) || isLockingRead(query) {
		ex = s.writer
		s.wrote()
	}
	rows, err := s.queryWith(ctx, ex, nil, s.db.dialect.Rebind(query), args)
	if err != nil {
		return nil, wrap("query", "", err)
	}
	return rows, nil
}

func isRead(query string) bool {
	q := strings.TrimLeft(query, " \t\r\n(")
	if len(q) > 8 {
		q = q[:8]
	}
	q = strings.ToUpper(q)
	for _, p := range []string{"SELECT", "VALUES", "EXPLAIN", "PRAGMA"} {
		if strings.HasPrefix(q, p) {
			return true
		}
	}
	return strings.HasPrefix(q, "WITH") && !strings.Contains(strings.ToUpper(query), "INSERT") &&
		!strings.Contains(strings.ToUpper(query), "UPDATE") && !strings.Contains(strings.ToUpper(query), "DELETE")
}

// QueryMaps runs a raw query with ? placeholders and returns its rows as
// maps from column name to value.
func QueryMaps(ctx context.Context, query string, args ...any) ([]map[string]any, error) {
	rows, err := QueryRows(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	out, err := scanMaps(rows)
	return out, wrap("query", "", err)
}
