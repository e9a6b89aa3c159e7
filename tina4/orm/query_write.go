package orm

import (
	"database/sql"
	"fmt"
	"reflect"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
	"github.com/tina4stack/tina4-go/tina4/orm/dialect/feature"
)

// Bulk writes on a builder: Update, Delete and ForceDelete change the rows
// the builder selects, in one statement, and return how many rows they
// changed. The rules:
//
//   - Every condition applies: Where, OrWhere, Filter, FilterText, Exclude,
//     scopes, and filters that traverse foreign keys ("author__name"), which
//     become a subquery on the primary key (on MySQL/MariaDB wrapped in a
//     derived table, since they cannot select from the table they change).
//   - Order, limit and offset are refused (ErrInvalid): a bulk write changes
//     every selected row, never a page of them. Raw Join, LeftJoin, GroupBy
//     and Having are refused too (use traversal filters); Select, Include and
//     SelectRelated are ignored.
//   - Soft-deleted rows are left alone unless WithTrashed is called, as in
//     reads. Delete on a soft-delete model stamps deleted_at on the selected
//     rows that are not trashed yet (a trashed row keeps its stamp);
//     ForceDelete removes the rows.
//   - A builder with no condition changes every row of the table.

// Update sets columns on every row the builder selects and returns how many
// rows it changed. The keys of values are field or column names, checked as
// Filter checks them (a hidden or unknown field, or the primary key, is an
// ErrInvalid error); a foreign key may be named by its relation ("author").
// Each value is converted to the field's type (ErrInvalid when it does not
// convert) and bound. Fields tagged auto_now are set to the current time
// unless values names them.
func (b *Builder[T]) Update(values map[string]any) (int64, error) {
	if err := b.writable(); err != nil {
		return 0, wrap("update", b.table, err)
	}
	if len(values) == 0 {
		return 0, wrap("update", b.table, invalidf("orm: update needs at least one value"))
	}
	s, err := sessionFor(b.ctx)
	if err != nil {
		return 0, err
	}
	d := s.db.dialect
	sets, args, err := b.updateSets(d, values)
	if err != nil {
		return 0, wrap("update", b.table, err)
	}
	where, wargs := b.writeWhere(d, !b.trashed)
	q := "UPDATE " + d.Quote(b.table) + " SET " + sets + where
	return affected(s.execDirect(b.ctx, d.Rebind(q), append(args, wargs...)...))("update", b.table)
}

// Delete removes the rows the builder selects and returns how many it
// removed; on a soft-delete model it stamps their deleted_at instead (see
// the rules above).
func (b *Builder[T]) Delete() (int64, error) {
	if b.model != nil && b.model.SoftDelete != nil {
		return b.softDelete()
	}
	return b.ForceDelete()
}

// ForceDelete removes the rows the builder selects for good, soft delete or
// not, and returns how many it removed. Trashed rows are among them only
// with WithTrashed.
func (b *Builder[T]) ForceDelete() (int64, error) {
	if err := b.writable(); err != nil {
		return 0, wrap("delete", b.table, err)
	}
	s, err := sessionFor(b.ctx)
	if err != nil {
		return 0, err
	}
	d := s.db.dialect
	where, args := b.writeWhere(d, !b.trashed)
	q := "DELETE FROM " + d.Quote(b.table) + where
	return affected(s.execDirect(b.ctx, d.Rebind(q), args...))("delete", b.table)
}

func (b *Builder[T]) softDelete() (int64, error) {
	if err := b.writable(); err != nil {
		return 0, wrap("delete", b.table, err)
	}
	s, err := sessionFor(b.ctx)
	if err != nil {
		return 0, err
	}
	d := s.db.dialect
	where, args := b.writeWhere(d, true)
	q := "UPDATE " + d.Quote(b.table) + " SET " + strings.Join(append([]string{d.Quote(b.model.SoftDelete.Column) + " = ?"}, versionBump(b.model, d)...), ", ") + where
	return affected(s.execDirect(b.ctx, d.Rebind(q), append([]any{d.BindTime(now())}, args...)...))("delete", b.table)
}

// writable refuses the builders a bulk write cannot honour.
func (b *Builder[T]) writable() error {
	switch {
	case b.err != nil:
		return b.err
	case b.model == nil:
		return invalidf("orm: bulk writes need a model, not the table %s", b.table)
	case len(b.order) > 0 || b.limit > 0 || b.offset > 0:
		return invalidf("orm: order, limit and offset do not apply to a bulk write on %s: it changes every selected row", b.table)
	case len(b.joins) > 0 || len(b.groupBy) > 0 || len(b.having) > 0:
		return invalidf("orm: joins, group by and having do not apply to a bulk write on %s: filter across foreign keys instead", b.table)
	}
	return nil
}

// updateSets renders "col = ?, ..." for values (in column order, so the
// statement text is stable) and the auto_now columns.
func (b *Builder[T]) updateSets(d dialect.Dialect, values map[string]any) (string, []any, error) {
	m := b.model
	byField := make(map[*Field]any, len(values))
	for name, v := range values {
		f := m.Field(name)
		if f == nil || f.Hidden {
			if r := m.Relation(name); r != nil && r.Kind == RelBelongsTo {
				f = r.Key
			} else {
				return "", nil, invalidf("orm: %s has no field %q", m.Name, name)
			}
		}
		switch {
		case f.PrimaryKey:
			return "", nil, invalidf("orm: the primary key %s of %s cannot be changed by a bulk update", f.Column, m.Name)
		case f.Version, f.AutoNowAdd, f.IsSoftDelete():
			return "", nil, invalidf("orm: column %q of model %s is not updated by Update", f.Column, m.Name)
		}
		if _, dup := byField[f]; dup {
			return "", nil, invalidf("orm: %s is set twice", f.Column)
		}
		arg, err := bindAs(f, v, d)
		if err != nil {
			return "", nil, invalidf("orm: %s.%s: %v", m.Name, f.Column, err)
		}
		byField[f] = arg
	}
	stamp := now()
	for _, f := range m.Fields {
		if _, set := byField[f]; !set && f.AutoNow {
			byField[f] = d.BindTime(stamp)
		}
	}
	sets := make([]string, 0, len(byField)+1)
	args := make([]any, 0, len(byField))
	for _, f := range m.Fields { // in column order, so the statement text is stable
		if arg, set := byField[f]; set {
			sets = append(sets, d.Quote(f.Column)+" = ?")
			args = append(args, arg)
		}
	}
	return strings.Join(append(sets, versionBump(m, d)...), ", "), args, nil
}

// versionBump is the SET term that moves the version column of m on by one
// (none without one), so a copy read before a bulk write is stale for Save.
func versionBump(m *Model, d dialect.Dialect) []string {
	if m.Version == nil {
		return nil
	}
	c := d.Quote(m.Version.Column)
	return []string{c + " = " + c + " + 1"}
}

// bindAs converts v to field f's type and returns the value to bind: nil
// binds NULL (refused for a column that cannot hold it), a value of the
// field's type binds as Save binds it, and anything else converts as a
// driver value would scan into the field ("12" into an int, 3 into a
// float); a value that does not convert is an error.
func bindAs(f *Field, v any, d dialect.Dialect) (any, error) {
	if v == nil {
		if !f.Nullable && f.Codec() != codecKey {
			return nil, fmt.Errorf("cannot be NULL")
		}
		return nil, nil
	}
	if err := checkUintArg("value", v); err != nil {
		return nil, err
	}
	fv := reflect.New(f.Type).Elem()
	rv := reflect.ValueOf(v)
	switch {
	case rv.Type() == f.Type:
		fv.Set(rv)
	case fv.Kind() == reflect.Pointer && rv.Type() == f.Type.Elem():
		p := reflect.New(rv.Type())
		p.Elem().Set(rv)
		fv.Set(p)
	case rv.Kind() == reflect.Slice && rv.Type() != bytesType,
		rv.Kind() == reflect.Map, rv.Kind() == reflect.Struct && rv.Type() != timeType:
		return nil, fmt.Errorf("cannot store a %T", v)
	default:
		if rv.Kind() == reflect.Pointer {
			if rv.IsNil() {
				return bindAs(f, nil, d)
			}
			return bindAs(f, rv.Elem().Interface(), d)
		}
		if err := f.Scan(fv, v); err != nil {
			return nil, err
		}
	}
	return f.Bind(fv, d), nil
}

// writeWhere renders the WHERE clause of a bulk write: the builder's
// conditions, and the soft-delete condition when live is set. Traversal
// joins turn the conditions into a subquery on the primary key.
func (b *Builder[T]) writeWhere(d dialect.Dialect, live bool) (string, []any) {
	var where []string
	if live && b.model.SoftDelete != nil {
		where = append(where, sqlFor(b.model, d).notDeleted)
	}
	user, args := condsSQL(b.conds)
	if user != "" {
		where = append(where, user)
	}
	if len(where) == 0 {
		return "", nil
	}
	cond := strings.Join(where, " AND ")
	if len(b.joinPaths) == 0 {
		return " WHERE " + cond, args
	}
	pk := d.Quote(b.table) + "." + d.Quote(b.model.PK.Column)
	sub := "SELECT " + pk + " FROM " + d.Quote(b.table) + b.joinSQL(d) + " WHERE " + cond
	if !d.Features().Has(feature.UpdateSelfSubquery) {
		// MySQL and MariaDB refuse a subquery on the table being changed
		// (error 1093) unless it is a materialized derived table; DISTINCT
		// keeps the optimizer from merging it back.
		sub = "SELECT " + d.Quote("k") + " FROM (SELECT DISTINCT " + pk + " AS " + d.Quote("k") +
			" FROM " + d.Quote(b.table) + b.joinSQL(d) + " WHERE " + cond + ") AS " + d.Quote("w")
	}
	return " WHERE " + d.Quote(b.model.PK.Column) + " IN (" + sub + ")", args
}

// condsSQL joins the builder's conditions with AND and OR, in parentheses.
func condsSQL(conds []cond) (string, []any) {
	if len(conds) == 0 {
		return "", nil
	}
	var sb strings.Builder
	var args []any
	for i, c := range conds {
		if i > 0 {
			if c.or {
				sb.WriteString(" OR ")
			} else {
				sb.WriteString(" AND ")
			}
		}
		sb.WriteString("(" + c.sql + ")")
		args = append(args, c.args...)
	}
	return "(" + sb.String() + ")", args
}

// affected returns the rows an exec changed.
func affected(res sql.Result, err error) func(op, table string) (int64, error) {
	return func(op, table string) (int64, error) {
		if err != nil {
			return 0, wrap(op, table, err)
		}
		n, err := res.RowsAffected()
		return n, wrap(op, table, err)
	}
}
