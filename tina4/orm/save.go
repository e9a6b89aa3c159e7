package orm

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
	"github.com/tina4stack/tina4-go/tina4/orm/dialect/feature"
)

// Save writes m: an INSERT when its primary key is the zero value (the
// generated key is filled in), else an UPDATE of every column, so that false,
// 0 and "" are saved too. An UPDATE that matches no row (or a soft-deleted
// row) returns an error matching ErrNotFound. Save does not validate: call
// Validate first, or use ValidateAndSave. To write only some columns of an
// existing row, so that concurrent writers of other columns keep their
// changes, use Update.
//
// A version column (`db:"version,version"`) is set to 1 on insert; an UPDATE
// checks it and increments it, and fails with ErrStale when the row was
// changed since m was read (see Update).
//
// On insert, fields tagged auto_now_add get the current UTC time when zero,
// fields tagged auto_now always get it (also on update), and a field with a
// default tag gets its default when it holds the zero value. A field whose
// zero value is meaningful (a bool defaulting to true) should be a pointer:
// nil takes the default, a pointer to false stays false.
func Save[T any](ctx context.Context, m *T) error {
	if p := savePlanOf(reflect.TypeFor[T]()); p != nil && m != nil {
		return saveAt(ctx, p, m) // see save_typed.go
	}
	return saveValue(ctx, m)
}

// saveValue is Save through reflect: m is a pointer to a model struct.
func saveValue(ctx context.Context, m any) error {
	meta, rv, err := modelOfValue(m)
	if err != nil {
		return err
	}
	if err := checkUints(meta, rv); err != nil {
		return wrap("save", meta.Table(), err)
	}
	if keyIsZero(meta, rv) {
		err = insert(ctx, meta, rv, false)
	} else {
		err = update(ctx, meta, rv)
	}
	if err != nil { // explainWrite looks at errors only; it costs an allocation
		return explainWrite(ctx, meta, rv, err)
	}
	return nil
}

// Create inserts m, with its primary key when one is set.
func Create[T any](ctx context.Context, m *T) error {
	meta, rv, err := modelOfValue(m)
	if err != nil {
		return err
	}
	if err := checkUints(meta, rv); err != nil {
		return wrap("save", meta.Table(), err)
	}
	return explainWrite(ctx, meta, rv, insert(ctx, meta, rv, !rv.FieldByIndex(meta.PK.Index).IsZero()))
}

// ValidateAndSave validates m and saves it when it is valid. Invalid input
// returns a *ValidationError (errors.Is(err, ErrInvalid)) and writes nothing.
func ValidateAndSave[T any](ctx context.Context, m *T) error {
	if err := Valid(m); err != nil {
		return err
	}
	return Save(ctx, m)
}

// now is the time stamped by auto_now and auto_now_add: UTC, to the
// microsecond, which every engine stores exactly. It is
// time.Now().UTC().Truncate(time.Microsecond), the same value with no
// monotonic reading, without Truncate's general division.
func now() time.Time {
	t := time.Now()
	return time.Unix(t.Unix(), int64(t.Nanosecond()/1000*1000)).UTC()
}

func insert(ctx context.Context, m *Model, rv reflect.Value, withPK bool) error {
	s, err := sessionFor(ctx)
	if err != nil {
		return err
	}
	d := s.db.dialect
	ms := sqlOf(m, d)
	stampInsert(m, rv, now())
	if keyed := withPK || !m.PK.AutoIncrement; leavesDefaults(m, rv, d, keyed) {
		return wrap("save", m.Table(), insertRows(ctx, s, m, []reflect.Value{rv}, planInsert(m, rv, d, keyed)))
	}
	query, fields := ms.insert, ms.insertFs
	if withPK || !m.PK.AutoIncrement {
		query, fields = ms.insertPK, m.Fields
	}
	b := newFieldBinder(m, rv, d) // see bind_fast.go
	args := make([]any, len(fields))
	for i, f := range fields {
		args[i] = b.bind(f)
	}
	pk := rv.FieldByIndex(m.PK.Index)
	if query == ms.insert && d.Features().Has(feature.Returning) && m.PK.AutoIncrement {
		rows, err := s.queryWriter(ctx, query, args...)
		if err != nil {
			return wrap("save", m.Table(), err)
		}
		defer rows.Close()
		if !rows.Next() {
			return wrap("save", m.Table(), fmt.Errorf("insert returned no key: %w", rows.Err()))
		}
		if err := rows.Scan(pk.Addr().Interface()); err != nil {
			return wrap("save", m.Table(), err)
		}
		bindRelations(m, rv)
		return wrap("save", m.Table(), rows.Close())
	}
	res, err := s.execBound(ctx, query, args, b.raw)
	if err != nil {
		return wrap("save", m.Table(), err)
	}
	if query == ms.insertPK && m.PK.AutoIncrement {
		if syncer, ok := d.(dialect.SequenceSyncer); ok && d.Features().Has(feature.SequenceSync) {
			if _, err := s.exec(ctx, d.Rebind(syncer.SyncSequence(m.Table(), m.PK.Column)), args[pkArg(fields, m.PK)]); err != nil {
				return wrap("save", m.Table(), err)
			}
		}
	}
	if query == ms.insert && m.PK.AutoIncrement {
		id, err := res.LastInsertId()
		if err != nil {
			return wrap("save", m.Table(), err)
		}
		setInt(pk, id)
	}
	bindRelations(m, rv)
	return nil
}

func update(ctx context.Context, m *Model, rv reflect.Value) error {
	s, err := sessionFor(ctx)
	if err != nil {
		return err
	}
	d := s.db.dialect
	ms := sqlOf(m, d)
	if ms.update == "" {
		return nil // nothing but the key: nothing to write
	}
	return runUpdate(ctx, s, m, rv, ms.update, ms.updateFs, "save")
}

// setTime stores t in v, a time.Time, *time.Time or sql.NullTime field.
func setTime(v reflect.Value, t time.Time) {
	switch p := v.Addr().Interface().(type) {
	case *time.Time:
		*p = t
	case **time.Time:
		tp := t // a copy on the heap here only: t itself does not escape
		*p = &tp
	case *sql.NullTime:
		*p = nullTime(t)
	default: // a type defined on one of them
		switch {
		case v.Kind() == reflect.Pointer:
			tp := t
			v.Set(reflect.ValueOf(&tp).Convert(v.Type()))
		case v.Type().ConvertibleTo(reflect.TypeFor[time.Time]()):
			v.Set(reflect.ValueOf(t).Convert(v.Type()))
		default:
			v.Set(reflect.ValueOf(nullTime(t)).Convert(v.Type()))
		}
	}
}

func setInt(v reflect.Value, n int64) {
	if v.CanInt() {
		v.SetInt(n)
	} else if v.CanUint() {
		v.SetUint(uint64(n))
	}
}

// pkArg returns the position of the primary key among the inserted fields.
func pkArg(fields []*Field, pk *Field) int {
	for i, f := range fields {
		if f == pk {
			return i
		}
	}
	return 0
}
