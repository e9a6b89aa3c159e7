package orm

import (
	"context"
	"fmt"
	"reflect"
)

// ForeignKey is a declared many-to-one link (chapter section 6, SQLiter's
// ForeignKey): the field is the foreign-key column (author_id) and the
// relation (author) at once.
//
//	type Post struct {
//		ID     int64
//		Author orm.ForeignKey[Author] `db:"author_id" on_delete:"cascade" related_name:"posts"`
//	}
//
// ID is the key; 0 means NULL, which only a nullable key may hold (tag the
// column `db:"author_id,null"` or use NullForeignKey). The target is loaded
// on first Get and cached until the key changes.
type ForeignKey[T any] struct {
	ID     int64
	target *T
	cached int64 // the ID the target was loaded for
	loaded bool  // the target (maybe nil) was loaded for cached
}

// NullForeignKey is a ForeignKey whose column is NULL-able: the nullability
// is declared in the type instead of a tag.
type NullForeignKey[T any] struct{ ForeignKey[T] }

func (*ForeignKey[T]) RelationKind() RelKind        { return RelBelongsTo }
func (*ForeignKey[T]) RelationTarget() reflect.Type { return reflect.TypeFor[T]() }
func (*NullForeignKey[T]) NullableKey()             {}
func (k *ForeignKey[T]) KeyPtr() *int64             { return &k.ID }

func (k *ForeignKey[T]) loadedTarget() (any, bool) { return k.target, k.loaded && k.cached == k.ID }

// setTarget records the loaded target (a *T, or the zero Value for none).
func (k *ForeignKey[T]) setTarget(v reflect.Value) {
	k.cached, k.loaded = k.ID, true
	if !v.IsValid() || v.IsNil() {
		k.target = nil
		return
	}
	k.target = v.Interface().(*T)
}

// Set points the key at t (its primary key) and caches t.
func (k *ForeignKey[T]) Set(t *T) error {
	if t == nil {
		k.Clear()
		return nil
	}
	m, rv, err := modelOfValue(t)
	if err != nil {
		return err
	}
	pk := rv.FieldByIndex(m.PK.Index)
	switch {
	case pk.CanInt():
		k.ID = pk.Int()
	case pk.CanUint():
		k.ID = int64(pk.Uint())
	default:
		return fmt.Errorf("orm: ForeignKey[%s] needs an integer primary key", m.Name)
	}
	k.target, k.cached, k.loaded = t, k.ID, true
	return nil
}

// SetID points the key at the row with primary key id and drops the cache.
func (k *ForeignKey[T]) SetID(id int64) { k.ID, k.target, k.loaded = id, nil, false }

// Clear sets the key to NULL.
func (k *ForeignKey[T]) Clear() { k.ID, k.target, k.loaded = 0, nil, false }

// IsNull reports whether the key is NULL.
func (k *ForeignKey[T]) IsNull() bool { return k.ID == 0 }

// Loaded returns the cached target, or nil when it is not loaded.
func (k *ForeignKey[T]) Loaded() *T {
	if !k.loaded || k.cached != k.ID {
		return nil
	}
	return k.target
}

// Get returns the target row, loading it on first use and caching it. A NULL
// key returns nil without a query; a key whose row does not exist returns an
// error matching ErrNotFound.
func (k *ForeignKey[T]) Get(ctx context.Context) (*T, error) {
	if k.ID == 0 {
		return nil, nil
	}
	if k.target != nil && k.loaded && k.cached == k.ID {
		return k.target, nil
	}
	t, err := FindOrFail[T](ctx, k.ID)
	if err != nil {
		return nil, err
	}
	k.target, k.cached, k.loaded = t, k.ID, true
	return t, nil
}

// relSet is the state shared by the to-many and to-one reverse relations:
// the owner's key (set when the owner is read or saved) and, once prefetched,
// the related rows.
type relSet[T any] struct {
	owner    any // the owner's primary key
	bound    *Relation
	items    []T
	prefetch bool
}

func (r *relSet[T]) bind(owner any, rel *Relation) { r.owner, r.bound = owner, rel }
func (r *relSet[T]) setItems(v reflect.Value) {
	r.items, r.prefetch = v.Interface().([]T), true
}
func (r *relSet[T]) loadedItems() (any, bool) { return r.items, r.prefetch }

// HasMany is a declared one-to-many relation: the rows of T whose foreign
// key points at this row (SQLiter's reverse relationship).
//
//	type Author struct {
//		ID    int64
//		Posts orm.HasMany[Post] // Post has Author orm.ForeignKey[Author]
//	}
//
// The foreign-key column on T is found from a `fk:"author_id"` tag, else the
// ForeignKey of T whose related_name is this relation's name, else the one
// ForeignKey of T that points at this model.
type HasMany[T any] struct{ relSet[T] }

func (*HasMany[T]) RelationKind() RelKind        { return RelHasMany }
func (*HasMany[T]) RelationTarget() reflect.Type { return reflect.TypeFor[T]() }

// HasOne is a declared one-to-one relation: the row of T whose foreign key
// points at this row.
type HasOne[T any] struct{ relSet[T] }

func (*HasOne[T]) RelationKind() RelKind        { return RelHasOne }
func (*HasOne[T]) RelationTarget() reflect.Type { return reflect.TypeFor[T]() }
