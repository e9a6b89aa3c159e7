package openapi

import (
	"slices"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/orm/schema"
)

// documentedOps are the filter operators the document lists for a column of
// each kind: equality and in for every kind, the comparisons for ordered
// kinds, icontains and startswith for text, and isnull (added for nullable
// columns). The route accepts more (ne, not_in, like, contains, endswith,
// istartswith, iendswith, notnull, comparisons of text): listing them all
// made a five-relation model's list take 146 parameters and a generated
// client run to 16,000 lines, so the operation's description names them
// instead.
var documentedOps = map[schema.Kind][]string{
	schema.Int:    {"eq", "in", "lt", "lte", "gt", "gte"},
	schema.Float:  {"eq", "in", "lt", "lte", "gt", "gte"},
	schema.Time:   {"eq", "in", "lt", "lte", "gt", "gte"},
	schema.String: {"eq", "in", "icontains", "startswith"},
	schema.Text:   {"eq", "in", "icontains", "startswith"},
	schema.Bool:   {"eq"},
}

// filterNote is added to the list operation's description: what the
// parameters leave out.
const filterNote = "Every filter key is column__operator. Beside the operators the parameters list, the route accepts " +
	"ne, not_in, notnull, lt/lte/gt/gte on text and like, contains, endswith, istartswith, iendswith on text " +
	"(title__ne=draft, title__iendswith=go)."

// traversalNote is added when the model has foreign keys to filter through.
const traversalNote = "Filters reach through foreign keys with every operator of the related column, " +
	"as on the model's own columns (author__name__icontains=ann); the parameters list their equality form."

// listParams chooses which of the list route's query keys
// (crud.Endpoint.QueryParams) the document describes, so that generated
// clients stay small and compile:
//
//   - paging, order and include;
//   - for each of the model's own columns, the operators of its kind in
//     documentedOps, and isnull when it is nullable;
//   - a filter through a foreign key in its equality form only
//     (author__name), and not at all for the related primary key
//     (author__id), which the foreign-key column (author_id) filters;
//   - never a key whose identifier in a generated client (its letters and
//     digits, case folded: author__id and author_id are both AuthorId)
//     equals one described already, so no two parameters of one operation
//     collide in oapi-codegen, openapi-typescript or similar generators.
//
// The list route accepts every key QueryParams lists, described or not.
// traversal reports whether the model has filters through foreign keys.
func listParams(e crud.Endpoint) (ps []crud.QueryParam, traversal bool) {
	seen := map[string]bool{}
	for _, q := range e.QueryParams() {
		switch {
		case q.Relation != nil:
			traversal = true
			if q.Op != "eq" || q.Relation.Key != nil && q.Field != nil && q.Field.PrimaryKey {
				continue
			}
		case q.Field != nil:
			if q.Op != "isnull" && !slices.Contains(documentedOps[q.Field.Kind], q.Op) {
				continue
			}
		}
		id := identifier(q.Name)
		if seen[id] {
			continue
		}
		seen[id] = true
		ps = append(ps, q)
	}
	return ps, traversal
}

// identifier is the name a client generator derives from a parameter key:
// its letters and digits, lower-cased.
func identifier(name string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return -1
	}, name)
}
