package orm

import (
	"context"
	"reflect"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// maxRowsPerInsert caps the rows of one multi-row INSERT, whatever the
// bound-parameter limit allows, so that one statement stays a sensible size.
const maxRowsPerInsert = 5000

// maxParams returns the most bound parameters engine d accepts in one
// statement: SQLite 32766 (SQLITE_MAX_VARIABLE_NUMBER), PostgreSQL and
// MySQL/MariaDB 65535.
func maxParams(d dialect.Dialect) int {
	if d.Name() == "sqlite" {
		return 32766
	}
	return 65535
}

// InsertMany inserts rows with multi-row INSERT statements, each under the
// engine's bound-parameter limit (SQLite 32766, PostgreSQL and MySQL 65535), in one transaction: the
// caller's when ctx carries one, else its own, so either every row is
// inserted or none is. Like Save, it stamps auto_now and auto_now_add
// fields and applies default tags; it fills the generated primary keys and
// the database defaults of the columns it leaves out (see insertPlan) back
// into the slice. Rows whose key is set are inserted with it, as Create does.
//
// Keys come back with RETURNING on PostgreSQL and SQLite. On MySQL/MariaDB
// the first key is LAST_INSERT_ID() and the others follow it by
// auto_increment_increment, which holds when innodb_autoinc_lock_mode is 0
// or 1 (MariaDB's default); under mode 2 (MySQL 8's default, "interleaved")
// keys may have gaps, and InsertMany inserts one row per statement instead,
// still in one transaction. InsertMany does not validate: call Valid on the
// rows first if they come from outside.
func InsertMany[T any](ctx context.Context, rows []T) error {
	m, err := ModelOf[T]()
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return nil
	}
	return Transaction(ctx, func(ctx context.Context) error {
		s, err := sessionFor(ctx)
		if err != nil {
			return err
		}
		return wrap("insert", m.Table(), insertMany(ctx, s, m, reflect.ValueOf(rows)))
	})
}

func insertMany(ctx context.Context, s session, m *Model, rows reflect.Value) error {
	d := s.db.dialect
	stamp := now()
	type group struct {
		plan insertPlan
		rows []reflect.Value
	}
	var groups []*group
	byKey := map[string]*group{}
	var full [2]*group // the rows that bind every column, by whether they bind the key
	for i := 0; i < rows.Len(); i++ {
		rv := rows.Index(i)
		if err := checkUintFields(m, rv); err != nil {
			return err
		}
		stampInsert(m, rv, stamp)
		withPK := !m.PK.AutoIncrement || !rv.FieldByIndex(m.PK.Index).IsZero()
		var g *group
		if !leavesDefaults(m, rv, d, withPK) {
			k := 0
			if withPK {
				k = 1
			}
			if full[k] == nil {
				full[k] = &group{plan: planInsert(m, rv, d, withPK)}
				groups = append(groups, full[k])
			}
			g = full[k]
		} else {
			p := planInsert(m, rv, d, withPK)
			if g = byKey[p.key()]; g == nil {
				g = &group{plan: p}
				byKey[p.key()] = g
				groups = append(groups, g)
			}
		}
		g.rows = append(g.rows, rv)
	}
	for _, g := range groups {
		per := maxRowsPerInsert
		if n := len(g.plan.fields); n > 0 {
			per = min(per, maxParams(d)/n)
		}
		if g.plan.autoKey && !canReturn(d) {
			ai, err := mysqlAutoIncOf(ctx, s)
			if err != nil {
				return err
			}
			if !ai.consecutive {
				per = 1
			}
		}
		for start := 0; start < len(g.rows); start += per {
			if err := insertRows(ctx, s, m, g.rows[start:min(start+per, len(g.rows))], g.plan); err != nil {
				return err
			}
		}
	}
	return nil
}

// stampInsert sets the version column to 1 and applies auto_now,
// auto_now_add and default tags to a row about to be inserted (Save and
// InsertMany).
func stampInsert(m *Model, rv reflect.Value, stamp time.Time) {
	stampVersion(m, rv)
	stampFields(m, rv, stamp) // see bind_fast.go
}
