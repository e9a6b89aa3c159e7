package orm

import (
	"reflect"
	"sync/atomic"
	"unsafe"

	"github.com/tina4stack/tina4-go/tina4/orm/schema"
)

// modelSlots caches the registry's answer for the model types in use, so
// that every ORM call finds its model without the registry's lock and its
// map keyed by reflect.Type (an interface hash): a table indexed by the
// address of the type, each slot holding the last model seen there. The
// registry never forgets nor re-reads a type, so a cached model stays
// right; two types sharing a slot only take turns in it, each falling back
// to the registry when the other holds it.
var modelSlots [typeSlots]atomic.Pointer[Model]

// modelSlot returns the slot of struct type t.
func modelSlot(t reflect.Type) *atomic.Pointer[Model] { return &modelSlots[typeSlot(t)] }

// typeSlots is the size of the tables indexed by typeSlot.
const typeSlots = 256

// typeSlot returns the index of struct type t in a table of typeSlots
// entries (modelSlots, savePlans), from the address of its descriptor.
func typeSlot(t reflect.Type) uintptr {
	a := uintptr(typeWord(t))
	return (a>>4 ^ a>>12) % typeSlots
}

// typeWord returns the descriptor of t (the data word of the interface):
// one per type, so two types are the same exactly when their descriptors
// are.
func typeWord(t reflect.Type) unsafe.Pointer { return (*[2]unsafe.Pointer)(unsafe.Pointer(&t))[1] }

// cachedModelOf returns the model of struct type t from the registry
// (schema.Of), through modelSlots.
func cachedModelOf(t reflect.Type) (*Model, error) {
	slot := modelSlot(t)
	if m := slot.Load(); m != nil && m.Type == t {
		return m, nil
	}
	m, err := schema.Of(t)
	if err == nil {
		slot.Store(m)
	}
	return m, err
}

// cachedModelOfValue is schema.OfValue through modelSlots: the model and
// the struct value behind v, a non-nil pointer to a model struct.
func cachedModelOfValue(v any) (*Model, reflect.Value, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return schema.OfValue(v) // its error
	}
	rv = rv.Elem()
	m, err := cachedModelOf(rv.Type())
	return m, rv, err
}
