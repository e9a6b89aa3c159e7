package orm

import (
	"context"
	"fmt"
	"reflect"

	"github.com/tina4stack/tina4-go/tina4/orm/schema"
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
// column `db:"author_id,null"` or use NullForeignKey). When T's primary key
// is text (a UUID, a code), the column is text and the key is Text instead
// ("" means NULL; ID stays 0). The target is loaded on first Get and cached
// until the key changes.
type ForeignKey[T any] struct {
	ID         int64
	Text       string
	target     *T
	cached     int64  // the ID the target was loaded for
	cachedText string // the Text the target was loaded for
	loaded     bool   // the target (maybe nil) was loaded for cached
}

// NullForeignKey is a ForeignKey whose column is NULL-able: the nullability
// is declared in the type instead of a tag.
type NullForeignKey[T any] struct{ ForeignKey[T] }

func (*ForeignKey[T]) RelationKind() RelKind        { return RelBelongsTo }
func (*ForeignKey[T]) RelationTarget() reflect.Type { return reflect.TypeFor[T]() }
func (*NullForeignKey[T]) NullableKey()             {}
func (k *ForeignKey[T]) KeyPtr() *int64             { return &k.ID }
func (k *ForeignKey[T]) TextPtr() *string           { return &k.Text }

func (k *ForeignKey[T]) loadedTarget() (any, bool) { return k.target, k.fresh() }

// fresh reports whether the cached target was loaded for the current key.
func (k *ForeignKey[T]) fresh() bool { return k.loaded && k.cached == k.ID && k.cachedText == k.Text }

// setTarget records the loaded target (a *T, or the zero Value for none).
func (k *ForeignKey[T]) setTarget(v reflect.Value) {
	k.cached, k.cachedText, k.loaded = k.ID, k.Text, true
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
		k.ID, k.Text = pk.Int(), ""
	case pk.CanUint():
		k.ID, k.Text = int64(pk.Uint()), ""
	case pk.Kind() == reflect.String:
		k.ID, k.Text = 0, pk.String()
	default:
		return fmt.Errorf("orm: ForeignKey[%s] needs an integer or text primary key", m.Name)
	}
	k.target, k.cached, k.cachedText, k.loaded = t, k.ID, k.Text, true
	return nil
}

// SetID points the key at the row with primary key id and drops the cache.
func (k *ForeignKey[T]) SetID(id int64) { k.ID, k.Text, k.target, k.loaded = id, "", nil, false }

// SetText points the key at the row with the text primary key id (a UUID,
// a code) and drops the cache.
func (k *ForeignKey[T]) SetText(id string) { k.ID, k.Text, k.target, k.loaded = 0, id, nil, false }

// TextKeyed reports whether T's primary key is text, so that the key is
// Text (set with SetText), not ID.
func (*ForeignKey[T]) TextKeyed() bool { return schema.TextKeyed(reflect.TypeFor[T]()) }

// Clear sets the key to NULL.
func (k *ForeignKey[T]) Clear() { k.ID, k.Text, k.target, k.loaded = 0, "", nil, false }

// IsNull reports whether the key is NULL.
func (k *ForeignKey[T]) IsNull() bool { return k.ID == 0 && k.Text == "" }

// Loaded returns the cached target, or nil when it is not loaded.
func (k *ForeignKey[T]) Loaded() *T {
	if !k.fresh() {
		return nil
	}
	return k.target
}

// Get returns the target row, loading it on first use and caching it. A NULL
// key returns nil without a query; a key whose row does not exist returns an
// error matching ErrNotFound.
func (k *ForeignKey[T]) Get(ctx context.Context) (*T, error) {
	if k.IsNull() {
		return nil, nil
	}
	if k.target != nil && k.fresh() {
		return k.target, nil
	}
	var id any = k.ID
	if k.Text != "" {
		id = k.Text
	}
	t, err := FindOrFail[T](ctx, id)
	if err != nil {
		return nil, err
	}
	k.target, k.cached, k.cachedText, k.loaded = t, k.ID, k.Text, true
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
