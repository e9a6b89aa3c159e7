package crud

import (
	"net/http"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// errRelUnauthorized answers a request whose include, filter or order
// reaches a model it could not read directly: 401 {"error":"Unauthorized"},
// the router's own answer to a secured route.
var errRelUnauthorized = errkind.New(errkind.Unauthorized, "Unauthorized")

// checkRelationAccess enforces the rule that relations obey access rules: an
// include path ("posts.author", "posts__author"), a filter key
// ("author__account__email__startswith") or an order term that follows a
// relation into another model passes only when the request could read that
// model directly, on every hop of the path. "Directly" means by the rule of
// that model's own AutoCrud GET route on the same router (its access level:
// WithAccess, TINA4_AUTOCRUD_SECURED, Configure; see router.NeedsAuth). A
// model AutoCrud does not serve on the router is treated as a secured one:
// only requests with valid credentials may reach it through another model.
//
// A request that may not is answered 401 {"error":"Unauthorized"} (with a
// WWW-Authenticate header), whether or not it carried a token: valid
// credentials read every model, so there is no 403 case. Names that are not
// relations are left to the ORM, which answers 400 for them. The request's
// own model m, reached again along a path, is readable: its route served the
// request.
func checkRelationAccess(r *router.Router, req *router.Request, m *orm.Model, include, filterKeys, order []string) error {
	if r == nil {
		return nil
	}
	var (
		needAuth bool
		checked  map[*orm.Model]bool // each model is looked up once
	)
	visit := func(target *orm.Model) {
		if needAuth || target == m || checked[target] {
			return
		}
		if checked == nil {
			checked = map[*orm.Model]bool{}
		}
		checked[target] = true
		needAuth = readNeedsAuth(r, target)
	}
	for _, p := range include {
		walkRelations(m, strings.Split(strings.ReplaceAll(p, "__", "."), "."), visit)
	}
	for _, k := range filterKeys {
		if !strings.Contains(k, "__") {
			continue // no relation followed
		}
		rels, _, _ := orm.FilterPath(k)
		walkRelations(m, rels, visit)
	}
	for _, o := range order {
		if !strings.Contains(o, "__") {
			continue
		}
		rels, _, _ := orm.FilterPath(strings.TrimPrefix(strings.TrimSpace(o), "-"))
		walkRelations(m, rels, visit)
	}
	if !needAuth || authenticated(r, req) {
		return nil
	}
	return errRelUnauthorized
}

// guardRelations runs checkRelationAccess for the handler's model and, when
// it refuses, adds the WWW-Authenticate header the router sends with its
// own 401s.
func (h *handlers) guardRelations(req *router.Request, res *response.Response, include, filterKeys, order []string) error {
	err := checkRelationAccess(h.router, req, h.model, include, filterKeys, order)
	if err != nil {
		res.Header("WWW-Authenticate", `Bearer realm="api"`)
	}
	return err
}

// walkRelations follows names from m, calling visit with the model each hop
// reaches; it stops at the first name that is not a relation (the ORM
// reports it). Empty names are skipped, as the ORM's include parser skips
// them ("owner..secret" and ".secret" reach secret).
func walkRelations(m *orm.Model, names []string, visit func(*orm.Model)) {
	cur := m
	for _, name := range names {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		rel := cur.Relation(name)
		if rel == nil {
			return
		}
		target, err := rel.Target()
		if err != nil {
			return
		}
		visit(target)
		cur = target
	}
}

// readNeedsAuth reports whether reading model m directly on r needs
// credentials: by the rule of its AutoCrud list route on r, and true when r
// does not serve m.
func readNeedsAuth(r *router.Router, m *orm.Model) bool {
	rt := readRoute(r, m)
	return rt == nil || router.NeedsAuth(rt, http.MethodGet)
}

// readRoute returns the AutoCrud list route of m on r, or nil.
func readRoute(r *router.Router, m *orm.Model) *router.Route {
	s := mountsOf(r)
	s.Lock()
	defer s.Unlock()
	for _, e := range s.endpoints {
		if e.Model == m && e.Action == ActionList {
			return e.Route
		}
	}
	return nil
}

// authenticated reports whether req carries credentials r accepts. A router
// without Auth guards no route, so every request passes, as on the secured
// routes themselves.
func authenticated(r *router.Router, req *router.Request) bool {
	return r.Auth == nil || req.Authenticated() // the router ran Auth once, before the route
}

// filterKeys returns the keys of a list request's filters.
func filterKeys(fs []orm.FilterText) []string {
	if len(fs) == 0 {
		return nil
	}
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Key
	}
	return out
}

// offers reports whether the endpoint's documented query parameters may
// reach model m: always for an operation that needs credentials (they read
// every model) and for the endpoint's own model; for a public operation,
// only when m's own GET route is public too (see checkRelationAccess), so
// the OpenAPI document of a public operation offers no include or filter
// that would answer 401.
func (e Endpoint) offers(m *orm.Model) bool {
	if e.router == nil || m == e.Model || router.NeedsAuth(e.Route, http.MethodGet) {
		return true
	}
	return !readNeedsAuth(e.router, m)
}

// offeredPaths keeps the include paths ("author", "posts.comments") whose
// every hop reaches a model the endpoint offers (see offers).
func (e Endpoint) offeredPaths(paths []string) []string {
	var out []string
	for _, p := range paths {
		ok := true
		walkRelations(e.Model, strings.Split(strings.ReplaceAll(p, "__", "."), "."), func(m *orm.Model) {
			ok = ok && e.offers(m)
		})
		if ok {
			out = append(out, p)
		}
	}
	return out
}
