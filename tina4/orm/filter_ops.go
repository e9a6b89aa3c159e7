package orm

import (
	"slices"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// The operators by the values they compare: every kind has the equality and
// list operators, ordered kinds the comparisons, text the pattern operators,
// and nullable columns the NULL tests. "le" and "ge" are aliases of "lte"
// and "gte" and are not listed.
var (
	eqOps      = []string{"eq", "ne", "in", "not_in"}
	compareOps = []string{"lt", "lte", "gt", "gte"}
	textOps    = []string{"like", "startswith", "endswith", "contains", "istartswith", "iendswith", "icontains"}
	nullOps    = []string{"isnull", "notnull"}
)

// FilterOps returns the filter operators that apply to a column of f's kind
// (see Builder.Filter), "eq" first: the operators a query string can use on
// it as "column__op", for documentation such as an OpenAPI description of
// AutoCrud's list. nullable adds isnull and notnull; pass f.Nullable, or true
// for a column reached through a foreign key (a LEFT JOIN). Binary columns
// cannot be filtered and have none; hidden columns have none either.
func FilterOps(f *Field, nullable bool) []string {
	if f.Hidden || f.Kind == dialect.Bytes {
		return nil
	}
	ops := append([]string(nil), eqOps...)
	if f.Kind != dialect.Bool {
		ops = append(ops, compareOps...)
	}
	if f.Kind == dialect.String || f.Kind == dialect.Text {
		ops = append(ops, textOps...)
	}
	if nullable {
		ops = append(ops, nullOps...)
	}
	return ops
}

// acceptsOp reports whether a filter operator applies to f (le and ge are
// the aliases of lte and gte): LIKE on a number or a comparison of
// booleans is refused before it reaches an engine that would reject it.
func acceptsOp(f *Field, op string) bool {
	switch op {
	case "le":
		op = "lte"
	case "ge":
		op = "gte"
	}
	return slices.Contains(FilterOps(f, true), op)
}
