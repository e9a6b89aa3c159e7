package schema

import (
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"
)

// Registry holds the metadata of model types, read once per type, and the
// options that shape it. Models registers into Default; the orm and
// AutoCrud read from it.
type Registry struct {
	mu     sync.RWMutex
	models map[reflect.Type]*Model
	order  []*Model
	plural atomic.Bool
	gen    atomic.Uint64 // counts the model types read
}

// Default is the registry that Register, Of and Models use.
var Default = &Registry{}

// SetPluralTableNames turns on (or off) pluralised default table names: a
// model Category without a TableName method gets the table "categories"
// instead of "category". A model's table name is fixed when it is first
// asked for, so set this before (tina4 sets it from ORM_PLURAL_TABLE_NAMES
// when the App is made).
func (r *Registry) SetPluralTableNames(on bool) { r.plural.Store(on) }

// PluralTableNames reports the option set by SetPluralTableNames.
func (r *Registry) PluralTableNames() bool { return r.plural.Load() }

// Register records struct type t as a model (listed by Models) and returns
// its metadata. It panics, naming the type and the field, when the model is
// malformed; registering a type twice is a no-op.
func (r *Registry) Register(t reflect.Type) *Model {
	r.mu.Lock()
	defer r.mu.Unlock()
	m, ok := r.models[t]
	if !ok {
		var err error
		if m, err = r.parseModel(t); err != nil {
			panic(err.Error())
		}
		if r.models == nil {
			r.models = map[reflect.Type]*Model{}
		}
		r.models[t] = m
		r.gen.Add(1)
	}
	if !m.registered { // it may have been cached by an earlier call
		m.registered = true
		r.order = append(r.order, m)
	}
	return m
}

// Models returns every registered model, in registration order.
func (r *Registry) Models() []*Model {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return append([]*Model(nil), r.order...)
}

// Of returns the cached metadata of struct type t, reading it on first use
// (a type read this way is cached but not listed by Models).
func (r *Registry) Of(t reflect.Type) (*Model, error) {
	r.mu.RLock()
	m, ok := r.models[t]
	r.mu.RUnlock()
	if ok {
		return m, nil
	}
	m, err := r.parseModel(t)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if prev, ok := r.models[t]; ok {
		return prev, nil
	}
	if r.models == nil {
		r.models = map[reflect.Type]*Model{}
	}
	r.models[t] = m
	r.gen.Add(1)
	return m, nil
}

// Generation counts the model types the registry has read (registered, or
// read on first use): a cache of what is a model, made before the count
// last changed, may have missed one.
func (r *Registry) Generation() uint64 { return r.gen.Load() }

// Known returns every model whose metadata has been read, registered or
// not, in no particular order.
func (r *Registry) Known() []*Model {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]*Model, 0, len(r.models))
	for _, m := range r.models {
		out = append(out, m)
	}
	return out
}

// Holds reports whether t is a model struct type the registry holds
// (registered or read on first use).
func (r *Registry) Holds(t reflect.Type) bool {
	if t.Kind() != reflect.Struct {
		return false
	}
	r.mu.RLock()
	_, ok := r.models[t]
	r.mu.RUnlock()
	return ok
}

// Register records struct type t as a model in Default (see
// Registry.Register).
func Register(t reflect.Type) *Model { return Default.Register(t) }

// Models returns every model registered in Default, in registration order.
func Models() []*Model { return Default.Models() }

// Of returns the metadata of struct type t from Default (see Registry.Of).
func Of(t reflect.Type) (*Model, error) { return Default.Of(t) }

// OfValue returns the metadata and the struct value behind v, a non-nil
// pointer to a model struct.
func OfValue(v any) (*Model, reflect.Value, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return nil, reflect.Value{}, fmt.Errorf("orm: want a non-nil pointer to a model struct, got %T", v)
	}
	m, err := Of(rv.Elem().Type())
	return m, rv.Elem(), err
}
