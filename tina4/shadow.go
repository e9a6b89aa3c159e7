package tina4

import (
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// warnShadowedRoutes logs one warning per AutoCrud route that needs a token
// (TINA4_AUTOCRUD_SECURED, crud.Secured, ...) while a custom route open to
// anonymous callers serves the same method and path: custom routes win over
// AutoCrud's fallbacks, so the data the setting guards is served openly
// there. It names the shadowed route and the route that shadows it.
func warnShadowedRoutes(r *router.Router, log *slog.Logger) {
	routes := r.Routes()
	for _, e := range crud.Endpoints(r) {
		for _, m := range e.Route.Methods {
			if !router.NeedsAuth(e.Route, m) {
				continue
			}
			for _, rt := range routes {
				if rt.Fallback || !hasMethod(rt, m) || router.NeedsAuth(rt, m) || !shadows(rt.Pattern, e.Route.Pattern) {
					continue
				}
				log.Warn("tina4: a public custom route shadows a secured AutoCrud route, so anonymous callers reach it",
					"route", m+" "+e.Route.Pattern, "custom", m+" "+rt.Pattern)
				break
			}
		}
	}
}

func hasMethod(rt *router.Route, method string) bool {
	for _, m := range rt.Methods {
		if m == method || m == http.MethodGet && method == http.MethodHead {
			return true
		}
	}
	return false
}

// shadows reports whether some path that pattern b matches is also matched
// by pattern a (Tina4 patterns: literals, {name}, {name:int}, {name:float},
// {name:path} and a trailing *).
func shadows(a, b string) bool {
	as, bs := patternSegments(a), patternSegments(b)
	for i, bseg := range bs {
		if i >= len(as) {
			return false
		}
		aseg := as[i]
		switch typ := paramType(aseg); {
		case typ == "path":
			return true // the rest of the path, one or more segments
		case typ == "":
			if aseg != bseg {
				return false
			}
		case paramType(bseg) != "":
			// two parameters: some value fits both
		case typ == "int":
			if _, err := strconv.ParseInt(bseg, 10, 64); err != nil {
				return false
			}
		case typ == "float":
			if _, err := strconv.ParseFloat(bseg, 64); err != nil {
				return false
			}
		}
	}
	return len(as) == len(bs)
}

// patternSegments splits a pattern into its segments.
func patternSegments(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// paramType returns "" for a literal segment, else the parameter's type
// ("string", "int", "float" or "path").
func paramType(seg string) string {
	if seg == "*" {
		return "path"
	}
	if !strings.HasPrefix(seg, "{") || !strings.HasSuffix(seg, "}") {
		return ""
	}
	if _, typ, ok := strings.Cut(seg[1:len(seg)-1], ":"); ok {
		return typ
	}
	return "string"
}
