package orm

import (
	"context"
	"maps"
	"reflect"
	"slices"
)

// IncludePlan chooses how Include loads the relations of a query's rows.
//
// Under PlanCheapest (the default) a forward foreign key (ForeignKey,
// NullForeignKey), and a chain of them ("author.publisher"), is loaded by a
// LEFT JOIN in the rows' own query, as SelectRelated does: no second
// statement, and on the bench about as fast as the query alone. A to-many
// edge (HasMany, ManyToMany) and HasOne are loaded by one query per
// relation and level over the keys of the rows above (an IN list): a JOIN
// would repeat each row once per related row. A forward key below a to-many
// edge, or one whose subtree holds a to-many edge, is loaded by query too.
// The JOIN is used only when the query selects whole rows, has a LIMIT, no
// SQL written by hand (Where, OrderBy, Join, GroupBy, Having: an unqualified
// column there could become ambiguous; Filter, FilterText, OrderByField and
// the relation queries are fine), and a LIMIT that cannot pass
// IncludeLimits.MaxRows, so both plans give the same rows and the same
// errors.
//
// PlanQueries loads every relation by query, forward keys included: one
// statement per relation and level.
type IncludePlan uint8

const (
	// PlanCheapest joins forward keys and queries to-many edges.
	PlanCheapest IncludePlan = iota
	// PlanQueries runs one query per relation and level for every edge.
	PlanQueries
)

// IncludePlan sets how the builder's Include loads relations (PlanCheapest
// by default).
func (b *Builder[T]) IncludePlan(p IncludePlan) *Builder[T] { b.inclPlan = p; return b }

// planIncludes splits the include tree into the forward-key paths the query
// joins and the rest, loaded by query afterwards. It returns the builder to
// run (a copy of b with the joins, or b itself), the rest of the tree, and
// the indexes (in run.joinPaths) of the joined include paths.
func (b *Builder[T]) planIncludes() (*Builder[T], includeTree, []int) {
	if b.inclPlan != PlanCheapest || len(b.incl) == 0 || b.model == nil || b.raw ||
		len(b.cols) > 0 || len(b.groupBy) > 0 || b.limit <= 0 {
		return b, b.incl, nil
	}
	var joined []string
	rest := includeTree{}
	for name, sub := range b.incl {
		r := b.model.Relation(name)
		if r == nil || r.Kind != RelBelongsTo {
			rest[name] = sub
			continue
		}
		paths, ok := forwardPaths(r, name, sub)
		if !ok {
			rest[name] = sub
			continue
		}
		joined = append(joined, paths...)
	}
	if len(joined) == 0 {
		return b, b.incl, nil
	}
	if max := b.inclLimits.rows(); max >= 0 && b.limit*len(joined) > max {
		return b, b.incl, nil // the joins could embed more rows than the limit: let the queries count them
	}
	slices.Sort(joined)
	run := *b
	run.joinPaths = slices.Clone(b.joinPaths)
	run.joinIndex = maps.Clone(b.joinIndex)
	run.selected = slices.Clone(b.selected)
	run.SelectRelated(joined...)
	if run.err != nil {
		return b, b.incl, nil
	}
	idx := make([]int, len(joined))
	for i, p := range joined {
		idx[i] = run.joinIndex[p]
	}
	return &run, rest, idx
}

// forwardPaths lists the SelectRelated paths of the forward key r (named
// name) and its subtree, or false when the subtree holds an edge that is
// not a forward key.
func forwardPaths(r *Relation, name string, sub includeTree) ([]string, bool) {
	target, err := r.Target()
	if err != nil {
		return nil, false
	}
	out := []string{name}
	for child, csub := range sub {
		cr := target.Relation(child)
		if cr == nil || cr.Kind != RelBelongsTo {
			return nil, false
		}
		more, ok := forwardPaths(cr, name+"__"+child, csub)
		if !ok {
			return nil, false
		}
		out = append(out, more...)
	}
	return out, true
}

// joinedRows counts the related rows the joins of paths (indexes into
// b.joinPaths) attached to rows, each time it is embedded: what the
// query plan would have counted against IncludeLimits.MaxRows.
func (b *Builder[T]) joinedRows(rows []T, paths []int) int {
	n := 0
	for _, j := range paths {
		var chain []int
		for k := j; k >= 0; k = b.joinPaths[k].parent {
			chain = append(chain, k)
		}
		slices.Reverse(chain)
	row:
		for i := range rows {
			v := reflect.ValueOf(&rows[i]).Elem()
			for _, k := range chain {
				ts := v.FieldByIndex(b.joinPaths[k].rel.Index).Addr().Interface().(targetSetter)
				t, ok := ts.loadedTarget()
				if !ok {
					continue row
				}
				tv := reflect.ValueOf(t)
				if tv.IsNil() {
					continue row
				}
				v = tv.Elem()
			}
			n++
		}
	}
	return n
}

// loadRest eager-loads the tree for rows after spent related rows were
// embedded by joins, within the limits l.
func loadRest(ctx context.Context, s session, m *Model, t includeTree, rows any, l IncludeLimits, spent int) error {
	budget := newRowBudget(l)
	if err := budget.spend(spent); err != nil {
		return err
	}
	if len(t) == 0 {
		return nil
	}
	rv := reflect.ValueOf(rows)
	vals := make([]reflect.Value, rv.Len())
	for i := range vals {
		vals[i] = rv.Index(i)
	}
	ld := &loader{ctx: ctx, s: s, budget: budget}
	return ld.load(t, m, vals, nil)
}

// findJoined is Find for a row whose include tree has forward keys to join
// (see IncludePlan): the row and those relations in one query, the rest by
// query. ok is false when nothing would be joined; Find then runs its own
// statement.
func findJoined[T any](ctx context.Context, m *Model, id any, incl includeTree, o queryOptions) (_ *T, ok bool, _ error) {
	b := Query[T](ctx)
	b.incl, b.inclLimits, b.limit, b.trashed = incl, o.inclLimits, 1, o.trashed
	b.where(b.qualified(m.PK.Column)+" = ?", id)
	if _, _, joined := b.planIncludes(); len(joined) == 0 {
		return nil, false, nil
	}
	rows, err := b.Get()
	if err != nil {
		return nil, true, err
	}
	if len(rows) == 0 {
		return nil, true, nil
	}
	return &rows[0], true, nil
}
