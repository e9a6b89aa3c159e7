package crud

import (
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/orm/schema"
)

// TotalParam is the list route's query key that chooses how the page's
// total is told: total=exact (the default, unless WithTotal changes it),
// total=none (no total: "total": null, and no COUNT), or total=estimate (the
// engine's statistics of the table, approximate; see orm.TotalEstimate).
// true and false are accepted for exact and none. On a model with a column
// named total, filter it with total__eq.
const TotalParam = "total"

// totalModes maps the values of TotalParam to the ORM's modes.
var totalModes = map[string]orm.TotalMode{
	"exact": orm.TotalExact, "true": orm.TotalExact,
	"none": orm.TotalNone, "false": orm.TotalNone,
	"estimate": orm.TotalEstimate,
}

// parseTotal reads the value of TotalParam.
func parseTotal(val string) (orm.TotalMode, error) {
	if m, ok := totalModes[val]; ok {
		return m, nil
	}
	return 0, invalid("total must be exact, none or estimate, got %q (filter a column named total with total__eq)", val)
}

// WithTotal sets how a list tells its total when the request does not say
// (with total=exact, none or estimate): orm.TotalExact by default. A model
// whose clients never show a total, or whose table is too big to count on
// every page, can default to orm.TotalNone or orm.TotalEstimate.
func WithTotal(mode orm.TotalMode) Option {
	return func(o *options) { o.total = mode }
}

// totalParam describes TotalParam for QueryParams, with the route's default.
func totalParam(def orm.TotalMode) QueryParam {
	return QueryParam{Name: TotalParam, Kind: schema.String, Enum: []string{"exact", "none", "estimate"},
		Description: "How the page tells its total (default " + def.String() + "): exact counts the matching rows " +
			"(free when the page is not full), none answers \"total\": null and counts nothing, estimate takes " +
			"the database's statistics of the table without counting (approximate: as of the last ANALYZE, " +
			"soft-deleted rows included; with filters, or no statistics yet, it counts)."}
}
