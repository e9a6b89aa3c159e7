package orm

import (
	"context"

	"github.com/tina4stack/tina4-go/tina4/orm/schema"
)

// FetchHasMany returns the rows of R whose foreign-key column fk holds
// parent's primary key (the chapter's has_many):
//
//	posts, err := orm.FetchHasMany[BlogPost](ctx, &author, "author_id")
//
// Soft-deleted rows of R are left out; opts order and page them.
func FetchHasMany[R any](ctx context.Context, parent any, fk string, opts ...QueryOption) ([]R, error) {
	b, err := childQuery[R](ctx, parent, fk)
	if err != nil {
		return nil, err
	}
	return b.withOptions(opts).Get()
}

// FetchHasOne returns the row of R whose column fk holds parent's primary
// key, or nil (the chapter's has_one).
func FetchHasOne[R any](ctx context.Context, parent any, fk string) (*R, error) {
	b, err := childQuery[R](ctx, parent, fk)
	if err != nil {
		return nil, err
	}
	return b.First()
}

// FetchBelongsTo returns the row of R that child's column fk points to, or
// nil when the column is NULL or the row is gone (the chapter's belongs_to).
func FetchBelongsTo[R any](ctx context.Context, child any, fk string) (*R, error) {
	cm, cv, err := modelOfAny(child)
	if err != nil {
		return nil, err
	}
	f := cm.Field(fk)
	if f == nil {
		return nil, wrap("belongs to", cm.Table(), invalidf("orm: model %s has no column %q", cm.Name, fk))
	}
	v := cv.FieldByIndex(f.Index)
	if v.IsZero() { // NULL, or a zero key no row has
		return nil, nil
	}
	return Find[R](ctx, f.Value(v))
}

func childQuery[R any](ctx context.Context, parent any, fk string) (*Builder[R], error) {
	pm, pv, err := modelOfAny(parent)
	if err != nil {
		return nil, err
	}
	b := Query[R](ctx)
	if b.err != nil {
		return nil, b.err
	}
	f := b.model.Field(fk)
	if f == nil {
		return nil, wrap("has many", b.table, invalidf("orm: model %s has no column %q", b.model.Name, fk))
	}
	return b.where(b.qualified(f.Column)+" = ?", schema.PlainValue(pv.FieldByIndex(pm.PK.Index))), nil
}
