package crud

import (
	"fmt"
	"slices"

	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/orm/schema"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// Action is what an AutoCrud route does.
type Action uint8

// The actions of the AutoCrud routes (see the package doc).
const (
	ActionList   Action = iota + 1 // GET {prefix}/{table}
	ActionCreate                   // POST {prefix}/{table}
	ActionGet                      // GET {prefix}/{table}/{id}
	ActionUpdate                   // PUT and PATCH {prefix}/{table}/{id}
	ActionDelete                   // DELETE {prefix}/{table}/{id}
)

var actionNames = [...]string{ActionList: "list", ActionCreate: "create", ActionGet: "get", ActionUpdate: "update", ActionDelete: "delete"}

// String returns the action's name ("list").
func (a Action) String() string {
	if int(a) < len(actionNames) && actionNames[a] != "" {
		return actionNames[a]
	}
	return fmt.Sprintf("Action(%d)", a)
}

// Endpoint is one route AutoCrud mounted, for code that describes the API,
// such as the OpenAPI document.
type Endpoint struct {
	Route  *router.Route
	Model  *orm.Model
	Action Action
	// Limit is the list's page size when a request gives none; MaxLimit caps
	// the size a request may ask for.
	Limit, MaxLimit int
	// Total is how the list tells its total when a request does not say
	// (see WithTotal and TotalParam).
	Total orm.TotalMode

	router *router.Router // where it is mounted: see Endpoint.offers
}

// Endpoints returns the AutoCrud routes mounted on r, in registration order.
func Endpoints(r *router.Router) []Endpoint {
	s := mountsOf(r)
	s.Lock()
	defer s.Unlock()
	return slices.Clone(s.endpoints)
}

// QueryParam is one query-string key the list route accepts.
type QueryParam struct {
	// Name is the key: "limit", "order", "title__icontains",
	// "author__name" (a filter through the author foreign key).
	Name        string
	Description string
	// Kind is the type of the value: schema.Int for paging, the compared
	// column's kind for a filter (schema.Bool for isnull and notnull),
	// schema.String for order and include.
	Kind schema.Kind
	// List is true when the value is a comma-separated list (in, not_in,
	// order, include); Enum then limits the items, else the whole value.
	List bool
	Enum []string
	// Minimum and Default bound and fill a paging value (nil when none).
	Minimum, Default *int
	// Field is the column a filter compares (on the related model for a
	// traversal), Relation the foreign key it follows (nil when none), Op
	// its operator ("eq" for the bare key). All are nil or empty for
	// paging, order and include.
	Field    *orm.Field
	Relation *orm.Relation
	Op       string
}

// QueryParams returns every key the list route of e accepts: the paging
// keys, order, include, and one filter per column and operator
// (orm.Field.FilterOps), including the columns of the models its foreign
// keys point to ("author__name__icontains"). Hidden columns are left out,
// and so, on a public operation, are includes and filters into models a
// public caller cannot read (see checkRelationAccess). It is nil for the
// other actions.
func (e Endpoint) QueryParams() []QueryParam {
	if e.Action != ActionList {
		return nil
	}
	one, zero, limit := 1, 0, e.Limit
	ps := []QueryParam{
		{Name: "limit", Kind: schema.Int, Minimum: &one, Default: &limit,
			Description: fmt.Sprintf("Page size; larger values are capped at %d. Not with per_page.", e.MaxLimit)},
		{Name: "skip", Kind: schema.Int, Minimum: &zero, Default: &zero, Description: "Rows to skip. Not with page."},
		{Name: "offset", Kind: schema.Int, Minimum: &zero, Description: "An alias of skip."},
		{Name: "page", Kind: schema.Int, Minimum: &one, Description: "1-based page number, of per_page (or limit) rows. Not with skip or offset."},
		{Name: "per_page", Kind: schema.Int, Minimum: &one, Description: "An alias of limit, for page."},
		totalParam(e.Total),
	}
	var order []string
	for _, f := range e.Model.Fields {
		if !f.Hidden {
			order = append(order, f.Column, "-"+f.Column)
		}
	}
	ps = append(ps, QueryParam{Name: "order", Kind: schema.String, List: true, Enum: order,
		Description: "Columns to order by, comma-separated; a leading - sorts descending."})
	if inc := e.offeredPaths(includePaths(e.Model)); len(inc) > 0 {
		ps = append(ps, QueryParam{Name: "include", Kind: schema.String, List: true, Enum: inc,
			Description: "Relations to embed in each row, comma-separated; a.b embeds b in each a."})
	}
	for _, f := range e.Model.Fields {
		for _, p := range filterParams("", nil, f, f.Nullable) {
			if p.Name != TotalParam { // a column named total: total__eq filters it
				ps = append(ps, p)
			}
		}
	}
	for _, r := range e.Model.Relations {
		if r.Kind != orm.RelBelongsTo {
			continue
		}
		target, err := r.Target()
		if err != nil || !e.offers(target) {
			continue // the list answers 400 (or 401) for it too
		}
		for _, f := range target.Fields {
			ps = append(ps, filterParams(r.Name+"__", r, f, true)...)
		}
	}
	return ps
}

// includePaths lists the relations include accepts, one level nested,
// leaving out the paths that return to m (refused: see QueryLimits).
func includePaths(m *orm.Model) []string {
	var out []string
	for _, r := range m.Relations {
		out = append(out, r.Name)
		target, err := r.Target()
		if err != nil {
			continue
		}
		for _, sub := range target.Relations {
			if st, err := sub.Target(); err == nil && st == m && target != m {
				continue // "books.writer" from writers leads back
			}
			out = append(out, r.Name+"."+sub.Name)
		}
	}
	return out
}

// opText words each operator for the parameter's description.
var opText = map[string]string{
	"eq": "equals", "ne": "differs from", "in": "is one of (comma-separated)", "not_in": "is none of (comma-separated)",
	"lt": "is less than", "lte": "is at most", "gt": "is greater than", "gte": "is at least",
	"like": "matches the SQL LIKE pattern", "startswith": "starts with", "endswith": "ends with", "contains": "contains",
	"istartswith": "starts with, ignoring case", "iendswith": "ends with, ignoring case", "icontains": "contains, ignoring case",
	"isnull": "is NULL (true) or not (false)", "notnull": "is not NULL (true) or is (false)",
}

func filterParams(prefix string, rel *orm.Relation, f *orm.Field, nullable bool) []QueryParam {
	var out []QueryParam
	label := f.Column
	if rel != nil {
		label = rel.Name + "." + f.Column
	}
	for _, op := range orm.FilterOps(f, nullable) {
		p := QueryParam{Name: prefix + f.Column, Kind: f.Kind, Field: f, Relation: rel, Op: op,
			Description: "Filter: " + label + " " + opText[op] + "."}
		if op != "eq" {
			p.Name += "__" + op
		}
		switch op {
		case "in", "not_in":
			p.List = true
		case "isnull", "notnull":
			p.Kind = schema.Bool
		}
		out = append(out, p)
	}
	return out
}
