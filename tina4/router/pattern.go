package router

import (
	"fmt"
	"strings"
)

// ParamType is the type of a path parameter, written after a colon in a
// pattern: {id:int}. A parameter with no type is a String.
type ParamType uint8

// The parameter types.
const (
	ParamString ParamType = iota // {name}: one non-empty path segment
	ParamInt                     // {name:int}: a segment that parses as an int64
	ParamFloat                   // {name:float}: a segment that parses as a finite float64
	ParamPath                    // {name:path} or a trailing *: the rest of the path, one or more segments
)

var paramTypeNames = [...]string{ParamString: "string", ParamInt: "int", ParamFloat: "float", ParamPath: "path"}

// String returns the type's name as written in a pattern ("int").
func (t ParamType) String() string {
	if int(t) < len(paramTypeNames) {
		return paramTypeNames[t]
	}
	return "unknown"
}

// ParamSpec describes one parameter of a route's pattern.
type ParamSpec struct {
	Name string    // as written; "*" for an unnamed trailing catch-all
	Type ParamType // how the value is checked and converted
}

// segment is one /-separated part of a parsed pattern: a literal, or a
// parameter of some type.
type segment struct {
	static bool
	text   string // the literal, or the parameter's name
	typ    ParamType
}

func (s segment) String() string {
	switch {
	case s.static:
		return s.text
	case s.typ == ParamPath && s.text == "*":
		return "*"
	case s.typ == ParamString:
		return "{" + s.text + "}"
	}
	return "{" + s.text + ":" + s.typ.String() + "}"
}

// formatPattern writes segments back as a pattern.
func formatPattern(segs []segment) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteByte('/')
		b.WriteString(s.String())
	}
	if b.Len() == 0 {
		return "/"
	}
	return b.String()
}

// parsePattern splits a Tina4 path pattern into segments. A pattern starts
// with "/", has no empty segments (one trailing slash is ignored), and each
// segment is a literal, {name}, {name:int}, {name:float}, {name:path} or "*";
// path and * must be last, and parameter names are identifiers used once.
func parsePattern(pattern string) ([]segment, error) {
	if !strings.HasPrefix(pattern, "/") {
		return nil, fmt.Errorf("pattern %q must start with /", pattern)
	}
	rest := strings.TrimSuffix(pattern[1:], "/")
	if rest == "" {
		return nil, nil
	}
	parts := strings.Split(rest, "/")
	segs := make([]segment, 0, len(parts))
	seen := make(map[string]bool, len(parts))
	for i, part := range parts {
		seg, err := parseSegment(part)
		if err != nil {
			return nil, fmt.Errorf("pattern %q: %w", pattern, err)
		}
		if seg.typ == ParamPath && i != len(parts)-1 {
			return nil, fmt.Errorf("pattern %q: %s must be the last segment", pattern, seg)
		}
		if !seg.static {
			if seen[seg.text] {
				return nil, fmt.Errorf("pattern %q: parameter %q used twice", pattern, seg.text)
			}
			seen[seg.text] = true
		}
		segs = append(segs, seg)
	}
	return segs, nil
}

func parseSegment(part string) (segment, error) {
	switch {
	case part == "":
		return segment{}, fmt.Errorf("empty segment")
	case part == "*":
		return segment{text: "*", typ: ParamPath}, nil
	case strings.HasPrefix(part, "{") && strings.HasSuffix(part, "}"):
		return parseParam(part[1 : len(part)-1])
	case strings.ContainsAny(part, "{}*"):
		return segment{}, fmt.Errorf("segment %q: a parameter must be a whole segment such as {id} and * may only stand alone", part)
	case part == "." || part == "..":
		return segment{}, fmt.Errorf("segment %q can never match a clean path", part)
	case part[0] == ':':
		return segment{}, fmt.Errorf("segment %q: write parameters as {name}", part)
	}
	return segment{static: true, text: part}, nil
}

func parseParam(inner string) (segment, error) {
	name, typ, typed := strings.Cut(inner, ":")
	if !isIdent(name) {
		return segment{}, fmt.Errorf("parameter name %q is not an identifier", name)
	}
	if !typed {
		return segment{text: name, typ: ParamString}, nil
	}
	switch typ {
	case "int":
		return segment{text: name, typ: ParamInt}, nil
	case "float":
		return segment{text: name, typ: ParamFloat}, nil
	case "path":
		return segment{text: name, typ: ParamPath}, nil
	case "string", "str":
		return segment{text: name, typ: ParamString}, nil
	}
	return segment{}, fmt.Errorf("parameter %q: unknown type %q (want int, float, path or string)", name, typ)
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		switch {
		case c == '_', 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && '0' <= c && c <= '9':
		default:
			return false
		}
	}
	return true
}
