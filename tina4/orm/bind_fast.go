package orm

import (
	"reflect"
	"time"
	"unsafe"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
	"github.com/tina4stack/tina4-go/tina4/orm/schema"
)

// The writes (Save, Update, insert) bind each column's value from the
// struct. Field.Bind does it through reflect for any field type; the fields
// of the common exact types (string, int64, int, bool, float64, time.Time)
// are read here straight from their offset in the struct (see
// fieldLayout), giving the same driver values without reflect's copy of
// each value into a new interface.

// bindKind says how a field's value is bound.
type bindKind uint8

const (
	bindReflect bindKind = iota // through Field.Bind
	bindString
	bindInt64
	bindInt
	bindBool
	bindFloat64
	bindTime // a time.Time, through the dialect's BindTime
)

var (
	stringType  = reflect.TypeFor[string]()
	int64Type   = reflect.TypeFor[int64]()
	intType     = reflect.TypeFor[int]()
	boolType    = reflect.TypeFor[bool]()
	float64Type = reflect.TypeFor[float64]()
)

// bindKindOf returns how f is bound: by its offset when its type is one of
// the exact types whose Field.Bind is the value itself (or BindTime of it).
func bindKindOf(f *Field) bindKind {
	switch f.Codec() {
	case codecPlain:
		switch f.Type {
		case stringType:
			return bindString
		case int64Type:
			return bindInt64
		case intType:
			return bindInt
		case boolType:
			return bindBool
		case float64Type:
			return bindFloat64
		}
	case schema.CodecTime:
		if f.Type == timeType {
			return bindTime
		}
	}
	return bindReflect
}

// fieldBinder binds the fields of one model value: rv, an addressable struct of
// the model. raw reports whether a bound value may still be a time.Time or
// *time.Time, which textTimes must rewrite on SQLite: false when every
// field went by its offset and BindTime gave no time.
type fieldBinder struct {
	l    *fieldLayout
	rv   reflect.Value
	base unsafe.Pointer // the struct's address, when l.direct
	d    dialect.Dialect
	raw  bool
	next int // the slot after the last field bound: callers bind in field order
}

func newFieldBinder(m *Model, rv reflect.Value, d dialect.Dialect) fieldBinder {
	b := fieldBinder{l: layoutOf(m), rv: rv, d: d}
	if b.l.direct {
		b.base = unsafe.Pointer(rv.UnsafeAddr())
	}
	return b
}

// bind returns the driver value of field f.
func (b *fieldBinder) bind(f *Field) any {
	if b.base != nil {
		if i := b.slotOf(f); i >= 0 {
			s := &b.l.slots[i]
			p := unsafe.Add(b.base, s.off)
			switch s.bind {
			case bindString:
				return *(*string)(p)
			case bindInt64:
				return *(*int64)(p)
			case bindInt:
				return *(*int)(p)
			case bindBool:
				return *(*bool)(p)
			case bindFloat64:
				return *(*float64)(p)
			case bindTime:
				v := b.d.BindTime(*(*time.Time)(p))
				if isTimeArg(v) {
					b.raw = true
				}
				return v
			}
		}
	}
	b.raw = true
	return f.Bind(b.rv.FieldByIndex(f.Index), b.d)
}

// slotOf returns the slot of f, looking from the slot after the last one
// found, or -1.
func (b *fieldBinder) slotOf(f *Field) int {
	n := len(b.l.slots)
	for k, i := 0, b.next; k < n; k, i = k+1, i+1 {
		if i == n {
			i = 0
		}
		if b.l.slots[i].f == f {
			b.next = i + 1
			return i
		}
	}
	return -1
}

// isTimeArg reports whether v is an argument textTimes rewrites.
func isTimeArg(v any) bool {
	switch v.(type) {
	case time.Time, *time.Time:
		return true
	}
	return false
}

// checkUints is checkUintFields, skipped for a model with no uint64 or uint
// field (the common case) without looking at each field.
func checkUints(m *Model, rv reflect.Value) error {
	if !layoutOf(m).wideUint {
		return nil
	}
	return checkUintFields(m, rv)
}

// zeroAt reports whether the field of slot s, at p, holds its zero value,
// as reflect.Value.IsZero does; ok is false for a kind it does not know.
func zeroAt(s *fieldSlot, p unsafe.Pointer) (zero, ok bool) {
	switch s.bind {
	case bindString:
		return *(*string)(p) == "", true
	case bindInt64:
		return *(*int64)(p) == 0, true
	case bindInt:
		return *(*int)(p) == 0, true
	case bindBool:
		return !*(*bool)(p), true
	case bindFloat64:
		return *(*float64)(p) == 0, true // -0.0 too, as for reflect
	case bindTime:
		return *(*time.Time)(p) == time.Time{}, true // every field zero, as for reflect
	}
	return false, false
}

// fieldIsZero reports whether field f (slot i of l) of rv holds its zero
// value.
func fieldIsZero(l *fieldLayout, i int, base unsafe.Pointer, rv reflect.Value, f *Field) bool {
	if base != nil {
		if zero, ok := zeroAt(&l.slots[i], unsafe.Add(base, l.slots[i].off)); ok {
			return zero
		}
	}
	return rv.FieldByIndex(f.Index).IsZero()
}

// keyIsZero reports whether the primary key of rv, a struct of m, is zero:
// Save inserts such a row.
func keyIsZero(m *Model, rv reflect.Value) bool {
	l := layoutOf(m)
	if l.direct && l.pk >= 0 {
		if zero, ok := zeroAt(&l.slots[l.pk], unsafe.Add(unsafe.Pointer(rv.UnsafeAddr()), l.slots[l.pk].off)); ok {
			return zero
		}
	}
	return rv.FieldByIndex(m.PK.Index).IsZero()
}

// stampFields gives the fields of rv, a struct of m, their automatic values
// on insert: the current time (stamp) to auto_now fields, and to zero
// auto_now_add ones, and its default to a zero field with one.
func stampFields(m *Model, rv reflect.Value, stamp time.Time) {
	l := layoutOf(m)
	var base unsafe.Pointer
	if l.direct {
		base = unsafe.Pointer(rv.UnsafeAddr())
	}
	for _, i := range l.stamped {
		f := l.slots[i].f
		switch {
		case f.AutoNow || f.AutoNowAdd && fieldIsZero(l, i, base, rv, f):
			if base != nil && l.slots[i].bind == bindTime {
				*(*time.Time)(unsafe.Add(base, l.slots[i].off)) = stamp
			} else {
				setTime(rv.FieldByIndex(f.Index), stamp)
			}
		case f.HasDefault && fieldIsZero(l, i, base, rv, f):
			v, _ := f.DefaultValue()
			rv.FieldByIndex(f.Index).Set(v)
		}
	}
}
