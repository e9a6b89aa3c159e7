package orm

import (
	"reflect"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// Save[T] of a model whose every field is one of the exact types the
// writes bind by offset (bind_fast.go) runs on the row's address: the model,
// its field layout and the slots each statement binds come from one lookup
// (savePlanOf), and the row is never turned into an interface or a
// reflect.Value, so a row the caller keeps on its stack stays there. Any
// other model takes the reflect path (saveValue) on a copy of the row.

// savePlan is what the typed Save needs of one model, worked out once.
type savePlan struct {
	typ     unsafe.Pointer // the descriptor of the model's type (see typeWord)
	m       *Model
	l       *fieldLayout
	pk      int                     // the slot of the primary key
	version int                     // the slot of the version column, or -1
	stamped []stampSlot             // the fields with auto_now, auto_now_add or a default, in field order
	sql     atomic.Pointer[saveSQL] // the last dialect's
	sqls    sync.Map                // dialect name -> *saveSQL, every dialect's
}

// stampSlot is a field Save gives an automatic value: the field of slot in
// the row.
type stampSlot struct {
	slot       *fieldSlot
	autoNow    bool // always stamped with the time (auto_now)
	autoNowAdd bool // stamped with the time on insert when zero (auto_now_add)
	hasDefault bool // given its default on insert when zero
	defStr     string
	defInt     int64
	defBool    bool
	defFloat   float64
	defTime    time.Time
}

// saveSQL is a model's statements for one dialect, with what
// each binds, in order.
type saveSQL struct {
	d          [2]unsafe.Pointer // the words of the dialect value asked for (see dialectWords)
	ms         *modelSQL
	ins, insPK []bindOp // what ms.insert and ms.insertPK bind
	upd        []bindOp // what ms.update binds: its columns, the key, the version
	updNow     []int    // the slots of the auto_now fields ms.update writes
}

// bindOp is one argument of a statement: the field at off in the row,
// bound as kind says.
type bindOp struct {
	off  uintptr
	kind bindKind
}

// savePlans caches the plans of the model types in use, by the address of
// the type as modelSlots does; a slot holding another type's plan falls back
// to allPlans, which holds every plan made (a plan without a model marks a
// type that takes the reflect path), so that two types sharing a slot only
// take turns in it.
var (
	savePlans [typeSlots]atomic.Pointer[savePlan]
	allPlans  sync.Map // reflect.Type -> *savePlan
)

// savePlanOf returns the plan of struct type t, or nil when its model has
// no typed path (or t is no model: the reflect path reports why).
func savePlanOf(t reflect.Type) *savePlan {
	typ := typeWord(t)
	slot := &savePlans[typeSlot(t)]
	p := slot.Load()
	if p == nil || p.typ != typ {
		if p = planFor(t); p == nil {
			return nil
		}
		slot.Store(p)
	}
	if p.m == nil {
		return nil // the type takes the reflect path
	}
	return p
}

// planFor returns the plan of t from allPlans, making it on first use; nil
// when t is no model (not remembered: the reflect path reports the error).
func planFor(t reflect.Type) *savePlan {
	if p, ok := allPlans.Load(t); ok {
		return p.(*savePlan)
	}
	m, err := cachedModelOf(t)
	if err != nil {
		return nil
	}
	p := newSavePlan(m)
	if p == nil {
		p = &savePlan{} // takes the reflect path
	}
	p.typ = typeWord(t)
	actual, _ := allPlans.LoadOrStore(t, p)
	return actual.(*savePlan)
}

// dialectWords returns the two words of d (method table and data): the
// same words are the same dialect value.
func dialectWords(d dialect.Dialect) [2]unsafe.Pointer {
	return *(*[2]unsafe.Pointer)(unsafe.Pointer(&d))
}

// newSavePlan works out the plan of m, or nil when Save must take the
// reflect path: a field is bound through reflect (a pointer, a foreign key,
// a scanner, a named type), reached through an embedded pointer or a uint
// that checkUints checks; a nullable column without a default (its NULL may
// leave the column to the database's default, see leavesDefaults); reverse
// relations (bindRelations); a key only; an automatic key that is not an
// int64 or int; a version column that is not one either.
func newSavePlan(m *Model) *savePlan {
	l := layoutOf(m)
	if !l.direct || l.wideUint || l.pk < 0 || m.HasReverse() || len(m.Fields) < 2 {
		return nil
	}
	p := &savePlan{m: m, l: l, pk: l.pk, version: -1}
	for i := range l.slots {
		s := &l.slots[i]
		f := s.f
		if s.bind == bindReflect || f.Nullable && !f.HasDefault && !f.PrimaryKey {
			return nil
		}
		if f == m.Version {
			if s.bind != bindInt64 && s.bind != bindInt {
				return nil
			}
			p.version = i
		}
		if (f.AutoNow || f.AutoNowAdd) && s.bind != bindTime {
			return nil
		}
		if !f.AutoNow && !f.AutoNowAdd && !f.HasDefault {
			continue
		}
		st := stampSlot{slot: s, autoNow: f.AutoNow, autoNowAdd: f.AutoNowAdd, hasDefault: f.HasDefault}
		if f.HasDefault {
			v, _ := f.DefaultValue()
			switch s.bind {
			case bindString:
				st.defStr = v.String()
			case bindInt64, bindInt:
				st.defInt = v.Int()
			case bindBool:
				st.defBool = v.Bool()
			case bindFloat64:
				st.defFloat = v.Float()
			case bindTime:
				st.defTime = v.Interface().(time.Time)
			}
		}
		p.stamped = append(p.stamped, st)
	}
	if m.Version != nil && p.version < 0 {
		return nil
	}
	if m.PK.AutoIncrement && l.slots[p.pk].bind != bindInt64 && l.slots[p.pk].bind != bindInt {
		return nil
	}
	return p
}

// sqlFor returns the model's statements for d: the last dialect's found by
// the words of the dialect value (an app uses one), any other by name.
func (p *savePlan) sqlFor(d dialect.Dialect) *saveSQL {
	dw := dialectWords(d)
	if s := p.sql.Load(); s != nil && s.d == dw { // the same dialect value as last time
		return s
	}
	name := d.Name()
	if v, ok := p.sqls.Load(name); ok {
		c := *v.(*saveSQL) // remembered under this dialect value's words
		c.d = dw
		p.sql.Store(&c)
		return &c
	}
	ms := sqlOf(p.m, d)
	s := &saveSQL{d: dw, ms: ms, ins: p.opsOf(ms.insertFs), insPK: p.opsOf(p.m.Fields)}
	upd := append(append([]*Field(nil), ms.updateFs...), p.m.PK)
	if p.m.Version != nil {
		upd = append(upd, p.m.Version)
	}
	s.upd = p.opsOf(upd)
	for _, f := range ms.updateFs {
		if f.AutoNow {
			s.updNow = append(s.updNow, p.slotOf(f))
		}
	}
	v, _ := p.sqls.LoadOrStore(name, s)
	p.sql.Store(v.(*saveSQL))
	return v.(*saveSQL)
}

// opsOf returns how fs, fields of the model, are bound.
func (p *savePlan) opsOf(fs []*Field) []bindOp {
	out := make([]bindOp, len(fs))
	for k, f := range fs {
		s := &p.l.slots[p.slotOf(f)]
		out[k] = bindOp{off: s.off, kind: s.bind}
	}
	return out
}

// slotOf returns the slot of f, a field of the model.
func (p *savePlan) slotOf(f *Field) int {
	for i := range p.l.slots {
		if p.l.slots[i].f == f {
			return i
		}
	}
	panic("orm: " + f.Name + " is no field of " + p.m.Name)
}

// keyIsZero reports whether the key of the row at base is its zero value.
func (p *savePlan) keyIsZero(base unsafe.Pointer) bool {
	s := &p.l.slots[p.pk]
	zero, _ := zeroAt(s, unsafe.Add(base, s.off)) // every slot of a plan has a bind kind zeroAt knows
	return zero
}

// stampInsert gives the row at base its automatic values on insert, as
// stampInsert does: version 1, the current time to auto_now fields and to
// zero auto_now_add ones, its default to a zero field with one.
func (p *savePlan) stampInsert(base unsafe.Pointer) {
	if p.version >= 0 {
		p.setInt(p.version, base, 1)
	}
	var stamp time.Time
	for k := range p.stamped {
		st := &p.stamped[k]
		at := unsafe.Add(base, st.slot.off)
		if !st.autoNow {
			if zero, _ := zeroAt(st.slot, at); !zero { // every slot of a plan has a kind zeroAt knows
				continue
			}
		}
		if st.autoNow || st.autoNowAdd { // a time (newSavePlan)
			if stamp.IsZero() {
				stamp = now()
			}
			*(*time.Time)(at) = stamp
			continue
		}
		st.setDefault(at)
	}
}

// setDefault stores the default of st in its field at at.
func (st *stampSlot) setDefault(at unsafe.Pointer) {
	switch st.slot.bind {
	case bindString:
		*(*string)(at) = st.defStr
	case bindInt64:
		*(*int64)(at) = st.defInt
	case bindInt:
		*(*int)(at) = int(st.defInt)
	case bindBool:
		*(*bool)(at) = st.defBool
	case bindFloat64:
		*(*float64)(at) = st.defFloat
	case bindTime:
		*(*time.Time)(at) = st.defTime
	}
}

// stampUpdate gives the auto_now fields of slots the current time.
func (p *savePlan) stampUpdate(base unsafe.Pointer, slots []int) {
	stamp := now()
	for _, i := range slots {
		*(*time.Time)(unsafe.Add(base, p.l.slots[i].off)) = stamp
	}
}

// setInt stores n in slot i (an int64 or int) of the row at base.
func (p *savePlan) setInt(i int, base unsafe.Pointer, n int64) {
	at := unsafe.Add(base, p.l.slots[i].off)
	if p.l.slots[i].bind == bindInt {
		*(*int)(at) = int(n)
	} else {
		*(*int64)(at) = n
	}
}

// getInt returns slot i (an int64 or int) of the row at base.
func (p *savePlan) getInt(i int, base unsafe.Pointer) int64 {
	at := unsafe.Add(base, p.l.slots[i].off)
	if p.l.slots[i].bind == bindInt {
		return int64(*(*int)(at))
	}
	return *(*int64)(at)
}

// bindOps sets args[k] to the driver value of ops[k] of the row at base
// (args has room for ops); raw reports whether one is a time textTimes
// must still rewrite.
func bindOps(args []any, ops []bindOp, base unsafe.Pointer, d dialect.Dialect) (raw bool) {
	args = args[:len(ops)]
	for k := range ops {
		at := unsafe.Add(base, ops[k].off)
		switch ops[k].kind {
		case bindString:
			args[k] = *(*string)(at)
		case bindInt64:
			args[k] = *(*int64)(at)
		case bindInt:
			args[k] = *(*int)(at)
		case bindBool:
			args[k] = *(*bool)(at)
		case bindFloat64:
			args[k] = *(*float64)(at)
		default: // bindTime: a plan has no other kind
			v := d.BindTime(*(*time.Time)(at))
			raw = raw || isTimeArg(v)
			args[k] = v
		}
	}
	return raw
}
