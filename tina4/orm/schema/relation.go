package schema

import (
	"fmt"
	"github.com/jinzhu/inflection"
	"reflect"
	"sort"
	"strings"
	"sync"
)

// RelKind is the kind of a declared relation.
type RelKind uint8

// The relation kinds.
const (
	RelBelongsTo  RelKind = iota + 1 // a ForeignKey field: this row points at one T
	RelHasMany                       // a HasMany field: many T point at this row
	RelHasOne                        // a HasOne field: one T points at this row
	RelManyToMany                    // a ManyToMany field: rows linked through a junction table
)

// RelationField is implemented (on the pointer) by the declared relation
// types of the orm (ForeignKey, NullForeignKey, HasMany, HasOne,
// ManyToMany): a struct field of such a type is a relation, not a column.
type RelationField interface {
	RelationKind() RelKind
	RelationTarget() reflect.Type
}

// KeyField is implemented (on the pointer) by the declared foreign keys:
// their value is the key (see KeyValue); TextKeyed says which of ID and
// Text holds it.
type KeyField interface {
	KeyValue
	SetID(id int64)
	SetText(id string)
	TextKeyed() bool
}

var relationFieldType = reflect.TypeFor[RelationField]()

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

	// Index is the reflect index path of the relation field in the owner.
	Index []int

	targetType  reflect.Type // T
	fkTag       string       // HasMany/HasOne: the fk tag
	through     string       // ManyToMany: the junction table tag
	symmetrical string       // ManyToMany of a model with itself: the symmetrical tag

	once     sync.Once
	target   *Model
	fk       *Field    // HasMany/HasOne: the key column on the target
	junction *Junction // ManyToMany
	err      error
}

// Target returns the related model, or an error when it is malformed or the
// reverse key cannot be found.
func (r *Relation) Target() (*Model, error) {
	r.once.Do(r.resolve)
	return r.target, r.err
}

func (r *Relation) resolve() {
	r.target, r.err = r.Owner.reg.Of(r.targetType)
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

// TargetType returns the related Go struct type T.
func (r *Relation) TargetType() reflect.Type { return r.targetType }

// RemoteKey returns the column of the target that points back at the owner
// (HasMany and HasOne), once Target has resolved it; nil otherwise.
func (r *Relation) RemoteKey() *Field {
	r.once.Do(r.resolve)
	return r.fk
}

// JunctionDef returns the junction table of a ManyToMany relation, once
// Target has resolved it; nil otherwise.
func (r *Relation) JunctionDef() *Junction {
	r.once.Do(r.resolve)
	return r.junction
}

// Junction is a many-to-many relation's table and columns.
type Junction struct {
	Table     string
	Own       string // the column holding the owner's key
	Other     string // the column holding the target's key
	OwnFirst  bool   // the own column comes first (columns sorted by table name)
	Symmetric bool   // a self relation stored both ways
}

// Junction returns the junction table of a many-to-many relation and its
// two columns: the one holding the owner's key and the one holding the
// target's key. ok is false for other relations and for a relation whose
// target does not resolve.
func (r *Relation) Junction() (table, ownerColumn, targetColumn string, ok bool) {
	if r.Kind != RelManyToMany {
		return "", "", "", false
	}
	if _, err := r.Target(); err != nil {
		return "", "", "", false
	}
	return r.junction.Table, r.junction.Own, r.junction.Other, true
}

// Symmetrical reports whether a many-to-many relation of a model with itself
// links both ways (see ManyToMany).
func (r *Relation) Symmetrical() bool {
	if _, err := r.Target(); err != nil || r.junction == nil {
		return false
	}
	return r.junction.Symmetric
}

func (r *Relation) resolveJunction() error {
	for _, m := range []*Model{r.Owner, r.target} {
		switch k := m.PK.Kind; {
		case k == Int && m.PK.Type.ConvertibleTo(reflect.TypeFor[int64]()):
		case (k == String || k == Text) && m.PK.Type.Kind() == reflect.String:
		default:
			return fmt.Errorf("orm: %s.%s: many-to-many needs integer or text primary keys (%s)", r.Owner.Name, r.Name, m.Name)
		}
	}
	own, other := r.Owner.Table(), r.target.Table()
	j := &Junction{Table: r.through, OwnFirst: own <= other}
	if r.target == r.Owner {
		switch r.symmetrical {
		case "", "true":
			j.Symmetric = true
		case "false":
		default:
			return fmt.Errorf("orm: %s.%s: symmetrical is true or false, not %q", r.Owner.Name, r.Name, r.symmetrical)
		}
		one := inflection.Singular(own)
		j.Own, j.Other = "from_"+one+"_id", "to_"+one+"_id"
		if j.Table == "" {
			j.Table = own + "_" + r.Name
		}
		r.junction = j
		return nil
	}
	if r.symmetrical != "" {
		return fmt.Errorf("orm: %s.%s: symmetrical applies to a relation of a model with itself", r.Owner.Name, r.Name)
	}
	j.Own, j.Other = inflection.Singular(own)+"_id", inflection.Singular(other)+"_id"
	if j.Own == j.Other { // two tables with one singular ("person", "people")
		j.Own, j.Other = own+"_id", other+"_id"
	}
	if j.Table == "" {
		names := []string{own, other}
		sort.Strings(names)
		j.Table = names[0] + "_" + names[1]
	}
	r.junction = j
	return nil
}

// Relation returns the declared relation with the given name, or nil.
func (m *Model) Relation(name string) *Relation { return m.relByName[name] }

// addRelation records a relation field; a ForeignKey also becomes a column.
func (m *Model) addRelation(sf reflect.StructField, tag string, path []int) (*Field, error) {
	rf := reflect.New(sf.Type).Interface().(RelationField)
	parts := strings.Split(tag, ",")
	r := &Relation{
		Name: CamelToSnake(sf.Name), Kind: rf.RelationKind(), Owner: m,
		Index: path, targetType: rf.RelationTarget(),
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
