package crud

import (
	"strconv"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// The defaults of QueryLimits: how much one list or get request may ask
// for. Each bounds something that grows the SQL or the answer; a request
// past one is a 400 naming the limit.
const (
	// DefaultMaxFilters is the most filters one list request may give.
	DefaultMaxFilters = 32
	// DefaultMaxFilterValues is the most values all the filters of one list
	// request may bind together (each value of an "in" list counts).
	DefaultMaxFilterValues = 2000
	// DefaultMaxOrder is the most distinct fields one list may be ordered by.
	DefaultMaxOrder = 8
	// DefaultMaxFilterDepth is the most relations one filter key may follow
	// ("author__publisher__name" follows 2).
	DefaultMaxFilterDepth = 3
	// DefaultMaxJoins is the most distinct relation paths the filters of one
	// list request may follow together, each a join ("author__name" and
	// "author__publisher__name" follow 2: author, author__publisher). MySQL
	// refuses more than 61 tables in one statement.
	DefaultMaxJoins = 16
	// DefaultMaxIncludeDepth is the most relations one include path may
	// follow ("posts.comments.author" follows 3).
	DefaultMaxIncludeDepth = orm.DefaultMaxIncludeDepth
	// DefaultMaxIncludes is the most relations the include paths of one
	// request may name together ("posts.comments,posts.tags" names 3), each
	// loaded with one query or more.
	DefaultMaxIncludes = orm.DefaultMaxIncludeRelations
	// DefaultMaxIncludeRows is the most related rows one answer may embed,
	// counting a row once per place it is written (see orm.IncludeLimits).
	DefaultMaxIncludeRows = orm.DefaultMaxIncludeRows
)

// QueryLimits bounds the work one list or get request may ask for. A zero
// field takes its default (the Default... constants).
//
// Include paths may not return to a model already on the path
// ("posts.author" from authors): see orm.IncludeLimits.
type QueryLimits struct {
	MaxFilters      int // filters in one list request
	MaxFilterValues int // values bound by all the filters of one list request
	MaxOrder        int // distinct order fields, after duplicates are dropped
	MaxFilterDepth  int // relations one filter key follows
	MaxJoins        int // distinct relation paths all the filters follow
	MaxIncludeDepth int // relations one include path follows
	MaxIncludes     int // relations all the include paths name together
	MaxIncludeRows  int // related rows embedded in one answer, counted while they load
}

// WithQueryLimits sets the limits of the list and get routes; zero fields
// keep their defaults. It panics on a negative limit, like other
// registration mistakes.
func WithQueryLimits(l QueryLimits) Option {
	for _, n := range []int{l.MaxFilters, l.MaxFilterValues, l.MaxOrder, l.MaxFilterDepth, l.MaxJoins, l.MaxIncludeDepth, l.MaxIncludes, l.MaxIncludeRows} {
		if n < 0 {
			panic("crud: WithQueryLimits: limits must not be negative")
		}
	}
	return func(o *options) { o.bounds = l }
}

// withDefaults fills the zero fields of l with the defaults.
func (l QueryLimits) withDefaults() QueryLimits {
	def := func(n *int, d int) {
		if *n == 0 {
			*n = d
		}
	}
	def(&l.MaxFilters, DefaultMaxFilters)
	def(&l.MaxFilterValues, DefaultMaxFilterValues)
	def(&l.MaxOrder, DefaultMaxOrder)
	def(&l.MaxFilterDepth, DefaultMaxFilterDepth)
	def(&l.MaxJoins, DefaultMaxJoins)
	def(&l.MaxIncludeDepth, DefaultMaxIncludeDepth)
	def(&l.MaxIncludes, DefaultMaxIncludes)
	def(&l.MaxIncludeRows, DefaultMaxIncludeRows)
	return l
}

// include returns the limits the ORM applies to an include (l has its
// defaults filled in).
func (l QueryLimits) include() orm.IncludeLimits {
	return orm.IncludeLimits{MaxDepth: l.MaxIncludeDepth, MaxRelations: l.MaxIncludes, MaxRows: l.MaxIncludeRows}
}

// shapeCounter counts what a list request's query string adds to the SQL,
// failing as soon as a limit is passed (so a long query string is not read
// to its end first).
type shapeCounter struct {
	lim     QueryLimits
	filters int
	values  int
	order   []string // the distinct order fields, without their "-"
	joins   map[string]bool
}

// filter counts one filter, key=value.
func (c *shapeCounter) filter(key, val string) error {
	c.filters++
	if c.filters > c.lim.MaxFilters {
		return invalid("too many filters: at most %d in one request", c.lim.MaxFilters)
	}
	path, op := orm.SplitFilterKey(key)
	if depth := len(path) - 1; depth > c.lim.MaxFilterDepth {
		return invalid("filter %q follows %d relations, more than the limit of %d", key, depth, c.lim.MaxFilterDepth)
	}
	for i := 1; i < len(path); i++ {
		if c.joins == nil {
			c.joins = map[string]bool{}
		}
		c.joins[strings.Join(path[:i], "__")] = true
		if len(c.joins) > c.lim.MaxJoins {
			return invalid("too many relations joined: the filters of one request may follow at most %d distinct relation paths", c.lim.MaxJoins)
		}
	}
	n := 1
	if op == "in" || op == "not_in" {
		n += strings.Count(val, ",")
	}
	c.values += n
	if c.values > c.lim.MaxFilterValues {
		return invalid("too many filter values: at most %d over all the filters of one request", c.lim.MaxFilterValues)
	}
	return nil
}

// orderField counts one order item ("title", "-views"); it reports false
// for a field already ordered by, which adds nothing and is dropped.
func (c *shapeCounter) orderField(item string) (bool, error) {
	name := strings.TrimPrefix(item, "-")
	for _, seen := range c.order {
		if seen == name {
			return false, nil
		}
	}
	if len(c.order) == c.lim.MaxOrder {
		return false, invalid("order: at most %d distinct fields", c.lim.MaxOrder)
	}
	c.order = append(c.order, name)
	return true, nil
}

// parseIncludeValue splits one include value into its paths.
func parseIncludeValue(val string, into []string) ([]string, error) {
	for item := range strings.SplitSeq(val, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			return into, invalid("include: empty relation name in %q", val)
		}
		into = append(into, item)
	}
	return into, nil
}

// canonicalInt reports whether an {id:int} parameter is written as its
// number is ("1", "-3"), not with a sign, leading zeros or spaces ("+1",
// "01"): a key is one text, not every text that parses to it.
func canonicalInt(p router.PathParam) bool {
	// Compared without allocating; 20 bytes hold the longest int64.
	var b [20]byte
	return string(strconv.AppendInt(b[:0], p.Int, 10)) == p.Value
}
