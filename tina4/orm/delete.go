package orm

import (
	"context"
	"database/sql"
	"reflect"
	"time"
)

// Delete removes m. For a model with soft delete it sets deleted_at to the
// current UTC time instead, and the finders skip the row from then on. A
// row that does not exist, or is already soft-deleted, gives ErrNotFound.
// For a model with a version column, Delete, ForceDelete and Restore write
// only while the row's version equals m's, and give ErrStale otherwise (see
// Update); a soft delete and a restore increment the version.
func Delete[T any](ctx context.Context, m *T) error {
	meta, rv, err := modelOfValue(m)
	if err != nil {
		return err
	}
	if meta.SoftDelete == nil {
		return forceDelete(ctx, meta, rv)
	}
	stamp := now()
	err = softDeleteSet(ctx, meta, rv, "delete", &stamp)
	if err == nil {
		setTime(rv.FieldByIndex(meta.SoftDelete.Index), stamp)
	}
	return err
}

// ForceDelete removes m's row for good, soft delete or not.
func ForceDelete[T any](ctx context.Context, m *T) error {
	meta, rv, err := modelOfValue(m)
	if err != nil {
		return err
	}
	return forceDelete(ctx, meta, rv)
}

// Restore clears deleted_at on a soft-deleted m, so the finders see it again.
func Restore[T any](ctx context.Context, m *T) error {
	meta, rv, err := modelOfValue(m)
	if err != nil {
		return err
	}
	if meta.SoftDelete == nil {
		return wrap("restore", meta.Table(), invalidf("orm: model %s has no soft delete", meta.Name))
	}
	if err := softDeleteSet(ctx, meta, rv, "restore", nil); err != nil {
		return err
	}
	rv.FieldByIndex(meta.SoftDelete.Index).SetZero()
	return nil
}

func forceDelete(ctx context.Context, m *Model, rv reflect.Value) error {
	s, err := sessionFor(ctx)
	if err != nil {
		return err
	}
	d := s.db.dialect
	q := "DELETE FROM " + d.Quote(m.Table()) + " WHERE " + d.Quote(m.PK.Column) + " = " + d.Placeholder(1)
	args := []any{m.PK.Bind(rv.FieldByIndex(m.PK.Index), d)}
	if cond, v := versionWhere(s, m, rv, 2); cond != "" {
		q += cond
		args = append(args, v)
	}
	return explainDelete(ctx, m, rv, checkWrite(ctx, s, m, rv, "", "delete")(s.exec(ctx, q, args...)))
}

// softDeleteSet sets deleted_at to *at (delete) or NULL (restore), and
// increments the version column, if any.
func softDeleteSet(ctx context.Context, m *Model, rv reflect.Value, op string, at *time.Time) error {
	s, err := sessionFor(ctx)
	if err != nil {
		return err
	}
	d := s.db.dialect
	col := d.Quote(m.SoftDelete.Column)
	var val any
	cond := col + " IS NOT NULL"
	if at != nil {
		val, cond = d.BindTime(*at), col+" IS NULL"
	}
	set := col + " = " + d.Placeholder(1)
	if m.Version != nil {
		v := d.Quote(m.Version.Column)
		set += ", " + v + " = " + v + " + 1"
	}
	q := "UPDATE " + d.Quote(m.Table()) + " SET " + set +
		" WHERE " + d.Quote(m.PK.Column) + " = " + d.Placeholder(2) + " AND " + cond
	args := []any{val, m.PK.Bind(rv.FieldByIndex(m.PK.Index), d)}
	if vc, v := versionWhere(s, m, rv, 3); vc != "" {
		q += vc
		args = append(args, v)
	}
	if err := checkWrite(ctx, s, m, rv, cond, op)(s.exec(ctx, q, args...)); err != nil {
		return err
	}
	bumpVersion(m, rv)
	return nil
}

// checkWrite turns the result of a write to the row rv into an error: when
// no row was touched, ErrNotFound, or ErrStale when the row is there (and
// meets cond) with another version.
func checkWrite(ctx context.Context, s session, m *Model, rv reflect.Value, cond, op string) func(sql.Result, error) error {
	return func(res sql.Result, err error) error {
		if err != nil {
			return wrap(op, m.Table(), err)
		}
		if n, err := res.RowsAffected(); err == nil && n == 0 {
			return wrap(op, m.Table(), missingOrStale(ctx, s, m, rv, cond))
		}
		return nil
	}
}

func nullTime(t time.Time) sql.NullTime { return sql.NullTime{Time: t, Valid: true} }
