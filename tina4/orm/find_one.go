package orm

import (
	"database/sql"
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"
	"unsafe"
)

// The single-row read (Find by primary key) scans its row straight into a
// new T: the destination of each column is a pointer into that T, made
// from the field's offset in the struct, worked out once per model. The
// generic scan (scan.go) reaches each field through reflect on every row,
// which for one row costs as much as the rest of the read.

// fieldLayout is where each field of a model lies in its struct, for
// scanning one row into it.
type fieldLayout struct {
	// direct says every field is at a fixed offset from the start of the
	// struct: none is reached through an embedded pointer. Otherwise the
	// layout is not used.
	direct  bool
	slots   []fieldSlot
	pool    sync.Pool                  // *oneScan
	sql     atomic.Pointer[dialectSQL] // the model's SQL for the last dialect (see sqlOf)
	pk      int                        // the slot of the primary key, or -1
	stamped []int                      // the slots of the fields with auto_now, auto_now_add or a default
	// wideUint says some field is a uint64 or uint, which checkUintFields
	// checks.
	wideUint bool
}

// fieldSlot is one field of a fieldLayout.
type fieldSlot struct {
	f     *Field
	off   uintptr        // offset of the field in the struct
	ptr   unsafe.Pointer // type word of *F (F the field's type): see ptrAny
	coded bool           // scanned through a fieldDest (times, foreign keys)
	bind  bindKind       // how a write binds it (bind_fast.go)
}

// oneScan is the reusable scan destinations of one single-row read.
type oneScan struct {
	dests []any
	coded []fieldDest
}

// eface is the layout of an interface value with no methods (any): a type
// word and a data word. For a pointer type the data word is the pointer.
type eface struct {
	typ, data unsafe.Pointer
}

// typeWordOfPtr returns the type word of *t, as an any holding one carries.
func typeWordOfPtr(t reflect.Type) unsafe.Pointer {
	x := reflect.New(t).Interface()
	return (*eface)(unsafe.Pointer(&x)).typ
}

// ptrAny returns p, a pointer to a value of type F, as an any holding a *F,
// where typ is the type word of *F (typeWordOfPtr): what
// reflect.NewAt(F, p).Interface() returns, without reflect.
func ptrAny(typ, p unsafe.Pointer) (x any) {
	*(*eface)(unsafe.Pointer(&x)) = eface{typ: typ, data: p}
	return x
}

// layoutOf returns the field layout of m, working it out on first use.
func layoutOf(m *Model) *fieldLayout {
	x := extOf(m)
	if l := x.layout.Load(); l != nil {
		return l
	}
	l := newFieldLayout(m)
	x.layout.CompareAndSwap(nil, l)
	return x.layout.Load()
}

func newFieldLayout(m *Model) *fieldLayout {
	l := &fieldLayout{direct: len(m.Fields) > 0, slots: make([]fieldSlot, len(m.Fields))}
	l.pk = -1
	for i, f := range m.Fields {
		if f == m.PK {
			l.pk = i
		}
		if f.AutoNow || f.AutoNowAdd || f.HasDefault {
			l.stamped = append(l.stamped, i)
		}
		l.wideUint = l.wideUint || wideUint(f.Type)
		off, ok := fieldOffset(m.Type, f.Index)
		if !ok {
			l.direct = false
		}
		coded := f.Codec() != codecPlain && f.Codec() != codecScanner
		l.slots[i] = fieldSlot{f: f, off: off, ptr: typeWordOfPtr(f.Type), coded: coded, bind: bindKindOf(f)}
	}
	return l
}

// fieldOffset returns the offset of the field at index in struct type t,
// and false when the path goes through a pointer (an embedded *S).
func fieldOffset(t reflect.Type, index []int) (uintptr, bool) {
	var off uintptr
	for _, i := range index {
		if t.Kind() != reflect.Struct {
			return 0, false
		}
		sf := t.Field(i)
		off += sf.Offset
		t = sf.Type
	}
	return off, true
}

func (l *fieldLayout) get() *oneScan {
	if sc, ok := l.pool.Get().(*oneScan); ok {
		return sc
	}
	sc := &oneScan{dests: make([]any, len(l.slots)), coded: make([]fieldDest, len(l.slots))}
	for i, s := range l.slots {
		if s.coded {
			sc.coded[i].f = s.f
			sc.dests[i] = &sc.coded[i]
		}
	}
	return sc
}

// put forgets the row sc pointed into (the pool must not keep it alive)
// and pools sc.
func (l *fieldLayout) put(sc *oneScan) {
	for i := range l.slots {
		if l.slots[i].coded {
			sc.coded[i].fv = reflect.Value{}
		} else {
			sc.dests[i] = nil
		}
	}
	l.pool.Put(sc)
}

// scanOne reads the first row of rows, a result whose columns are the
// fields of m in order, into a new T, and closes rows. It returns nil when
// there is no row. It reads the same values as scanStructs with a limit of
// one: plain fields are scanned by database/sql into the field, the others
// through their codec.
func scanOne[T any](m *Model, rows *sql.Rows) (*T, error) {
	defer rows.Close()
	l := layoutOf(m)
	if !l.direct {
		out, err := scanStructs[T](m, rows, m.Fields, 1, 1)
		if err != nil || len(out) == 0 {
			return nil, err
		}
		return &out[0], nil
	}
	if !rows.Next() {
		return nil, rows.Err()
	}
	v := new(T)
	base := unsafe.Pointer(v)
	sc := l.get()
	defer l.put(sc)
	for i := range l.slots {
		s := &l.slots[i]
		p := unsafe.Add(base, s.off)
		if s.coded {
			sc.coded[i].fv = reflect.ValueOf(ptrAny(s.ptr, p)).Elem() // reflect.NewAt(s.f.Type, p).Elem()
		} else {
			sc.dests[i] = ptrAny(s.ptr, p)
		}
	}
	if err := rows.Scan(sc.dests...); err != nil {
		return nil, fmt.Errorf("scan: %w", err)
	}
	if m.HasReverse() {
		bindRelations(m, reflect.ValueOf(v).Elem())
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return v, nil
}
