package orm

import (
	"fmt"
	"reflect"
	"sync"
)

var registry struct {
	sync.RWMutex
	models map[reflect.Type]*Model
	order  []*Model
}

// Register records model type T so that the app can create its table and
// AutoCrud can serve it. Call it from init(). It panics, naming the type and
// the field, when the model is malformed; registering a type twice is a no-op.
func Register[T any]() *Model {
	t := reflect.TypeFor[T]()
	registry.Lock()
	defer registry.Unlock()
	m, ok := registry.models[t]
	if !ok {
		var err error
		if m, err = parseModel(t); err != nil {
			panic(err.Error())
		}
		if registry.models == nil {
			registry.models = map[reflect.Type]*Model{}
		}
		registry.models[t] = m
		modelGen.Add(1) // see valueClassOf
	}
	m.rows.CompareAndSwap(nil, Rows(typedRows[T]{}))
	if !m.registered { // it may have been cached by an earlier call
		m.registered = true
		registry.order = append(registry.order, m)
	}
	return m
}

// Models returns every registered model, in registration order.
func Models() []*Model {
	registry.RLock()
	defer registry.RUnlock()
	return append([]*Model(nil), registry.order...)
}

// ModelOf returns the metadata of T, reading it on first use when T was not
// registered.
func ModelOf[T any]() (*Model, error) {
	m, err := modelOfType(reflect.TypeFor[T]())
	if err == nil && m.rows.Load() == nil {
		m.rows.CompareAndSwap(nil, Rows(typedRows[T]{}))
	}
	return m, err
}

// modelOfType returns the cached metadata of t, parsing it on first use.
func modelOfType(t reflect.Type) (*Model, error) {
	registry.RLock()
	m, ok := registry.models[t]
	registry.RUnlock()
	if ok {
		return m, nil
	}
	m, err := parseModel(t)
	if err != nil {
		return nil, err
	}
	registry.Lock()
	defer registry.Unlock()
	if prev, ok := registry.models[t]; ok {
		return prev, nil
	}
	if registry.models == nil {
		registry.models = map[reflect.Type]*Model{}
	}
	registry.models[t] = m // cached, but not listed by Models()
	modelGen.Add(1)        // see valueClassOf
	return m, nil
}

// modelOfValue returns the metadata and the struct value behind a *T.
func modelOfValue(v any) (*Model, reflect.Value, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return nil, reflect.Value{}, fmt.Errorf("orm: want a non-nil pointer to a model struct, got %T", v)
	}
	m, err := modelOfType(rv.Elem().Type())
	return m, rv.Elem(), err
}
