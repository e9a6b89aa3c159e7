package orm

import (
	"database/sql"
	"fmt"
)

// Get runs the query and returns every row.
func (b *Builder[T]) Get() ([]T, error) {
	if b.err != nil {
		return nil, wrap("query", b.table, b.err)
	}
	s, err := sessionFor(b.ctx)
	if err != nil {
		return nil, err
	}
	if len(b.incl) > 0 {
		if err := b.incl.checkLimits(b.model, b.inclLimits); err != nil {
			return nil, err
		}
	}
	run, rest, joined := b.planIncludes() // see include_plan.go
	q, args := run.render(s.db.dialect, "select")
	rows, err := s.query(b.ctx, q, args...)
	if err != nil {
		return nil, wrap("query", b.table, err)
	}
	var out []T
	if len(run.selected) > 0 && len(run.cols) == 0 {
		out, err = run.scanJoined(rows)
	} else {
		out, err = scanRows[T](b.model, rows, len(b.cols) == 0, b.limit)
	}
	if err != nil {
		return nil, wrap("query", b.table, err)
	}
	if len(joined) > 0 {
		err = loadRest(b.ctx, s, b.model, rest, out, b.inclLimits, run.joinedRows(out, joined))
	} else {
		err = rest.loadSlice(b.ctx, s, b.model, out, b.inclLimits)
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// scanRows scans into structs of model m, or maps when m is nil. allCols says
// the result has exactly the model's columns in field order; limit is the
// query's LIMIT (0 for none), which sizes the result.
func scanRows[T any](m *Model, rows *sql.Rows, allCols bool, limit int) ([]T, error) {
	if m == nil {
		maps, err := scanMaps(rows)
		if err != nil {
			return nil, err
		}
		out, ok := any(maps).([]T)
		if !ok {
			return nil, fmt.Errorf("orm: %T is not a model", *new(T))
		}
		return out, nil
	}
	fields := m.Fields
	if !allCols {
		var err error
		if fields, err = fieldsForColumns(m, rows); err != nil {
			rows.Close()
			return nil, err
		}
	}
	return scanStructs[T](m, rows, fields, min(limit, maxCapHint), limit)
}

// maxCapHint caps the rows a LIMIT makes room for before any is read.
const maxCapHint = 1000

// First returns the first row, or nil when there is none.
func (b *Builder[T]) First() (*T, error) {
	saved := b.limit
	b.limit = 1
	rows, err := b.Get()
	b.limit = saved
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	return &rows[0], nil
}

// Count returns how many rows match, ignoring Limit and Offset.
func (b *Builder[T]) Count() (int, error) {
	if b.err != nil {
		return 0, wrap("count", b.table, b.err)
	}
	s, err := sessionFor(b.ctx)
	if err != nil {
		return 0, err
	}
	q, args := b.render(s.db.dialect, "count")
	rows, err := s.query(b.ctx, q, args...)
	if err != nil {
		return 0, wrap("count", b.table, err)
	}
	n, err := scanInt(rows)
	return n, wrap("count", b.table, err)
}

// Exists reports whether any row matches.
func (b *Builder[T]) Exists() (bool, error) {
	if b.err != nil {
		return false, wrap("exists", b.table, b.err)
	}
	s, err := sessionFor(b.ctx)
	if err != nil {
		return false, err
	}
	q, args := b.render(s.db.dialect, "exists")
	rows, err := s.query(b.ctx, q, args...)
	if err != nil {
		return false, wrap("exists", b.table, err)
	}
	defer rows.Close()
	found := rows.Next()
	return found, wrap("exists", b.table, rows.Err())
}

// Page returns the rows of the current page and the total number of rows
// that match, as the chapter's where() and all() do. The count query is
// skipped when the page itself proves the total; Total chooses to skip the
// total (NoTotal) or to estimate it instead.
func (b *Builder[T]) Page() ([]T, int, error) {
	rows, err := b.Get()
	if err != nil {
		return nil, 0, err
	}
	total, err := b.pageTotal(len(rows))
	if err != nil {
		return nil, 0, err
	}
	return rows, total, nil
}

// totalFromPage tells the total without counting when the page is not full:
// a short page (or one with no limit) ends the result.
func totalFromPage(n, limit, offset int) (int, bool) {
	if limit == 0 && offset == 0 || n > 0 && n < limit || limit == 0 && n > 0 {
		return offset + n, true
	}
	return 0, false
}

func scanInt(rows *sql.Rows) (int, error) {
	defer rows.Close()
	var n int
	if rows.Next() {
		if err := rows.Scan(&n); err != nil {
			return 0, err
		}
	}
	return n, rows.Err()
}
