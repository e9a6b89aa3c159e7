package orm

import (
	"context"
	"reflect"
	"strings"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// Update writes only the named columns of m's existing row, plus its auto_now
// columns (stamped with the current time) and its version column (see
// below), in one UPDATE: columns it does not name keep whatever the row holds
// now, so two callers updating different columns of one row at the same time
// both keep their change, which Save (every column) cannot promise. fields
// are column names or Go field names; none at all writes only the automatic
// columns. Naming the primary key, the version column, an auto_now_add
// column, the soft-delete column or a column the model does not have is an
// error matching ErrInvalid, and nothing is written.
//
// A row that does not exist, or is soft-deleted, gives ErrNotFound. Update
// does not validate m (call Valid first) and does not read the row back:
// the other fields of m keep the values they had.
//
// A model with a version column (`db:"version,version"`, an integer) is
// updated only while the row's version still equals m's: the UPDATE sets
// version = version + 1 WHERE ... AND version = m's version, and m's version
// is incremented on success. When the row was changed since m was read (its
// version moved on), Update writes nothing and returns an error matching
// ErrStale, of kind errkind.Conflict. Save checks and increments the version
// the same way.
func Update[T any](ctx context.Context, m *T, fields ...string) error {
	meta, rv, err := modelOfValue(m)
	if err != nil {
		return err
	}
	return explainWrite(ctx, meta, rv, updateFields(ctx, meta, rv, fields))
}

// updateFields runs Update for the model value rv.
func updateFields(ctx context.Context, m *Model, rv reflect.Value, names []string) error {
	picked, err := pickUpdated(m, rv, names)
	if err != nil {
		return err
	}
	s, err := sessionFor(ctx)
	if err != nil {
		return err
	}
	d := s.db.dialect
	ms := sqlOf(m, d)
	query, fs := updateSQL(m, d, ms.table, ms.notDeleted != "", picked, false)
	return runUpdate(ctx, s, m, rv, query, fs, "update")
}

// pickUpdated returns the fields of m that Update writes for the column
// names, refusing unknown columns and those the ORM owns (the key, the
// version, auto_now_add, soft delete), and checks rv's unsigned values.
func pickUpdated(m *Model, rv reflect.Value, names []string) ([]*Field, error) {
	picked := make([]*Field, 0, len(names))
	for _, name := range names {
		f := m.Field(name)
		switch {
		case f == nil:
			return nil, wrap("update", m.Table(), invalidf("orm: model %s has no column %q", m.Name, name))
		case f.PrimaryKey || f.Version || f.AutoNowAdd || f.IsSoftDelete():
			return nil, wrap("update", m.Table(), invalidf("orm: column %q of model %s is not updated by Update", f.Column, m.Name))
		}
		picked = append(picked, f)
	}
	if err := checkUints(m, rv); err != nil {
		return nil, wrap("update", m.Table(), err)
	}
	return picked, nil
}

// updateSQL renders the UPDATE of one row of m: SET the columns of fields
// (every column Save writes when all is set) and the auto_now columns, the
// version column incremented, WHERE the key, the row not soft-deleted when
// notDeleted, and the version when m has one. It returns the statement and
// the fields it binds before the key (then come the key and the version). It
// returns "" when all is set and there is nothing to write; with all unset and
// nothing to write it sets the key to itself, so the row is still found and
// locked. The columns are in field order, so one set of columns always gives
// the same text (and one prepared statement).
func updateSQL(m *Model, d dialect.Dialect, table string, notDeleted bool, fields []*Field, all bool) (string, []*Field) {
	want := make(map[*Field]bool, len(fields))
	for _, f := range fields {
		want[f] = true
	}
	var (
		sets []string
		fs   []*Field
	)
	for _, f := range m.Fields {
		if f.PrimaryKey || f.AutoNowAdd || f.IsSoftDelete() || f.Version || !all && !f.AutoNow && !want[f] {
			continue
		}
		fs = append(fs, f)
		sets = append(sets, d.Quote(f.Column)+" = "+d.Placeholder(len(fs)))
	}
	if m.Version != nil {
		v := d.Quote(m.Version.Column)
		sets = append(sets, v+" = "+v+" + 1")
	}
	if len(sets) == 0 {
		if all {
			return "", nil // nothing but the key: nothing to write
		}
		pk := d.Quote(m.PK.Column)
		sets = append(sets, pk+" = "+pk)
	}
	where := " WHERE " + d.Quote(m.PK.Column) + " = " + d.Placeholder(len(fs)+1)
	if notDeleted {
		where += " AND " + d.Quote(m.SoftDelete.Column) + " IS NULL"
	}
	if m.Version != nil {
		where += " AND " + d.Quote(m.Version.Column) + " = " + d.Placeholder(len(fs)+2)
	}
	return "UPDATE " + table + " SET " + strings.Join(sets, ", ") + where, fs
}

// runUpdate runs an UPDATE made by updateSQL for the row rv: it stamps the
// auto_now fields, binds fs, the key and the version, and then increments
// the version of rv. No row touched is ErrNotFound, or ErrStale when the row
// is there with another version.
func runUpdate(ctx context.Context, s session, m *Model, rv reflect.Value, query string, fs []*Field, op string) error {
	d := s.db.dialect
	b := newFieldBinder(m, rv, d) // see bind_fast.go
	var stamp time.Time
	for _, f := range fs {
		if f.AutoNow {
			if stamp.IsZero() {
				stamp = now()
			}
			setTime(rv.FieldByIndex(f.Index), stamp)
		}
	}
	pooled := getArgs() // see args_pool.go
	args := *pooled
	for _, f := range fs {
		args = append(args, b.bind(f))
	}
	args = append(args, b.bind(m.PK))
	if m.Version != nil {
		args = append(args, b.bind(m.Version))
	}
	res, err := s.execBound(ctx, query, args, b.raw)
	putArgs(pooled, args)
	if err != nil {
		return wrap(op, m.Table(), err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return wrap(op, m.Table(), missingOrStale(ctx, s, m, rv, sqlOf(m, d).notDeleted))
	}
	bumpVersion(m, rv)
	return nil
}
