package orm

import (
	"database/sql"
	"strconv"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// TotalMode says how Page tells the total of a paged query: the total is
// often the costly part of a page (a COUNT over every matching row, where the
// page itself reads only its LIMIT).
type TotalMode uint8

const (
	// TotalExact counts the matching rows (the default). A page shorter than
	// its limit ends the result, so its total is known without a COUNT and
	// none runs; otherwise one SELECT COUNT(*) with the same conditions
	// does, which the engine answers from the smallest index it has.
	TotalExact TotalMode = iota
	// TotalNone skips the total: Page returns NoTotal and runs no COUNT.
	TotalNone
	// TotalEstimate takes the engine's own statistics of the table instead
	// of counting, when the query has no conditions: pg_class.reltuples on
	// PostgreSQL, sqlite_stat1 (written by ANALYZE or PRAGMA optimize) on
	// SQLite, information_schema.TABLES.TABLE_ROWS on MySQL. The figure is
	// approximate: it is as old as the last ANALYZE (or, on MySQL/InnoDB,
	// the last statistics update), counts soft-deleted rows too, and is at
	// least the rows the page proves exist. With conditions, or when the
	// engine has no statistics for the table yet (a table never analyzed on
	// SQLite or PostgreSQL), the rows are counted as with TotalExact.
	TotalEstimate
)

// NoTotal is the total Page returns under TotalNone.
const NoTotal = -1

// String returns the mode's name: "exact", "none" or "estimate".
func (m TotalMode) String() string {
	switch m {
	case TotalNone:
		return "none"
	case TotalEstimate:
		return "estimate"
	}
	return "exact"
}

// Total sets how Page tells the total (TotalExact by default).
func (b *Builder[T]) Total(mode TotalMode) *Builder[T] { b.total = mode; return b }

// pageTotal returns the total of a page of n rows under the builder's mode.
func (b *Builder[T]) pageTotal(n int) (int, error) {
	if b.total == TotalNone {
		return NoTotal, nil
	}
	if total, ok := totalFromPage(n, b.limit, b.offset); ok {
		return total, nil
	}
	if b.total == TotalEstimate && b.unconditioned() {
		if est, ok := b.estimate(); ok {
			return max(est, b.offset+n), nil
		}
	}
	return b.Count()
}

// unconditioned reports whether the query reads the whole table, so that a
// table-wide estimate answers it.
func (b *Builder[T]) unconditioned() bool {
	return len(b.conds) == 0 && len(b.joins) == 0 && len(b.groupBy) == 0 && len(b.having) == 0 && b.model != nil
}

// estimate reads the engine's row estimate for the builder's table; ok is
// false when there is none (the caller then counts).
func (b *Builder[T]) estimate() (int, bool) {
	s, err := sessionFor(b.ctx)
	if err != nil {
		return 0, false
	}
	q, arg := estimateSQL(s.db.dialect, b.table)
	if q == "" {
		return 0, false
	}
	rows, err := s.query(b.ctx, q, arg)
	if err != nil {
		return 0, false // SQLite without sqlite_stat1: never analyzed
	}
	defer rows.Close()
	best, found := -1.0, false
	for rows.Next() {
		var v sql.NullString
		if rows.Scan(&v) != nil || !v.Valid {
			continue
		}
		// sqlite_stat1.stat is "rows [rows-per-key...]"; the others a number.
		first, _, _ := strings.Cut(strings.TrimSpace(v.String), " ")
		n, err := strconv.ParseFloat(first, 64)
		if err != nil || n < 0 { // PostgreSQL: -1 until the first ANALYZE
			continue
		}
		best, found = max(best, n), true
	}
	if rows.Err() != nil || !found {
		return 0, false
	}
	return int(best + 0.5), true
}

// estimateSQL is the statement, with one argument, that reads an engine's
// row estimates of a table (one row per estimate; the largest is taken).
func estimateSQL(d dialect.Dialect, table string) (string, any) {
	switch d.Name() {
	case "postgres":
		// to_regclass resolves the quoted name through the search_path.
		return "SELECT CAST(reltuples AS TEXT) FROM pg_class WHERE oid = to_regclass($1)", d.Quote(table)
	case "mysql":
		return "SELECT CAST(TABLE_ROWS AS CHAR) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?", table
	case "sqlite":
		return "SELECT stat FROM sqlite_stat1 WHERE tbl = ?", table
	}
	return "", nil
}
