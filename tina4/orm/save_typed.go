package orm

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"unsafe"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect/feature"
)

// The typed Save (see save_plan.go): insert and update of the row at base,
// a struct of p's model, as insert and runUpdate do through reflect.

// savedArgs is the size of the array on its stack the typed Save binds its
// arguments into (execWith keeps none of them); a model with more columns
// binds into a slice made for the call.
const savedArgs = 16

// insertAt inserts the row at base, whose key is zero: with its key when
// the key is not generated.
func (p *savePlan) insertAt(ctx context.Context, base unsafe.Pointer) error {
	m := p.m
	s, err := sessionFor(ctx)
	if err != nil {
		return err
	}
	d := s.db.dialect
	ss := p.sqlFor(d)
	p.stampInsert(base)
	query, ops := ss.ms.insert, ss.ins
	if !m.PK.AutoIncrement {
		query, ops = ss.ms.insertPK, ss.insPK
	}
	var buf [savedArgs]any // see exec.go
	args := buf[:0]
	if len(ops) > len(buf) {
		args = make([]any, len(ops))
	}
	raw := bindOps(args, ops, base, d)
	if m.PK.AutoIncrement && d.Features().Has(feature.Returning) {
		return p.insertReturning(ctx, s, query, slices.Clone(args[:len(ops)]), base) // a Rows may keep its arguments
	}
	res, err := s.execWith(ctx, s.wstmts, query, args[:len(ops)], raw)
	if err != nil {
		return wrap("save", m.Table(), err)
	}
	if m.PK.AutoIncrement {
		id, err := res.LastInsertId()
		if err != nil {
			return wrap("save", m.Table(), err)
		}
		p.setInt(p.pk, base, id)
	}
	return nil
}

// insertReturning runs query, an INSERT ... RETURNING the generated key,
// and sets the key of the row at base.
func (p *savePlan) insertReturning(ctx context.Context, s session, query string, args []any, base unsafe.Pointer) error {
	table := p.m.Table()
	rows, err := s.queryWriter(ctx, query, args...)
	if err != nil {
		return wrap("save", table, err)
	}
	defer rows.Close()
	if !rows.Next() {
		return wrap("save", table, fmt.Errorf("insert returned no key: %w", rows.Err()))
	}
	var id int64
	if err := rows.Scan(&id); err != nil {
		return wrap("save", table, err)
	}
	p.setInt(p.pk, base, id)
	return wrap("save", table, rows.Close())
}

// updateAt writes every column of the row at base; touched is false when
// the statement matched no row (the caller finds out why: missingOrStale).
func (p *savePlan) updateAt(ctx context.Context, base unsafe.Pointer) (touched bool, err error) {
	m := p.m
	s, err := sessionFor(ctx)
	if err != nil {
		return true, err
	}
	d := s.db.dialect
	ss := p.sqlFor(d)
	if ss.ms.update == "" {
		return true, nil // nothing but the key: nothing to write
	}
	if len(ss.updNow) > 0 {
		p.stampUpdate(base, ss.updNow)
	}
	var buf [savedArgs]any // see exec.go
	args := buf[:0]
	if len(ss.upd) > len(buf) {
		args = make([]any, len(ss.upd))
	}
	raw := bindOps(args, ss.upd, base, d)
	res, err := s.execWith(ctx, s.wstmts, ss.ms.update, args[:len(ss.upd)], raw)
	if err != nil {
		return true, wrap("save", m.Table(), err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return false, nil
	}
	if p.version >= 0 {
		p.setInt(p.version, base, p.getInt(p.version, base)+1)
	}
	return true, nil
}

// saveAt is Save of the row m through its plan p.
func saveAt[T any](ctx context.Context, p *savePlan, m *T) error {
	base := unsafe.Pointer(m)
	var err error
	if p.keyIsZero(base) {
		err = p.insertAt(ctx, base)
	} else {
		var touched bool
		touched, err = p.updateAt(ctx, base)
		if err == nil && !touched {
			err = missingRow(ctx, p.m, m)
		}
	}
	if err != nil { // explainWrite looks at errors only
		return explainWrite(ctx, p.m, rowCopy(m), err)
	}
	return nil
}

// missingRow is the error of an UPDATE of row m (a struct of model mm)
// that matched no row: ErrNotFound, or ErrStale when the row is there with
// another version.
func missingRow[T any](ctx context.Context, mm *Model, m *T) error {
	s, err := sessionFor(ctx)
	if err != nil {
		return err
	}
	return wrap("save", mm.Table(), missingOrStale(ctx, s, mm, rowCopy(m), sqlOf(mm, s.db.dialect).notDeleted))
}

// rowCopy returns a copy of *m as an addressable reflect.Value, for the
// reflect code the rare paths (errors) share: *m itself never reaches
// reflect, so that a caller's row can stay on its stack.
func rowCopy[T any](m *T) reflect.Value {
	c := new(T)
	*c = *m
	return reflect.ValueOf(c).Elem()
}
