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
	err = checkAffected(s.exec(ctx, q, m.PK.bind(rv.FieldByIndex(m.PK.Index), d)))("delete", m.Table())
	return explainDelete(ctx, m, rv, err)
}

// softDeleteSet sets deleted_at to *at (delete) or NULL (restore).
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
	q := "UPDATE " + d.Quote(m.Table()) + " SET " + col + " = " + d.Placeholder(1) +
		" WHERE " + d.Quote(m.PK.Column) + " = " + d.Placeholder(2) + " AND " + cond
	return checkAffected(s.exec(ctx, q, val, m.PK.bind(rv.FieldByIndex(m.PK.Index), d)))(op, m.Table())
}

// checkAffected turns an exec result into an error: ErrNotFound when no row
// was touched.
func checkAffected(res sql.Result, err error) func(op, table string) error {
	return func(op, table string) error {
		if err != nil {
			return wrap(op, table, err)
		}
		if n, err := res.RowsAffected(); err == nil && n == 0 {
			return wrap(op, table, ErrNotFound)
		}
		return nil
	}
}

func nullTime(t time.Time) sql.NullTime { return sql.NullTime{Time: t, Valid: true} }
