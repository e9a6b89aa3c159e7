package crud

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/orm/schema"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// registry remembers which tables AutoCrud serves and the options models
// configured for themselves (Configure, from init). What is mounted on a
// router is that router's own state (mounts), so a router no longer used
// is collected with it.
var registry struct {
	sync.Mutex
	tables     map[string]reflect.Type
	configured map[*orm.Model][]Option // from Configure
}

// mounts is what AutoCrud mounted on one router, kept on the router
// (router.Extension): which models, so that Discover skips them, and their
// endpoints.
type mounts struct {
	sync.Mutex
	models    map[*orm.Model]bool
	endpoints []Endpoint
}

type mountsKey struct{}

// mountsOf returns the AutoCrud state of r.
func mountsOf(r *router.Router) *mounts {
	return r.Extension(mountsKey{}, func() any { return &mounts{models: map[*orm.Model]bool{}} }).(*mounts)
}

// mounted reports whether m is mounted on r.
func (s *mounts) mounted(m *orm.Model) bool {
	s.Lock()
	defer s.Unlock()
	return s.models[m]
}

// Register mounts the AutoCrud routes of model type T on r under prefix
// (DefaultPrefix for the chapter's /api/notes). T is registered with the ORM
// if it was not already. Registering a model twice on the same router panics,
// as the router does for any duplicate route.
func Register[T any](r *router.Router, prefix string, opts ...Option) {
	Mount(r, orm.Register[T](), prefix, opts...)
}

// Mount mounts the AutoCrud routes of the registered model m on r under
// prefix: {prefix}/{table} and {prefix}/{table}/{id}. It is the non-generic
// form of Register, for code that works from orm.Models().
func Mount(r *router.Router, m *orm.Model, prefix string, opts ...Option) {
	if r == nil || m == nil {
		panic("crud: Mount needs a router and a model")
	}
	rows := orm.RowsOf(m)
	if rows == nil {
		panic(fmt.Sprintf("crud: model %s has no rows view: register it with orm.Register", m.Name))
	}
	state := mountsOf(r)
	state.Lock()
	if state.models[m] {
		state.Unlock()
		panic(fmt.Sprintf("crud: model %s is already mounted on this router", m.Name))
	}
	state.models[m] = true
	state.Unlock()
	registry.Lock()
	if registry.tables == nil {
		registry.tables = map[string]reflect.Type{}
	}
	registry.tables[m.Table()] = m.Type
	registry.Unlock()

	h := &handlers{model: m, rows: rows, router: r, opts: newOptions(append(slices.Clone(opts), configuredOptions(m)...))}
	read, write := h.opts.routeOptions()
	body := withJSONBody(write) // POST, PUT, PATCH: JSON bodies only (415)
	base := strings.TrimRight(prefix, "/") + "/" + m.Table()
	one := base + "/{id}"
	if m.PK.Kind == schema.Int {
		one = base + "/{id:int}"
	}
	tag := m.Table()
	add := func(a Action, rt *router.Route) {
		state.Lock()
		state.endpoints = append(state.endpoints, Endpoint{Route: rt, Model: m, Action: a,
			Limit: h.opts.defaultLimit, MaxLimit: h.opts.maxLimit, Total: h.opts.total, router: r})
		state.Unlock()
	}
	add(ActionList, r.Get(base, h.list, router.Fallback(), read, router.Describe("List "+tag, tag)))
	if m.PK.AutoIncrement {
		add(ActionCreate, r.Post(base, h.create, router.Fallback(), body, router.Describe("Create a record of "+tag, tag)))
	}
	add(ActionGet, r.Get(one, h.get, router.Fallback(), read, router.Describe("Get a record of "+tag, tag)))
	add(ActionUpdate, r.Put(one, h.update, router.Fallback(), body, router.Describe("Update a record of "+tag, tag)))
	add(ActionUpdate, r.Patch(one, h.update, router.Fallback(), body, router.Describe("Update a record of "+tag, tag)))
	add(ActionDelete, r.Delete(one, h.delete, router.Fallback(), write, router.Describe("Delete a record of "+tag, tag)))
}

// Discover mounts every model registered with the ORM (orm.Models) that is
// not yet mounted on r, in registration order, and returns the models it
// mounted. The chapter's AutoCrud.discover("src/orm", prefix="/api").
func Discover(r *router.Router, prefix string, opts ...Option) []*orm.Model {
	var out []*orm.Model
	state := mountsOf(r)
	for _, m := range orm.Models() {
		if state.mounted(m) {
			continue
		}
		Mount(r, m, prefix, opts...)
		out = append(out, m)
	}
	return out
}

// Models returns the tables served by AutoCrud, on any router, and their
// model types: the chapter's AutoCrud.models().
func Models() map[string]reflect.Type {
	registry.Lock()
	defer registry.Unlock()
	out := make(map[string]reflect.Type, len(registry.tables))
	for k, v := range registry.tables {
		out[k] = v
	}
	return out
}
