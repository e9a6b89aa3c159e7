package router

import (
	"math"
	"strconv"
	"strings"
)

// node is one position in a method's route tree. Children are kept by kind so
// that matching can try them in a fixed order of precedence: the literal
// segment, then {x:int}, {x:float}, {x} and finally a catch-all. Matching
// backtracks, so a literal that leads nowhere still lets a parameter match.
//
// The tree stores parameter types, not names: /users/{id:int} and
// /users/{uid:int}/posts share a node, and each route names its own values.
type node struct {
	static map[string]*node
	params [3]*node // indexed by ParamInt, ParamFloat, ParamString: the order they are tried
	rest   *Route   // a {x:path} or * ending here
	route  *Route   // a route ending exactly here
}

// paramOrder is the order parameter children are tried in, by node.params index.
var paramOrder = [3]ParamType{ParamInt, ParamFloat, ParamString}

func paramIndex(t ParamType) int {
	switch t {
	case ParamInt:
		return 0
	case ParamFloat:
		return 1
	}
	return 2
}

// insert adds rt at the position given by segs. If a route already ends there
// it is returned and the tree is unchanged.
func (n *node) insert(segs []segment, rt *Route) (existing *Route) {
	for _, s := range segs {
		switch {
		case s.static:
			if n.static == nil {
				n.static = make(map[string]*node)
			}
			next := n.static[s.text]
			if next == nil {
				next = &node{}
				n.static[s.text] = next
			}
			n = next
		case s.typ == ParamPath:
			if n.rest != nil {
				return n.rest
			}
			n.rest = rt
			return nil
		default:
			i := paramIndex(s.typ)
			if n.params[i] == nil {
				n.params[i] = &node{}
			}
			n = n.params[i]
		}
	}
	if n.route != nil {
		return n.route
	}
	n.route = rt
	return nil
}

// match finds the route for path (without its leading slash) and appends the
// values of its parameters, converted, to *ps. On failure *ps is unchanged.
func (n *node) match(path string, ps *[]PathParam) *Route {
	if path == "" {
		return n.route
	}
	seg, rest := path, ""
	if i := strings.IndexByte(path, '/'); i >= 0 {
		seg, rest = path[:i], path[i+1:]
	}
	if next := n.static[seg]; next != nil {
		if rt := next.match(rest, ps); rt != nil {
			return rt
		}
	}
	if seg != "" {
		for i, next := range n.params {
			if next == nil {
				continue
			}
			p, ok := convert(paramOrder[i], seg)
			if !ok {
				continue
			}
			*ps = append(*ps, p)
			if rt := next.match(rest, ps); rt != nil {
				return rt
			}
			*ps = (*ps)[:len(*ps)-1]
		}
	}
	if n.rest != nil {
		*ps = append(*ps, PathParam{Value: path, Type: ParamPath})
		return n.rest
	}
	return nil
}

// convert checks that seg fits typ and returns it as a parameter value.
func convert(typ ParamType, seg string) (PathParam, bool) {
	p := PathParam{Value: seg, Type: typ}
	switch typ {
	case ParamInt:
		v, err := strconv.ParseInt(seg, 10, 64)
		if err != nil {
			return p, false
		}
		p.Int = v
	case ParamFloat:
		v, err := strconv.ParseFloat(seg, 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return p, false
		}
		p.Float = v
	}
	return p, true
}
