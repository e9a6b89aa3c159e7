package orm

import (
	"context"
	"database/sql"
	"log/slog"
	"strings"
	"time"
)

// exec runs a statement that writes, logging it when a logger is set.
func (s session) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	start := time.Now()
	res, err := s.writer.ExecContext(ctx, query, args...)
	s.db.log(ctx, query, len(args), start, err)
	if err != nil {
		return nil, s.db.classify(err)
	}
	return res, nil
}

// query runs a statement that reads (on the reader pool outside a transaction).
func (s session) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return s.queryOn(ctx, s.reader, query, args...)
}

func (s session) queryOn(ctx context.Context, ex Executor, query string, args ...any) (*sql.Rows, error) {
	start := time.Now()
	rows, err := ex.QueryContext(ctx, query, args...)
	s.db.log(ctx, query, len(args), start, err)
	if err != nil {
		return nil, s.db.classify(err)
	}
	return rows, nil
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
	res, err := s.exec(ctx, s.db.dialect.Rebind(query), args...)
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
	if !isRead(query) {
		ex = s.writer
	}
	rows, err := s.queryOn(ctx, ex, s.db.dialect.Rebind(query), args...)
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
