package orm

import (
	"context"
	"strings"
)

// QueryOption refines Find, Where, All, Select and WithTrashed.
type QueryOption func(*queryOptions)

type queryOptions struct {
	limit, offset int
	order         []string
	trashed       bool
	include       []string
	forUpdate     bool          // lock the row: see ForUpdate
	inclLimits    IncludeLimits // see include_limits.go
}

// Include eager-loads declared relations with Find, Where, All and Select;
// see Builder.Include.
func Include(paths ...string) QueryOption {
	return func(o *queryOptions) { o.include = append(o.include, paths...) }
}

// Limit sets the page size of Where, All, Select and WithTrashed.
func Limit(n int) QueryOption { return func(o *queryOptions) { o.limit = n } }

// Offset sets how many rows Where, All, Select and WithTrashed skip.
func Offset(n int) QueryOption { return func(o *queryOptions) { o.offset = n } }

// OrderBy orders Where, All and WithTrashed by SQL expressions such as
// "created_at DESC".
func OrderBy(exprs ...string) QueryOption {
	return func(o *queryOptions) { o.order = append(o.order, exprs...) }
}

// Trashed makes Find, Where, All and Count include soft-deleted rows.
func Trashed() QueryOption { return func(o *queryOptions) { o.trashed = true } }

// collect applies opts to a fresh set of options.
func collect(opts []QueryOption) queryOptions {
	if len(opts) == 0 {
		return queryOptions{} // the common case: no allocation
	}
	o := new(queryOptions) // the options' closures take it by pointer
	for _, fn := range opts {
		fn(o)
	}
	return *o
}

func (b *Builder[T]) withOptions(opts []QueryOption) *Builder[T] {
	o := collect(opts)
	b.Limit(o.limit).Offset(o.offset).OrderBy(o.order...)
	if len(o.include) > 0 {
		b.Include(o.include...)
	}
	b.inclLimits = o.inclLimits
	if o.trashed {
		b.WithTrashed()
	}
	return b
}

// Find returns the row of T whose primary key is id, or nil when there is
// none (or it is soft-deleted).
func Find[T any](ctx context.Context, id any, opts ...QueryOption) (*T, error) {
	m, err := ModelOf[T]()
	if err != nil {
		return nil, err
	}
	if err := checkUintArg("key", id); err != nil {
		return nil, wrap("find", m.Table(), err)
	}
	s, err := sessionFor(ctx)
	if err != nil {
		return nil, err
	}
	o := collect(opts)
	incl, err := checkIncludes(m, o.include, o.inclLimits) // before the query: a bad include is an error even for a missing row
	if err != nil {
		return nil, wrap("find", m.Table(), err)
	}
	if len(incl) > 0 && !o.forUpdate {
		if v, ok, err := findJoined[T](ctx, m, id, incl, o); ok { // see include_plan.go
			return v, wrap("find", m.Table(), err)
		}
	}
	ms := sqlOf(m, s.db.dialect)
	q := ms.find
	if o.trashed {
		q = ms.findAny
	}
	if o.forUpdate {
		if !s.inTx {
			return nil, wrap("find", m.Table(), invalidf("orm: ForUpdate needs a transaction (orm.Transaction)"))
		}
		q += lockClause(s.db.dialect)
	}
	rows, err := s.query(ctx, q, id)
	if err != nil {
		return nil, wrap("find", m.Table(), err)
	}
	if len(incl) == 0 {
		v, err := scanOne[T](m, rows) // see find_one.go
		return v, wrap("find", m.Table(), err)
	}
	out, err := scanStructs[T](m, rows, m.Fields, 1, 1)
	if err != nil {
		return nil, wrap("find", m.Table(), err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	if err := incl.loadSlice(ctx, s, m, out, o.inclLimits); err != nil {
		return nil, wrap("find", m.Table(), err)
	}
	return &out[0], nil
}

// FindOrFail is Find that returns an error matching ErrNotFound instead of
// nil: a *NotFoundError that names the row ("notes with id=999 not found"),
// which a handler may return as it is to answer 404.
func FindOrFail[T any](ctx context.Context, id any, opts ...QueryOption) (*T, error) {
	v, err := Find[T](ctx, id, opts...)
	if err == nil && v == nil {
		m, _ := ModelOf[T]()
		return nil, notFound(m, id)
	}
	return v, err
}

// Where returns the rows of T matching an SQL condition with ? placeholders,
// and the total number of matching rows (for pagination with Limit and
// Offset). Soft-deleted rows are left out.
//
//	notes, total, err := orm.Where[Note](ctx, "category = ?", []any{"work"}, orm.Limit(20), orm.Offset(40))
func Where[T any](ctx context.Context, condition string, args []any, opts ...QueryOption) ([]T, int, error) {
	b := Query[T](ctx).withOptions(opts)
	if strings.TrimSpace(condition) != "" {
		b.Where(condition, args...)
	}
	return b.Page()
}

// All returns every row of T (a page of them with Limit and Offset) and the
// total number of rows. Soft-deleted rows are left out.
func All[T any](ctx context.Context, opts ...QueryOption) ([]T, int, error) {
	return Query[T](ctx).withOptions(opts).Page()
}

// WithTrashed is Where including soft-deleted rows; an empty condition
// matches every row.
func WithTrashed[T any](ctx context.Context, condition string, args []any, opts ...QueryOption) ([]T, int, error) {
	return Where[T](ctx, condition, args, append(opts, Trashed())...)
}

// Count returns the number of rows of T matching an SQL condition with ?
// placeholders (empty: every row), leaving soft-deleted rows out unless
// opts hold Trashed; the other options do not change a count and are
// ignored. It takes its arguments as Where does: every call with a raw
// condition and options takes args as a []any (nil for none).
//
//	n, err := orm.Count[Note](ctx, "category = ?", []any{"work"})
func Count[T any](ctx context.Context, condition string, args []any, opts ...QueryOption) (int, error) {
	m, err := ModelOf[T]()
	if err != nil {
		return 0, err
	}
	s, err := sessionFor(ctx)
	if err != nil {
		return 0, err
	}
	trashed := collect(opts).trashed
	key := condition
	if trashed {
		key = "\x00trashed\x00" + condition // no condition starts with NUL
	}
	// The statement depends only on the model, the dialect, the condition
	// and Trashed: it is rendered once and kept.
	q := sqlFor(m, s.db.dialect).countSQL(key, func() string {
		b := Query[T](ctx)
		if strings.TrimSpace(condition) != "" {
			b.Where(condition)
		}
		if trashed {
			b.WithTrashed()
		}
		q, _ := b.render(s.db.dialect, "count")
		return q
	})
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return 0, wrap("count", m.Table(), err)
	}
	n, err := scanInt(rows)
	return n, wrap("count", m.Table(), err)
}

// Select runs a full SELECT written by the developer, with ? placeholders,
// and scans its rows into T by column name (columns T does not have are
// ignored). It returns the page (with Limit and Offset) and the total. The
// SQL is used as written: it adds no soft-delete filter.
func Select[T any](ctx context.Context, query string, args []any, opts ...QueryOption) ([]T, int, error) {
	m, err := ModelOf[T]()
	if err != nil {
		return nil, 0, err
	}
	s, err := sessionFor(ctx)
	if err != nil {
		return nil, 0, err
	}
	o := collect(opts)
	if o.limit < 0 || o.offset < 0 {
		return nil, 0, wrap("select", m.Table(), invalidf("orm: limit and offset must not be negative"))
	}
	d := s.db.dialect
	q := strings.TrimRight(strings.TrimSpace(query), ";")
	rows, err := s.query(ctx, d.Rebind(q+d.Limit(o.limit, o.offset)), args...)
	if err != nil {
		return nil, 0, wrap("select", m.Table(), err)
	}
	out, err := scanRows[T](m, rows, false, o.limit)
	if err != nil {
		return nil, 0, wrap("select", m.Table(), err)
	}
	if err := includePaths(ctx, s, m, o.include, out, o.inclLimits); err != nil {
		return nil, 0, wrap("select", m.Table(), err)
	}
	if total, ok := totalFromPage(len(out), o.limit, o.offset); ok {
		return out, total, nil
	}
	rows, err = s.query(ctx, d.Rebind("SELECT COUNT(*) FROM ("+q+") AS "+d.Quote("t")), args...)
	if err != nil {
		return nil, 0, wrap("select", m.Table(), err)
	}
	total, err := scanInt(rows)
	if err != nil {
		return nil, 0, wrap("select", m.Table(), err)
	}
	return out, total, nil
}
