package orm

// Exclude adds the negation of a Filter condition: the rows Filter(key,
// value) would not select, every operator and traversal included
// (Exclude("status__in", []string{"draft"}), Exclude("author__name", "Ann")).
//
// NULL rule: Exclude is the exact complement of Filter. SQL's NOT (x = ?) is
// NULL, not true, where x is NULL, so it would drop those rows from both
// sides; Exclude renders "(condition) IS NOT TRUE" instead, which keeps
// them. Exclude("category", "news") therefore also returns the rows whose
// category is NULL, and Exclude("author__name", "Ann") the rows without an
// author. Add Filter("category__notnull", true) to leave them out.
func (b *Builder[T]) Exclude(key string, value any) *Builder[T] {
	if sql, args, ok := b.filterCond("exclude", key, value); ok {
		return b.where("("+sql+") IS NOT TRUE", args...) // qualified, as Filter's
	}
	return b
}
