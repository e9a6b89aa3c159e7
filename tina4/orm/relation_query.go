package orm

import (
	"context"
	"fmt"
)

// Query returns a builder over the related rows; it always queries, even
// when the relation was prefetched.
func (r *relSet[T]) Query(ctx context.Context) *Builder[T] {
	b := Query[T](ctx)
	if b.err != nil {
		return b
	}
	if r.bound == nil {
		b.setErr(fmt.Errorf("orm: relation of %s is not bound to a row: read or save the owner first", b.model.Name))
		return b
	}
	if _, err := r.bound.Target(); err != nil {
		b.setErr(err)
		return b
	}
	if j := r.bound.JunctionDef(); j != nil {
		d := b.dialect()
		return b.Join(d.Quote(j.Table), d.Quote(j.Table)+"."+d.Quote(j.Other)+" = "+b.qualified(b.model.PK.Column)).
			Where(d.Quote(j.Table)+"."+d.Quote(j.Own)+" = ?", r.owner)
	}
	return b.where(b.qualified(r.bound.RemoteKey().Column)+" = ?", r.owner)
}

// Filter returns the related rows narrowed by a filter in the filter syntax;
// chain more Filter, Limit or Offset calls on the builder. It always queries.
func (r *relSet[T]) Filter(ctx context.Context, key string, value any) *Builder[T] {
	return r.Query(ctx).Filter(key, value)
}

// Limit returns a builder over the first n related rows; chain Offset, Get.
func (r *relSet[T]) Limit(ctx context.Context, n int) *Builder[T] { return r.Query(ctx).Limit(n) }

// Offset returns a builder over the related rows after the first n.
func (r *relSet[T]) Offset(ctx context.Context, n int) *Builder[T] { return r.Query(ctx).Offset(n) }

// All returns every related row: from memory when prefetched, else by query.
func (r *relSet[T]) All(ctx context.Context) ([]T, error) {
	if r.prefetch {
		return r.items, nil
	}
	return r.Query(ctx).Get()
}

// One returns the first related row, or nil.
func (r *relSet[T]) One(ctx context.Context) (*T, error) {
	if r.prefetch {
		if len(r.items) == 0 {
			return nil, nil
		}
		return &r.items[0], nil
	}
	return r.Query(ctx).First()
}

// Count returns how many related rows there are.
func (r *relSet[T]) Count(ctx context.Context) (int, error) {
	if r.prefetch {
		return len(r.items), nil
	}
	return r.Query(ctx).Count()
}

// Exists reports whether there is any related row.
func (r *relSet[T]) Exists(ctx context.Context) (bool, error) {
	if r.prefetch {
		return len(r.items) > 0, nil
	}
	return r.Query(ctx).Exists()
}

// Loaded returns the prefetched rows and true, or nil and false.
func (r *relSet[T]) Loaded() ([]T, bool) { return r.items, r.prefetch }

// Get returns the related row, or nil (HasOne).
func (r *HasOne[T]) Get(ctx context.Context) (*T, error) { return r.One(ctx) }
