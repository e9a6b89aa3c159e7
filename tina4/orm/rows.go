package orm

import "context"

// Rows is a type-erased view of one registered model's table, for code that
// works from metadata rather than from a Go type, such as AutoCrud serving
// every registered model. Values are pointers to the model struct (*T) held
// in an any. Get it with RowsOf.
type Rows interface {
	// New returns a pointer to a new zero model.
	New() any
	// Find returns the row with primary key id, or nil.
	Find(ctx context.Context, id any) (any, error)
	// FindForUpdate is Find with ForUpdate: the row stays locked until the
	// end of the transaction of ctx, which it needs.
	FindForUpdate(ctx context.Context, id any) (any, error)
	// FindIncluding is Find that eager-loads the relations of include
	// within the limits l (see IncludeLimits).
	FindIncluding(ctx context.Context, id any, include []string, l IncludeLimits) (any, error)
	// List returns a page of rows matching spec, and the total.
	List(ctx context.Context, spec ListSpec) ([]any, int, error)
	// Save inserts or updates v (see Save).
	Save(ctx context.Context, v any) error
	// Update writes only the named columns of v's row (see Update).
	Update(ctx context.Context, v any, fields ...string) error
	// UpdateReturning is Update that returns the row as stored, read back
	// locked (see UpdateReturning); it needs a transaction.
	UpdateReturning(ctx context.Context, v any, fields ...string) (any, error)
	// Delete deletes v (soft delete when the model has it).
	Delete(ctx context.Context, v any) error
}

// ListSpec is a list request in the terms of a query string: filters in the
// filter syntax with text values, fields to order by ("-created_at" for
// descending), and the page. Every name is checked against the model.
type ListSpec struct {
	Filters []FilterText
	Order   []string
	Limit   int
	Offset  int
	// Include names relations to eager-load ("author", "posts.comments").
	Include []string
	// IncludeLimits bounds the work of Include (zero: the defaults).
	IncludeLimits IncludeLimits
	// Total says how the total is told (TotalExact by default); under
	// TotalNone, List returns NoTotal.
	Total TotalMode
}

// FilterText is one filter: a key such as "title__icontains" and its text.
type FilterText struct {
	Key, Value string
}

// RowsOf returns the type-erased view of the rows of model m. It is
// available for models registered with Register (and those used through
// ModelOf), and nil otherwise.
func RowsOf(m *Model) Rows {
	r, _ := extOf(m).rows.Load().(Rows)
	return r
}

// typedRows implements Rows for model type T.
type typedRows[T any] struct{}

func (typedRows[T]) New() any { return new(T) }

func (typedRows[T]) Find(ctx context.Context, id any) (any, error) {
	v, err := Find[T](ctx, id)
	if v == nil || err != nil {
		return nil, err // a typed nil must not escape as a non-nil any
	}
	return v, nil
}

func (typedRows[T]) FindForUpdate(ctx context.Context, id any) (any, error) {
	v, err := Find[T](ctx, id, ForUpdate())
	if v == nil || err != nil {
		return nil, err
	}
	return v, nil
}

func (typedRows[T]) FindIncluding(ctx context.Context, id any, include []string, l IncludeLimits) (any, error) {
	v, err := Find[T](ctx, id, Include(include...), WithIncludeLimits(l))
	if v == nil || err != nil {
		return nil, err
	}
	return v, nil
}

func (typedRows[T]) List(ctx context.Context, spec ListSpec) ([]any, int, error) {
	b := Query[T](ctx)
	for _, f := range spec.Filters {
		b.FilterText(f.Key, f.Value)
	}
	b.OrderByField(spec.Order...)
	if len(spec.Order) == 0 {
		b.order = append(b.order, b.qualified(b.model.PK.Column))
	}
	if len(spec.Include) > 0 {
		b.Include(spec.Include...).IncludeLimits(spec.IncludeLimits)
	}
	rows, total, err := b.Limit(spec.Limit).Offset(spec.Offset).Total(spec.Total).Page()
	if err != nil {
		return nil, 0, err
	}
	out := make([]any, len(rows))
	for i := range rows {
		out[i] = &rows[i]
	}
	return out, total, nil
}

func (typedRows[T]) Save(ctx context.Context, v any) error { return Save(ctx, v.(*T)) }
func (typedRows[T]) Update(ctx context.Context, v any, fields ...string) error {
	return Update(ctx, v.(*T), fields...)
}
func (typedRows[T]) Delete(ctx context.Context, v any) error { return Delete(ctx, v.(*T)) }
