package orm

import (
	"reflect"
	"sync"
	"sync/atomic"
	"unsafe"
)

// keyIndex maps relation keys to small integers (an owner's group): integer
// keys, the common case, in a map[int64]int, which hashes far faster than
// the relKey struct (a string and an interface) that holds the others.
type keyIndex struct {
	ints  map[int64]int
	other map[relKey]int
}

func newKeyIndex(n int) keyIndex { return keyIndex{ints: make(map[int64]int, n)} }

func (x *keyIndex) get(k relKey) (int, bool) {
	if k.kind == 0 {
		g, ok := x.ints[k.n]
		return g, ok
	}
	g, ok := x.other[k]
	return g, ok
}

func (x *keyIndex) put(k relKey, g int) {
	if k.kind == 0 {
		x.ints[k.n] = g
		return
	}
	if x.other == nil {
		x.other = map[relKey]int{}
	}
	x.other[k] = g
}

// keyAt reads the key in the field a at p, as relKeyOf reads it from a
// reflect.Value: an integer, a string, or a ForeignKey's key.
func keyAt(a *fieldAccess, p unsafe.Pointer) relKey {
	switch a.kind {
	case accessInt64:
		return relKey{n: *(*int64)(p)}
	case accessInt:
		return relKey{n: int64(*(*int)(p))}
	case accessString:
		return relKey{s: *(*string)(p), kind: 1}
	case accessFK: // fkRelKey
		if t := *(*string)(unsafe.Add(p, a.textOff)); t != "" {
			return relKey{s: t, kind: 1}
		}
		return relKey{n: *(*int64)(unsafe.Add(p, a.idOff))}
	}
	if a.typ.Kind() == reflect.Struct {
		if ts, ok := a.addr(p).(targetSetter); ok {
			return fkRelKey(ts)
		}
	}
	return relKeyOf(a.value(p))
}

// itemsFromSetter is implemented by HasMany, HasOne and ManyToMany (through
// relSet): setItemsFrom is setItems for the n rows at data, a []T's backing
// array, without boxing a slice in an interface per owner.
type itemsFromSetter interface {
	setItemsFrom(data unsafe.Pointer, n int)
}

// setItemsFrom records the prefetched rows: the n Ts at data (from a slice
// of T), capped at n so that appending to them copies instead of writing
// over the next owner's rows. No rows are an empty slice, not nil, as
// setItems gives.
func (r *relSet[T]) setItemsFrom(data unsafe.Pointer, n int) {
	if n == 0 {
		r.items, r.prefetch = []T{}, true
		return
	}
	r.items, r.prefetch = unsafe.Slice((*T)(data), n), true
}

// perKey remembers, per to-many relation, how many rows a key brought last
// time (in 1/16ths), so that the next load sizes its result once instead of
// doubling it several times: the slack of a doubled array is allocated,
// and kept by the owners' rows, which share it.
var perKey sync.Map // *Relation -> *atomic.Int64

// maxRowsHint caps the rows a hint makes room for before any is read.
const maxRowsHint = 4096

// rowsHint is the rows keys of r are expected to bring (0: no idea yet).
func rowsHint(r *Relation, keys int) int {
	v, ok := perKey.Load(r)
	if !ok {
		return 0
	}
	n := int(v.(*atomic.Int64).Load()) * keys / 16
	return min(n+n/16, maxRowsHint)
}

// noteRows records that keys of r brought rows.
func noteRows(r *Relation, keys, rows int) {
	if keys == 0 {
		return
	}
	v, ok := perKey.Load(r)
	if !ok {
		v, _ = perKey.LoadOrStore(r, new(atomic.Int64))
	}
	v.(*atomic.Int64).Store(int64((rows*16 + keys - 1) / keys))
}
