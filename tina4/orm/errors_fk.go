package orm

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/orm/schema"
)

// This file names what blocks a write that broke a foreign key. The drivers
// do not say it in a form a client may see (SQLite does not say it at all),
// so after the failure the ORM asks the database, using the model's
// relation metadata: which parent of the written row is missing, which
// child table still references the deleted row. When it cannot tell (a
// table no model describes, an aborted transaction), the message stays the
// generic one.

// fkConflict returns the foreign-key *ConstraintError in err's chain, or nil.
func fkConflict(err error) *ConstraintError {
	var ce *ConstraintError
	if errors.As(err, &ce) && ce.Constraint == "foreign key" && ce.Detail == "" {
		return ce
	}
	return nil
}

// fkTarget returns the table and column the foreign-key column f points
// to, and the noun a message uses for a row of it: the relation's name
// ("author"), else the column without its _id suffix, else the table.
func fkTarget(f *Field) (table, column, noun string, ok bool) {
	switch {
	case f.Relation() != nil:
		t, err := f.Relation().Target()
		if err != nil {
			return "", "", "", false
		}
		return t.Table(), t.PK.Column, f.Relation().Name, true
	case f.References != "":
		table, column, _ = strings.Cut(f.References, ".")
		noun = table
		if n, cut := strings.CutSuffix(f.Column, "_id"); cut && n != "" {
			noun = n
		}
		return table, column, noun, true
	}
	return "", "", "", false
}

// explainWrite names the missing parent when inserting or updating rv (a
// row of m) broke a foreign key: "author_id: no author with id 99".
func explainWrite(ctx context.Context, m *Model, rv reflect.Value, err error) error {
	ce := fkConflict(err)
	if ce == nil {
		return err
	}
	s, serr := explainSession(ctx)
	if serr != nil {
		return err
	}
	d := s.db.dialect
	for _, f := range m.Fields {
		table, col, noun, ok := fkTarget(f)
		if !ok {
			continue
		}
		val := f.Bind(rv.FieldByIndex(f.Index), d)
		if isNullArg(val) {
			continue
		}
		n, qerr := countWhere(ctx, s, table, d.Quote(col)+" = "+d.Placeholder(1), val)
		if qerr != nil {
			return err
		}
		if n == 0 {
			ce.Detail = fmt.Sprintf("%s: no %s with %s %v", f.Column, noun, col, val)
			return err
		}
	}
	return err
}

// explainDelete names the child table that still references rv (a row of
// m) when deleting it broke a foreign key: "authors 1 is still referenced
// by posts", or "... by soft-deleted rows of posts" when only rows the
// finders no longer show hold the key.
func explainDelete(ctx context.Context, m *Model, rv reflect.Value, err error) error {
	ce := fkConflict(err)
	if ce == nil {
		return err
	}
	s, serr := explainSession(ctx)
	if serr != nil {
		return err
	}
	d := s.db.dialect
	id := m.PK.Bind(rv.FieldByIndex(m.PK.Index), d)
	for _, c := range knownModels() {
		for _, f := range c.Fields {
			table, col, _, ok := fkTarget(f)
			if !ok || table != m.Table() || f.OnDelete == "CASCADE" || f.OnDelete == "SET NULL" {
				continue
			}
			pf := m.Field(col)
			if pf == nil || pf.Column != col {
				continue
			}
			key := pf.Bind(rv.FieldByIndex(pf.Index), d)
			cond := d.Quote(f.Column) + " = " + d.Placeholder(1)
			n, qerr := countWhere(ctx, s, c.Table(), cond, key)
			if qerr != nil {
				return err
			}
			if n == 0 {
				continue
			}
			ce.Detail = fmt.Sprintf("%s %v is still referenced by %s", m.Table(), id, c.Table())
			if c.SoftDelete != nil {
				live, qerr := countWhere(ctx, s, c.Table(), cond+" AND "+d.Quote(c.SoftDelete.Column)+" IS NULL", key)
				if qerr == nil && live == 0 {
					ce.Detail = fmt.Sprintf("%s %v is still referenced by soft-deleted rows of %s", m.Table(), id, c.Table())
				}
			}
			return err
		}
	}
	return err
}

// explainSession is the session the questions run on: the caller's, but
// outside the transaction on PostgreSQL, where a failed statement aborts
// the transaction and every later one in it fails. (Elsewhere the
// transaction still answers; SQLite's single writer connection is the
// transaction's, so it must.) Outside the transaction, rows the
// transaction wrote are not seen: then the message may stay generic.
func explainSession(ctx context.Context) (session, error) {
	s, err := sessionFor(ctx)
	if err != nil || !s.inTx || s.db.dialect.Name() != "postgres" {
		return s, err
	}
	return session{db: s.db, writer: s.db.writer, reader: s.db.reader, wstmts: s.db.wstmts, rstmts: s.db.rstmts}, nil
}

// knownModels returns every model whose metadata has been read, registered
// or not, ordered by table name.
func knownModels() []*Model {
	out := schema.Default.Known()
	slices.SortFunc(out, func(a, b *Model) int { return strings.Compare(a.Table(), b.Table()) })
	return out
}

// countWhere counts the rows of table matching cond, on the writer (or the
// transaction), so that it sees what the failed statement saw.
func countWhere(ctx context.Context, s session, table, cond string, args ...any) (int64, error) {
	q := "SELECT COUNT(*) FROM " + s.db.dialect.Quote(table) + " WHERE " + cond
	rows, err := s.queryWith(ctx, s.writer, nil, q, args)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int64
	if rows.Next() {
		if err := rows.Scan(&n); err != nil {
			return 0, err
		}
	}
	return n, rows.Err()
}

// isNullArg reports whether a bound argument is SQL NULL.
func isNullArg(v any) bool {
	if v == nil {
		return true
	}
	if dv, ok := v.(driver.Valuer); ok {
		val, err := dv.Value()
		return err == nil && val == nil
	}
	return false
}
