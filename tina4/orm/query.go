package orm

import (
	"context"
	"strings"
)

// Builder is a fluent SELECT over a model's table (Query) or any table
// (Table). Fragments given to Where, Join, OrderBy and friends are SQL
// written by the developer, with ? placeholders for values; identifiers that
// come from outside go through FilterBy and OrderByField, which check them
// against the model. SQL returns the statement Get would run.
//
// A Builder is not safe for concurrent use; build one per query.
type Builder[T any] struct {
	ctx     context.Context
	model   *Model // nil for Table builders
	table   string // unquoted table name
	cols    []string
	joins   []string
	conds   []cond
	groupBy []string
	having  []cond
	order   []string
	limit   int
	offset  int
	trashed bool
	raw     bool      // SQL fragments from the developer (Where, OrderBy, ...), whose names may be unqualified
	total   TotalMode // how Page tells the total; see total.go
	incl    includeTree
	err     error

	inclLimits IncludeLimits // bounds of incl; see include_limits.go
	inclPlan   IncludePlan   // how incl is loaded; see include_plan.go

	joinPaths []joinPath     // forward keys followed by filters and SelectRelated
	joinIndex map[string]int // path name -> index in joinPaths
	selected  []int          // joinPaths whose columns SelectRelated loads
}

type cond struct {
	or   bool
	sql  string
	args []any
}

// Scope is a reusable, named filter on a model: a function that refines a
// builder (chapter section 10). Apply composes scopes with each other and
// with pagination.
type Scope[T any] func(*Builder[T]) *Builder[T]

// Query starts a builder over model T's table. Soft-deleted rows are left out
// unless WithTrashed is called.
func Query[T any](ctx context.Context) *Builder[T] {
	m, err := ModelOf[T]()
	b := &Builder[T]{ctx: ctx, model: m, err: err}
	if m != nil {
		b.table = m.Table()
	}
	return b
}

// Table starts a builder over any table whose rows are returned as maps from
// column name to value, for ad-hoc queries.
func Table(ctx context.Context, table string) *Builder[map[string]any] {
	return &Builder[map[string]any]{ctx: ctx, table: table}
}

// Select sets the selected columns or expressions (all model columns by default).
func (b *Builder[T]) Select(cols ...string) *Builder[T] { b.cols = append(b.cols, cols...); return b }

// Where adds a condition joined with AND, with ? placeholders for args.
func (b *Builder[T]) Where(sql string, args ...any) *Builder[T] {
	b.raw = true
	return b.where(sql, args...)
}

// where adds a condition the ORM wrote, whose columns are qualified.
func (b *Builder[T]) where(sql string, args ...any) *Builder[T] {
	b.conds = append(b.conds, cond{sql: sql, args: args})
	return b
}

// OrWhere adds a condition joined with OR to the conditions before it.
func (b *Builder[T]) OrWhere(sql string, args ...any) *Builder[T] {
	b.conds = append(b.conds, cond{or: true, sql: sql, args: args})
	b.raw = true
	return b
}

// Join adds an INNER JOIN: Join("authors a", "a.id = posts.author_id").
func (b *Builder[T]) Join(table, on string) *Builder[T] {
	b.joins = append(b.joins, "INNER JOIN "+table+" ON "+on)
	b.raw = true
	return b
}

// LeftJoin adds a LEFT JOIN.
func (b *Builder[T]) LeftJoin(table, on string) *Builder[T] {
	b.joins = append(b.joins, "LEFT JOIN "+table+" ON "+on)
	b.raw = true
	return b
}

// GroupBy adds GROUP BY expressions.
func (b *Builder[T]) GroupBy(exprs ...string) *Builder[T] {
	b.groupBy = append(b.groupBy, exprs...)
	return b
}

// Having adds a HAVING condition joined with AND.
func (b *Builder[T]) Having(sql string, args ...any) *Builder[T] {
	b.having = append(b.having, cond{sql: sql, args: args})
	b.raw = true
	return b
}

// OrderBy adds ORDER BY expressions such as "created_at DESC".
func (b *Builder[T]) OrderBy(exprs ...string) *Builder[T] {
	b.order = append(b.order, exprs...)
	b.raw = b.raw || len(exprs) > 0
	return b
}

// OrderByField orders by a model field named by a caller; "-name" sorts
// descending. An unknown field is an ErrInvalid error at execution.
func (b *Builder[T]) OrderByField(names ...string) *Builder[T] {
	for _, n := range names {
		desc := strings.HasPrefix(n, "-")
		n = strings.TrimPrefix(n, "-")
		if b.model == nil || b.model.Field(n) == nil || b.model.Field(n).Hidden {
			b.setErr(invalidf("orm: cannot order %s by unknown field %q", b.table, n))
			continue
		}
		expr := b.qualified(b.model.Field(n).Column)
		if desc {
			expr += " DESC"
		}
		b.order = append(b.order, expr)
	}
	return b
}

// Limit sets the page size; 0 means no limit. A negative value is an error.
func (b *Builder[T]) Limit(n int) *Builder[T] {
	if n < 0 {
		b.setErr(invalidf("orm: limit must not be negative, got %d", n))
	}
	b.limit = n
	return b
}

// Offset sets how many rows to skip. A negative value is an error.
func (b *Builder[T]) Offset(n int) *Builder[T] {
	if n < 0 {
		b.setErr(invalidf("orm: offset must not be negative, got %d", n))
	}
	b.offset = n
	return b
}

// Include eager-loads declared relations with the rows (chapter section 7):
// "author", "posts", nested "posts.comments" (or "posts__comments"). It runs
// one query per relation and level, whatever the number of rows. An unknown
// relation is an ErrInvalid error.
func (b *Builder[T]) Include(paths ...string) *Builder[T] { return b.addIncludes(paths, false) }

// PrefetchRelated eager-loads reverse relations (HasMany, HasOne) with one
// query per level, as SQLiter's prefetch_related; a forward ForeignKey on
// the path is an ErrInvalid error (use SelectRelated or Include for those).
func (b *Builder[T]) PrefetchRelated(paths ...string) *Builder[T] { return b.addIncludes(paths, true) }

func (b *Builder[T]) addIncludes(paths []string, reverseOnly bool) *Builder[T] {
	if b.model == nil {
		b.setErr(invalidf("orm: include needs a model, not the table %s", b.table))
		return b
	}
	tree := parseIncludes(paths)
	if err := tree.check(b.model, reverseOnly); err != nil {
		b.setErr(err)
		return b
	}
	if b.incl == nil {
		b.incl = includeTree{}
	}
	b.incl.merge(tree)
	return b
}

// WithTrashed includes soft-deleted rows.
func (b *Builder[T]) WithTrashed() *Builder[T] { b.trashed = true; return b }

// Apply refines the builder with scopes, in order.
func (b *Builder[T]) Apply(scopes ...Scope[T]) *Builder[T] {
	for _, s := range scopes {
		b = s(b)
	}
	return b
}

// Err returns the first error recorded while building, if any.
func (b *Builder[T]) Err() error { return b.err }

func (b *Builder[T]) setErr(err error) {
	if b.err == nil {
		b.err = err
	}
}
