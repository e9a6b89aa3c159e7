package orm

import (
	"strings"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// SQL returns the SELECT that Get would run, with the dialect's placeholders,
// and its arguments. It needs the database of the builder's context for the
// dialect; without one it renders SQLite's.
func (b *Builder[T]) SQL() (string, []any) {
	return b.render(b.dialect(), "select")
}

func (b *Builder[T]) dialect() dialect.Dialect {
	if s, err := sessionFor(b.ctx); err == nil {
		return s.db.dialect
	}
	return dialect.SQLite{}
}

func (b *Builder[T]) qualified(col string) string {
	d := b.dialect()
	return d.Quote(b.table) + "." + d.Quote(col)
}

// render builds the statement for kind "select", "count" or "exists".
func (b *Builder[T]) render(d dialect.Dialect, kind string) (string, []any) {
	var sb strings.Builder
	var args []any
	sb.WriteString("SELECT ")
	switch {
	case kind == "count" && len(b.groupBy) == 0:
		sb.WriteString("COUNT(*)")
	case kind == "exists":
		sb.WriteString("1")
	case len(b.cols) > 0:
		sb.WriteString(strings.Join(b.cols, ", "))
	case b.model != nil:
		sb.WriteString(sqlFor(b.model, d).selectList)
		if kind == "select" {
			sb.WriteString(b.selectedColumns(d))
		}
	default:
		sb.WriteString("*")
	}
	sb.WriteString(" FROM ")
	sb.WriteString(d.Quote(b.table))
	sb.WriteString(b.joinSQL(d))
	for _, j := range b.joins {
		sb.WriteByte(' ')
		sb.WriteString(j)
	}
	var where []string
	if b.model != nil && b.model.SoftDelete != nil && !b.trashed {
		where = append(where, sqlFor(b.model, d).notDeleted)
	}
	if len(b.conds) > 0 {
		var user strings.Builder
		for i, c := range b.conds {
			if i > 0 {
				if c.or {
					user.WriteString(" OR ")
				} else {
					user.WriteString(" AND ")
				}
			}
			user.WriteString("(" + c.sql + ")")
			args = append(args, c.args...)
		}
		where = append(where, "("+user.String()+")")
	}
	if len(where) > 0 {
		sb.WriteString(" WHERE ")
		sb.WriteString(strings.Join(where, " AND "))
	}
	if len(b.groupBy) > 0 {
		sb.WriteString(" GROUP BY " + strings.Join(b.groupBy, ", "))
	}
	for i, h := range b.having {
		if i == 0 {
			sb.WriteString(" HAVING ")
		} else {
			sb.WriteString(" AND ")
		}
		sb.WriteString("(" + h.sql + ")")
		args = append(args, h.args...)
	}
	q := sb.String()
	switch kind {
	case "count":
		if len(b.groupBy) > 0 {
			q = "SELECT COUNT(*) FROM (" + q + ") AS " + d.Quote("t")
		}
	case "exists":
		q += d.Limit(1, 0)
	default:
		if len(b.order) > 0 {
			q += " ORDER BY " + strings.Join(b.order, ", ")
		}
		q += d.Limit(b.limit, b.offset)
	}
	return d.Rebind(q), args
}
