package router

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParsePattern(t *testing.T) {
	tests := []struct {
		pattern string
		want    []segment // nil with wantErr ""
		wantErr string
	}{
		{"/", nil, ""},
		{"/api/notes", []segment{{static: true, text: "api"}, {static: true, text: "notes"}}, ""},
		{"/api/notes/", []segment{{static: true, text: "api"}, {static: true, text: "notes"}}, ""},
		{"/users/{id:int}", []segment{{static: true, text: "users"}, {text: "id", typ: ParamInt}}, ""},
		{"/p/{x:float}/{name}/{s:string}", []segment{{static: true, text: "p"}, {text: "x", typ: ParamFloat}, {text: "name"}, {text: "s"}}, ""},
		{"/files/{rest:path}", []segment{{static: true, text: "files"}, {text: "rest", typ: ParamPath}}, ""},
		{"/static/*", []segment{{static: true, text: "static"}, {text: "*", typ: ParamPath}}, ""},
		{"/v1/things:batch", []segment{{static: true, text: "v1"}, {static: true, text: "things:batch"}}, ""},
		{"api", nil, "must start with /"},
		{"", nil, "must start with /"},
		{"/a//b", nil, "empty segment"},
		{"/a/{id:int}/{id}", nil, "used twice"},
		{"/a/{rest:path}/b", nil, "must be the last segment"},
		{"/a/*/b", nil, "must be the last segment"},
		{"/a/{}", nil, "not an identifier"},
		{"/a/{1x}", nil, "not an identifier"},
		{"/a/{id:uuid}", nil, "unknown type"},
		{"/a/x{id}", nil, "whole segment"},
		{"/a/{id", nil, "whole segment"},
		{"/a/b*", nil, "whole segment"},
		{"/a/:id", nil, "write parameters as {name}"},
		{"/a/../b", nil, "never match"},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			got, err := parsePattern(tt.pattern)
			if tt.wantErr != "" {
				require.Error(t, err, "err = %v, want one containing %q", err, tt.wantErr)
				require.Contains(t, err.Error(), tt.wantErr, "err = %v, want one containing %q", err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
		})
	}
}

// samplePath builds a request path that the parsed pattern must match.
func samplePath(segs []segment) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteByte('/')
		switch {
		case s.static:
			b.WriteString(s.text)
		case s.typ == ParamInt:
			b.WriteString("-42")
		case s.typ == ParamFloat:
			b.WriteString("2.5")
		case s.typ == ParamPath:
			b.WriteString("a/b")
		default:
			b.WriteString("val")
		}
	}
	if b.Len() == 0 {
		return "/"
	}
	return b.String()
}

func FuzzParsePattern(f *testing.F) {
	for _, s := range []string{"/", "/api/notes", "/users/{id:int}/posts/{pid}", "/f/{x:float}", "/files/{p:path}",
		"/static/*", "/a//b", "/{a}/{a}", "/x{y}", "/{id:uuid}", "/a/:b", "/é/{ü}", "/a/b/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, pattern string) {
		segs, err := parsePattern(pattern)
		if err != nil {
			return
		}
		// The segments print back as a pattern that parses the same.
		again, err := parsePattern(formatPattern(segs))
		require.NoError(t, err, "%q: round trip through %q gave %#v, %v", pattern, formatPattern(segs), again, err)
		require.Equal(t, again, segs, "%q: round trip through %q gave %#v, %v", pattern, formatPattern(segs), again, err)
		// A router accepts it and a path built from it reaches the route with
		// every parameter.
		var n node
		rt := &Route{Pattern: pattern}
		require.Nil(t, n.insert(segs, rt), "conflict in an empty tree")
		path := samplePath(segs)
		var ps []PathParam
		got := n.match(strings.TrimSuffix(path[1:], "/"), &ps)
		require.Same(t, rt, got, "%q: path %q did not match", pattern, path)
		params := 0
		for _, s := range segs {
			if !s.static {
				params++
			}
		}
		require.Len(t, ps, params, "%q: path %q gave %d params, want %d", pattern, path, len(ps), params)
	})
}
