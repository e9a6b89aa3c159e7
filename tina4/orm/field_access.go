package orm

import (
	"database/sql"
	"reflect"
	"sync"
	"time"
	"unsafe"
)

// fieldAccess reaches one field of a model's struct from the struct's
// address, without reflect's per-call walk (FieldByIndex, Addr, Interface
// cost a type lookup each, and they ran for every field of every row read).
//
// Why unsafe is sound here: a model's fields are reached through structs
// embedded by value only (schema refuses embedded pointers), so a field
// lives at a fixed offset from the start of its row, the sum of the
// reflect.StructField offsets along its Index. The pointer is formed from
// the address of a live, addressable row of the model's type (an element of
// a []T, or a value reflect.New made) and is never kept past that row's
// lifetime in a form the garbage collector cannot see: addr turns it into a
// typed pointer (*string, *int64, ...) inside an interface, which the
// collector traces as usual. direct is false for any path the offsets cannot
// describe; callers then take the reflect path.
type fieldAccess struct {
	off    uintptr
	direct bool
	typ    reflect.Type
	// addr returns the field at p as a typed pointer in an interface: a
	// *string for a string field, and so on.
	addr func(p unsafe.Pointer) any
	// kind says which scans storePlain can store without reflect, and which
	// keys keyAt reads without it.
	kind accessKind
	// idOff and textOff locate a ForeignKey's ID and Text from the field
	// (kind accessFK).
	idOff, textOff uintptr
}

type accessKind uint8

const (
	accessOther accessKind = iota
	accessString
	accessInt64
	accessInt
	accessBool
	accessFloat64
	accessFK // a ForeignKey or NullForeignKey
)

// accesses caches the fieldAccess of every field read so far, by *Field:
// a model's fields never change once it is parsed.
var accesses sync.Map // *Field -> *fieldAccess

// accessOf returns the fieldAccess of f, a field of model m.
func accessOf(m *Model, f *Field) *fieldAccess {
	if a, ok := accesses.Load(f); ok {
		return a.(*fieldAccess)
	}
	a := newFieldAccess(m.Type, f.Index, f.Type)
	actual, _ := accesses.LoadOrStore(f, a)
	return actual.(*fieldAccess)
}

// newFieldAccess computes the access of the field at index in the struct
// type t; typ is the field's type.
func newFieldAccess(t reflect.Type, index []int, typ reflect.Type) *fieldAccess {
	a := &fieldAccess{typ: typ}
	a.off, a.direct = fieldOffset(t, index)
	a.direct = a.direct && t.FieldByIndex(index).Type == typ
	a.addr = addrFunc(typ)
	// The kinds setNullable writes itself, by the field's underlying kind
	// (a named string type is stored like a string); anything else scans
	// through the field's codec.
	switch typ.Kind() {
	case reflect.String:
		a.kind = accessString
	case reflect.Int64:
		a.kind = accessInt64
	case reflect.Int:
		a.kind = accessInt
	case reflect.Bool:
		a.kind = accessBool
	case reflect.Float64:
		a.kind = accessFloat64
	case reflect.Struct:
		// A ForeignKey[T] (or NullForeignKey[T], which embeds one): only
		// they implement targetSetter, whose methods are unexported. KeyPtr
		// and TextPtr point at their ID and Text.
		if reflect.PointerTo(typ).Implements(targetSetterType) {
			id, okID := typ.FieldByName("ID")
			text, okText := typ.FieldByName("Text")
			if okID && okText && id.Type == reflect.TypeFor[int64]() && text.Type == reflect.TypeFor[string]() {
				a.kind = accessFK
				a.idOff, _ = fieldOffset(typ, id.Index) // FieldByName: through embedded structs by value
				a.textOff, _ = fieldOffset(typ, text.Index)
			}
		}
	}
	return a
}

var targetSetterType = reflect.TypeFor[targetSetter]()

// addrFunc returns how to wrap a field of type typ at an address: a direct
// conversion for the common types, reflect.NewAt for the rest.
func addrFunc(typ reflect.Type) func(unsafe.Pointer) any {
	switch typ {
	case reflect.TypeFor[string]():
		return addrAs[string]
	case reflect.TypeFor[int64]():
		return addrAs[int64]
	case reflect.TypeFor[int]():
		return addrAs[int]
	case reflect.TypeFor[int32]():
		return addrAs[int32]
	case reflect.TypeFor[bool]():
		return addrAs[bool]
	case reflect.TypeFor[float64]():
		return addrAs[float64]
	case reflect.TypeFor[[]byte]():
		return addrAs[[]byte]
	case reflect.TypeFor[time.Time]():
		return addrAs[time.Time]
	case reflect.TypeFor[sql.NullString]():
		return addrAs[sql.NullString]
	case reflect.TypeFor[sql.NullInt64]():
		return addrAs[sql.NullInt64]
	case reflect.TypeFor[*string]():
		return addrAs[*string]
	case reflect.TypeFor[*int64]():
		return addrAs[*int64]
	}
	// Any other type (a ForeignKey[T], a HasMany[T], a sql.Scanner): an
	// interface holding a nil *typ, whose data word is swapped for p. A
	// pointer is stored in an interface's data word as it is, so the result
	// is exactly what reflect.NewAt(typ, p).Interface() returns, without
	// reflect's lookup of the pointer type on every call.
	ptr := typeWordOfPtr(typ)
	return func(p unsafe.Pointer) any { return ptrAny(ptr, p) }
}

func addrAs[V any](p unsafe.Pointer) any { return (*V)(p) }

// at returns the address of the field in the row at base.
func (a *fieldAccess) at(base unsafe.Pointer) unsafe.Pointer { return unsafe.Add(base, a.off) }

// value returns the field at p as an addressable reflect.Value.
func (a *fieldAccess) value(p unsafe.Pointer) reflect.Value { return reflect.NewAt(a.typ, p).Elem() }

// rowBase returns the address of rv, an addressable struct.
func rowBase(rv reflect.Value) unsafe.Pointer { return rv.Addr().UnsafePointer() }

// relAccess is the fieldAccess of a relation field (ForeignKey, HasMany, ...)
// of model m: its address wrapped as its pointer type, which implements
// targetSetter, itemsSetter or binder.
type relAccess = fieldAccess

// relAccesses caches the access of every relation read so far.
var relAccesses sync.Map // *Relation -> *relAccess

// relAccessOf returns the access of the relation field r.
func relAccessOf(r *Relation) *relAccess {
	if a, ok := relAccesses.Load(r); ok {
		return a.(*relAccess)
	}
	t := r.Owner.Type
	typ := t.FieldByIndex(r.Index).Type
	a := newFieldAccess(t, r.Index, typ)
	actual, _ := relAccesses.LoadOrStore(r, a)
	return actual.(*relAccess)
}
