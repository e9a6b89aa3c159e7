package orm

import (
	"reflect"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm/schema"
)

// The model metadata lives in package schema; these aliases keep the orm's
// API as it was.
type (
	// Model is the metadata of a model type (see schema.Model).
	Model = schema.Model
	// Field is one column of a model (see schema.Field).
	Field = schema.Field
	// Relation is a declared relation of a model (see schema.Relation).
	Relation = schema.Relation
	// RelKind is the kind of a declared relation.
	RelKind = schema.RelKind
	// SoftDeletes, embedded in a model, turns on soft delete (see
	// schema.SoftDeletes).
	SoftDeletes = schema.SoftDeletes
	// Tabler is implemented by models that name their own table.
	Tabler = schema.Tabler
)

// The relation kinds.
const (
	RelBelongsTo  = schema.RelBelongsTo  // a ForeignKey field: this row points at one T
	RelHasMany    = schema.RelHasMany    // a HasMany field: many T point at this row
	RelHasOne     = schema.RelHasOne     // a HasOne field: one T points at this row
	RelManyToMany = schema.RelManyToMany // a ManyToMany field: rows linked through a junction table
)

// CamelToSnake converts "firstName", "FirstName" or "HTTPServerID" to
// "first_name", "first_name" and "http_server_id".
func CamelToSnake(s string) string { return schema.CamelToSnake(s) }

// SnakeToCamel converts "first_name" to "firstName".
func SnakeToCamel(s string) string { return schema.SnakeToCamel(s) }

// Plural returns the plural of an English noun ("category" -> "categories").
func Plural(s string) string { return schema.Plural(s) }

// Register records model type T so that the app can create its table and
// AutoCrud can serve it. Call it from init(). It panics, naming the type and
// the field, when the model is malformed; registering a type twice is a no-op.
func Register[T any]() *Model {
	m := schema.Register(reflect.TypeFor[T]())
	extOf(m).rows.CompareAndSwap(nil, Rows(typedRows[T]{}))
	return m
}

// Models returns every registered model, in registration order.
func Models() []*Model { return schema.Models() }

// SetPluralTableNames turns pluralised default table names on or off (see
// schema.Registry.SetPluralTableNames); tina4 calls it from its config.
func SetPluralTableNames(on bool) { schema.Default.SetPluralTableNames(on) }

// ModelOf returns the metadata of T, reading it on first use when T was not
// registered.
func ModelOf[T any]() (*Model, error) {
	m, err := cachedModelOf(reflect.TypeFor[T]()) // see model_cache.go
	if err == nil {
		if x := extOf(m); x.rows.Load() == nil {
			x.rows.CompareAndSwap(nil, Rows(typedRows[T]{}))
		}
	}
	return m, err
}

// modelOfType returns the cached metadata of t, parsing it on first use.
func modelOfType(t reflect.Type) (*Model, error) { return cachedModelOf(t) }

// modelOfValue returns the metadata and the struct value behind a *T.
func modelOfValue(v any) (*Model, reflect.Value, error) { return cachedModelOfValue(v) }

// isRegisteredModel reports whether t is a model struct the registry holds.
func isRegisteredModel(t reflect.Type) bool { return schema.Default.Holds(t) }

// modelExt is what the orm keeps per model, in the model's Ext slot: the
// type-erased Rows view, the SQL per dialect and pooled scanners.
type modelExt struct {
	rows     atomic.Value                // Rows: the type-erased view, set where T is known
	sqlCache sync.Map                    // dialect name -> *modelSQL
	scanners sync.Pool                   // *rowScanner over Fields, reused between results
	layout   atomic.Pointer[fieldLayout] // where the fields lie, for single-row reads (find_one.go)
}

func newModelExt() any { return &modelExt{} }

// extOf returns the orm's per-model state of m.
func extOf(m *Model) *modelExt { return m.Ext(newModelExt).(*modelExt) }

// bindRelations gives the reverse relations of row (an addressable struct
// value of m) the row's primary key, so that they can query.
func bindRelations(m *Model, row reflect.Value) {
	if !m.HasReverse() {
		return
	}
	pk := schema.PlainValue(row.FieldByIndex(m.PK.Index))
	for _, r := range m.Relations {
		if r.Kind != RelBelongsTo {
			row.FieldByIndex(r.Index).Addr().Interface().(binder).bind(pk, r)
		}
	}
}

type binder interface{ bind(owner any, r *Relation) }

// itemsSetter is implemented by HasMany, HasOne and ManyToMany.
type itemsSetter interface {
	setItems(v reflect.Value)
	loadedItems() (any, bool)
}

// targetSetter is implemented by ForeignKey.
type targetSetter interface {
	setTarget(v reflect.Value)
	loadedTarget() (any, bool)
	KeyPtr() *int64
	TextPtr() *string
}

// The schema's per-field codecs, by the names orm's code uses.
const (
	codecPlain   = schema.CodecPlain
	codecScanner = schema.CodecScanner
	codecKey     = schema.CodecKey
)

var (
	timeType  = reflect.TypeFor[time.Time]()
	bytesType = reflect.TypeFor[[]byte]()
)
