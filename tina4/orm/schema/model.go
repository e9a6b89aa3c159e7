package schema

import (
	"reflect"
	"regexp"
	"sync"
	"sync/atomic"
)

// Model is the metadata of a registered model type: its table, its columns and
// their options. It is read once per type from the struct tags and cached;
// the hot paths use it without parsing anything.
type Model struct {
	// Type is the struct type.
	Type reflect.Type
	// Name is the Go type name.
	Name string
	// Fields are the columns, in struct order (embedded structs in place).
	Fields []*Field
	// PK is the primary-key field.
	PK *Field
	// SoftDelete is the deleted_at field when the model uses soft delete.
	SoftDelete *Field
	// Version is the field tagged `db:"...,version"`, or nil: the row's
	// version number for optimistic concurrency (see Update).
	Version *Field
	// Relations are the declared relations, in struct order.
	Relations []*Relation

	reg        *Registry     // the registry that read the model (its options)
	tableFn    func() string // the TableName method, if any
	registered bool          // listed by Models()
	table      string
	tableOnce  sync.Once
	byColumn   map[string]*Field
	byName     map[string]*Field
	relByName  map[string]*Relation
	hasReverse bool // has HasMany, HasOne or ManyToMany fields
	ext        atomic.Pointer[any]
	extMu      sync.Mutex
	jsonOnce   sync.Once
	jsonFields []JSONField // how JSON writes each field
}

// Field is one column of a model.
type Field struct {
	// Name is the Go field name; Column the database column.
	Name, Column string
	// Index is the reflect index path (through embedded structs).
	Index []int
	// Type is the Go type of the field.
	Type reflect.Type
	// Kind is the storage class.
	Kind Kind
	// Nullable is true for pointers and sql.Null types.
	Nullable bool
	// PrimaryKey, AutoIncrement, AutoNowAdd, AutoNow, Hidden, ReadOnly, Unique
	// and Version mirror the db tag's options.
	PrimaryKey, AutoIncrement, AutoNowAdd, AutoNow, Hidden, ReadOnly, Unique, Version bool
	// Required is true when the validate tag has the required rule, and for
	// a NOT NULL foreign key without a default tag (Valid then reports a
	// zero key as "This field is required").
	Required bool
	// Size is the maximum length of a string (from validate max=N), 0 if none.
	Size int
	// Default is the text of the default tag; HasDefault says it is set.
	Default    string
	HasDefault bool
	// References is the "table.column" a foreign-key column points to, with
	// the ON DELETE / ON UPDATE actions.
	References         string
	OnDelete, OnUpdate string
	// Validate is the validator/v10 rule string; Pattern the regex tag.
	Validate string
	Pattern  *regexp.Regexp

	softDelete   bool          // the model's deleted_at column
	rel          *Relation     // the BelongsTo relation whose key this is
	defaultValue reflect.Value // parsed Default, assignable to Type
	codec        Codec         // how values move between the field and the driver
}

// Table returns the table name: the TableName method's answer, else the
// snake_case type name, pluralised when the registry's PluralTableNames
// option is on (tina4 sets it from ORM_PLURAL_TABLE_NAMES). It is resolved on
// first use, so the option must be set before the first table name is asked.
func (m *Model) Table() string {
	m.tableOnce.Do(func() {
		if m.tableFn != nil {
			m.table = m.tableFn()
			return
		}
		m.table = CamelToSnake(m.Name)
		if m.reg != nil && m.reg.PluralTableNames() {
			m.table = Plural(m.table)
		}
	})
	return m.table
}

// Field returns the field for a column name or a Go field name, or nil.
func (m *Model) Field(name string) *Field {
	if f, ok := m.byColumn[name]; ok {
		return f
	}
	return m.byName[name]
}

// Columns returns the column names in field order.
func (m *Model) Columns() []string {
	cols := make([]string, len(m.Fields))
	for i, f := range m.Fields {
		cols[i] = f.Column
	}
	return cols
}

// DefaultValue returns the field's default tag parsed into its Go type (a
// fresh value each call, so a pointer default is never shared between rows)
// and whether the field has a default.
func (f *Field) DefaultValue() (reflect.Value, bool) {
	if !f.HasDefault {
		return reflect.Value{}, false
	}
	if f.defaultValue.Kind() == reflect.Pointer {
		p := reflect.New(f.defaultValue.Type().Elem())
		p.Elem().Set(f.defaultValue.Elem())
		return p, true
	}
	return f.defaultValue, true
}

// Writable reports whether a client may set the field from a request: not the
// primary key, automatic timestamps, the soft-delete column, the version
// column or read-only fields.
func (f *Field) Writable() bool {
	return !f.PrimaryKey && !f.AutoNowAdd && !f.AutoNow && !f.ReadOnly && !f.softDelete && !f.Version
}

// ByColumn returns the field of a column name (not a Go field name), or nil.
func (m *Model) ByColumn(column string) *Field { return m.byColumn[column] }

// HasReverse reports whether the model declares HasMany, HasOne or
// ManyToMany relations (whose values are bound to a row when it is read).
func (m *Model) HasReverse() bool { return m.hasReverse }

// Registered reports whether the model was registered (listed by Models),
// not only read on first use.
func (m *Model) Registered() bool { return m.registered }

// Ext returns the value the package that executes models (the orm) keeps
// for m, such as its per-dialect SQL and scanner pools, making it with mk on
// first use. It is opaque to schema; there is one slot per model.
func (m *Model) Ext(mk func() any) any {
	if p := m.ext.Load(); p != nil {
		return *p
	}
	m.extMu.Lock()
	defer m.extMu.Unlock()
	if p := m.ext.Load(); p != nil {
		return *p
	}
	v := mk()
	m.ext.Store(&v)
	return v
}

// Relation returns the ForeignKey relation whose key column f is, or nil
// for other columns.
func (f *Field) Relation() *Relation { return f.rel }

// IsSoftDelete reports whether f is the model's soft-delete (deleted_at)
// column.
func (f *Field) IsSoftDelete() bool { return f.softDelete }

// Codec says how the field's value moves between the struct, the driver and
// JSON.
func (f *Field) Codec() Codec { return f.codec }
