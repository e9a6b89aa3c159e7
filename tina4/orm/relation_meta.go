package orm

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
)

var relationFieldType = reflect.TypeFor[relationField]()

// Relation is a declared relation of a model: a ForeignKey, HasMany, HasOne
// or ManyToMany field.
type Relation struct {
	// Name is the relation's name in Include, SelectRelated, filters and
	// JSON: the field name in snake_case ("author", "posts").
	Name string
	// Kind says which way the relation points.
	Kind RelKind
	// Owner is the model that declares the relation.
	Owner *Model
	// Key is the foreign-key column of a BelongsTo relation (on Owner).
	Key *Field
	// RelatedName is the name of the reverse relation on the target (for a
	// BelongsTo): the related_name tag, else the owner's plural name.
	RelatedName string

	index       []int        // the relation field in the owner struct
	targetType  reflect.Type // T
	fkTag       string       // HasMany/HasOne: the fk tag
	through     string       // ManyToMany: the junction table tag
	symmetrical string       // ManyToMany of a model with itself: the symmetrical tag

	once     sync.Once
	target   *Model
	fk       *Field    // HasMany/HasOne: the key column on the target
	junction *junction // ManyToMany
	err      error
}

// Target returns the related model, or an error when it is malformed or the
// reverse key cannot be found.
func (r *Relation) Target() (*Model, error) {
	r.once.Do(r.resolve)
	return r.target, r.err
}

func (r *Relation) resolve() {
	r.target, r.err = modelOfType(r.targetType)
	if r.err != nil {
		return
	}
	switch r.Kind {
	case RelBelongsTo:
		if k := r.target.PK.Kind; !r.target.PK.Type.ConvertibleTo(reflect.TypeFor[int64]()) && r.target.PK.Type.Kind() != reflect.String {
			r.err = fmt.Errorf("orm: %s.%s: ForeignKey needs an integer or text primary key on %s (kind %v)", r.Owner.Name, r.Name, r.target.Name, k)
		}
	case RelHasMany, RelHasOne:
		r.fk, r.err = r.reverseKey()
	case RelManyToMany:
		r.err = r.resolveJunction()
	}
}

// reverseKey finds the column of the target that points back at the owner.
func (r *Relation) reverseKey() (*Field, error) {
	if r.fkTag != "" {
		f := r.target.Field(r.fkTag)
		if f == nil {
			return nil, fmt.Errorf("orm: %s.%s: %s has no column %q", r.Owner.Name, r.Name, r.target.Name, r.fkTag)
		}
		return f, nil
	}
	var candidates []*Relation
	for _, tr := range r.target.Relations {
		if tr.Kind == RelBelongsTo && tr.targetType == r.Owner.Type {
			if tr.RelatedName == r.Name {
				return tr.Key, nil
			}
			candidates = append(candidates, tr)
		}
	}
	if len(candidates) == 1 {
		return candidates[0].Key, nil
	}
	return nil, fmt.Errorf("orm: %s.%s: cannot tell which ForeignKey of %s points here (found %d); add an fk tag",
		r.Owner.Name, r.Name, r.target.Name, len(candidates))
}

// Relation returns the declared relation with the given name, or nil.
func (m *Model) Relation(name string) *Relation { return m.relByName[name] }

// addRelation records a relation field; a ForeignKey also becomes a column.
func (m *Model) addRelation(sf reflect.StructField, tag string, path []int) (*Field, error) {
	rf := reflect.New(sf.Type).Interface().(relationField)
	parts := strings.Split(tag, ",")
	r := &Relation{
		Name: CamelToSnake(sf.Name), Kind: rf.relationKind(), Owner: m,
		index: path, targetType: rf.relationTarget(),
		fkTag: sf.Tag.Get("fk"), through: sf.Tag.Get("through"), symmetrical: sf.Tag.Get("symmetrical"),
	}
	if r.targetType.Kind() != reflect.Struct {
		return nil, fmt.Errorf("orm: model %s: field %s: the related type must be a struct, not %v", m.Name, sf.Name, r.targetType)
	}
	if _, dup := m.relByName[r.Name]; dup {
		return nil, fmt.Errorf("orm: model %s: field %s: relation %q is declared twice", m.Name, sf.Name, r.Name)
	}
	var key *Field
	if r.Kind == RelBelongsTo {
		if parts[0] == "" {
			parts[0] = r.Name + "_id"
		}
		var err error
		if key, err = m.parseField(sf, strings.Join(parts, ","), path); err != nil {
			return nil, err
		}
		key.rel = r
		r.Key = key
		r.RelatedName = sf.Tag.Get("related_name")
		if r.RelatedName == "" {
			r.RelatedName = Plural(CamelToSnake(m.Name))
		}
	}
	if m.relByName == nil {
		m.relByName = map[string]*Relation{}
	}
	m.relByName[r.Name] = r
	m.Relations = append(m.Relations, r)
	return key, nil
}

// bindRelations gives the reverse relations of row (an addressable struct
// value of m) the row's primary key, so that they can query.
func (m *Model) bindRelations(row reflect.Value) {
	if !m.hasReverse {
		return
	}
	pk := plainValue(row.FieldByIndex(m.PK.Index))
	for _, r := range m.Relations {
		if r.Kind != RelBelongsTo {
			row.FieldByIndex(r.index).Addr().Interface().(binder).bind(pk, r)
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
	keyPtr() *int64
	textPtr() *string
}
