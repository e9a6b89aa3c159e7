package orm

import (
	"slices"
	"sort"
	"strings"
)

// The defaults of IncludeLimits: what an Include may do when nothing else is
// set.
const (
	// DefaultMaxIncludeDepth is the most relations one include path may
	// follow: "posts.comments.author" is 3 deep.
	DefaultMaxIncludeDepth = 3
	// DefaultMaxIncludeRows is the most related rows one Include may embed
	// in the rows it loads them for (see IncludeLimits.MaxRows).
	DefaultMaxIncludeRows = 5000
	// DefaultMaxIncludeRelations is the most relations one Include may name
	// over all its paths ("posts.comments" and "posts.tags" name 3: posts,
	// posts.comments, posts.tags); each costs at least one query.
	DefaultMaxIncludeRelations = 16
)

// IncludeLimits bound the work of an Include, so that an include path given
// by a client (a query string) cannot make one request load an unbounded
// number of rows:
//
//   - MaxDepth is the most relations one path may follow ("a.b.c" is 3);
//     0 means DefaultMaxIncludeDepth, a negative value no limit.
//   - MaxRelations is the most distinct relations the paths name together
//     (each is one query or more); 0 means DefaultMaxIncludeRelations, a
//     negative value no limit.
//   - MaxRows is the most related rows embedded in one result, counting a
//     row once per place it is embedded (an author shared by 20 posts counts
//     20, as it is written out 20 times). Loading stops as soon as the count
//     passes the limit, so memory stays bounded whatever the data; the
//     query then fails with an ErrInvalid error naming the limit. 0 means
//     DefaultMaxIncludeRows, a negative value no limit.
//
// Unless AllowRevisit is set, a path may not return to a model it has
// already passed through ("posts.author" from authors, "shelf.books" from
// books, "author.posts.author"): such a path embeds rows the answer already
// holds, and multiplies them at each level. It is an ErrInvalid error.
// Relations of a model to itself (parent, children) are the exception:
// each step reaches other rows of a tree, and MaxDepth bounds the walk.
// AllowRevisit lets code that wants such paths ("the other stories of each
// label") have them; the depth and row limits still apply.
type IncludeLimits struct {
	MaxDepth     int
	MaxRelations int
	MaxRows      int
	AllowRevisit bool
}

// depth and rows return the effective limits, -1 for none.
func (l IncludeLimits) depth() int { return effectiveLimit(l.MaxDepth, DefaultMaxIncludeDepth) }
func (l IncludeLimits) rows() int  { return effectiveLimit(l.MaxRows, DefaultMaxIncludeRows) }
func (l IncludeLimits) relations() int {
	return effectiveLimit(l.MaxRelations, DefaultMaxIncludeRelations)
}

func effectiveLimit(n, def int) int {
	switch {
	case n == 0:
		return def
	case n < 0:
		return -1
	}
	return n
}

// MaxIncludeDepth sets IncludeLimits.MaxDepth for the Include of Find,
// Where, All, Select and WithTrashed.
func MaxIncludeDepth(n int) QueryOption {
	return func(o *queryOptions) { o.inclLimits.MaxDepth = n }
}

// MaxIncludeRows sets IncludeLimits.MaxRows for the Include of Find, Where,
// All, Select and WithTrashed.
func MaxIncludeRows(n int) QueryOption {
	return func(o *queryOptions) { o.inclLimits.MaxRows = n }
}

// WithIncludeLimits sets both include limits of Find, Where, All, Select and
// WithTrashed at once.
func WithIncludeLimits(l IncludeLimits) QueryOption {
	return func(o *queryOptions) { o.inclLimits = l }
}

// IncludeLimits sets the limits of the builder's Include and
// PrefetchRelated (see IncludeLimits).
func (b *Builder[T]) IncludeLimits(l IncludeLimits) *Builder[T] {
	b.inclLimits = l
	return b
}

// checkLimits refuses a tree, of model m, with a path deeper than the limit
// or (unless allowed) a path that returns to a model already on it.
func (t includeTree) checkLimits(m *Model, l IncludeLimits) error {
	if max := l.depth(); max >= 0 {
		if d := t.depth(); d > max {
			path := strings.Join(t.deepest(max+1), ".")
			if d > max+1 {
				path += "..."
			}
			return invalidf("orm: include %q follows %d relations, more than the limit of %d", path, d, max)
		}
	}
	if max := l.relations(); max >= 0 {
		if n := t.size(); n > max {
			return invalidf("orm: include names %d relations, more than the limit of %d", n, max)
		}
	}
	if l.AllowRevisit {
		return nil
	}
	return t.checkRevisits(m, nil, []*Model{m})
}

// checkRevisits walks the tree below model m, reached by path through the
// models seen, refusing a step into a model already seen (other than m's
// relations to itself).
func (t includeTree) checkRevisits(m *Model, path []string, seen []*Model) error {
	for _, name := range t.names() {
		r := m.Relation(name)
		target, err := r.Target()
		if err != nil {
			return err
		}
		p := append(path[:len(path):len(path)], name)
		if target != m && slices.Contains(seen, target) {
			return invalidf("orm: include %q: %s leads back to %s, already on the path; an include may not return to a model it has passed through",
				strings.Join(p, "."), name, target.Name)
		}
		if err := t[name].checkRevisits(target, p, append(seen[:len(seen):len(seen)], target)); err != nil {
			return err
		}
	}
	return nil
}

// size returns how many relations the tree names (its nodes).
func (t includeTree) size() int {
	n := len(t)
	for _, sub := range t {
		n += sub.size()
	}
	return n
}

// depth returns how many relations the longest path of the tree follows.
func (t includeTree) depth() int {
	d := 0
	for _, sub := range t {
		d = max(d, 1+sub.depth())
	}
	return d
}

// deepest returns the first n names of the longest path of the tree (the
// first in name order among equals).
func (t includeTree) deepest(n int) []string {
	var path []string
	for node := t; len(node) > 0 && len(path) < n; {
		best, bd := "", -1
		for _, name := range node.names() {
			if d := node[name].depth(); d > bd {
				best, bd = name, d
			}
		}
		path = append(path, best)
		node = node[best]
	}
	return path
}

// names returns the relation names of one level, sorted.
func (t includeTree) names() []string {
	names := make([]string, 0, len(t))
	for name := range t {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// rowBudget counts the related rows an Include embeds against its limit.
type rowBudget struct {
	left, max int // max < 0: no limit
}

func newRowBudget(l IncludeLimits) *rowBudget {
	n := l.rows()
	return &rowBudget{left: n, max: n}
}

// spend counts n more embedded rows, failing once the limit is passed.
func (b *rowBudget) spend(n int) error {
	if b.max < 0 {
		return nil
	}
	b.left -= n
	if b.left < 0 {
		return invalidf("orm: include: more than %d related rows to embed, the limit of one answer; ask for fewer rows or fewer relations", b.max)
	}
	return nil
}
