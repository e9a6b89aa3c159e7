package crud

import (
	"fmt"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// Access says which of a model's AutoCrud routes need a bearer token (see
// router.Router.Auth for how tokens are checked).
type Access uint8

// The access levels.
const (
	// AccessPublic opens every route to anonymous callers: the default, as
	// in Tina4.
	AccessPublic Access = iota
	// AccessSecuredWrites guards POST, PUT, PATCH and DELETE; GET stays
	// open, the rule of custom routes.
	AccessSecuredWrites
	// AccessSecured guards every route, reads included.
	AccessSecured
)

var accessNames = [...]string{AccessPublic: "public", AccessSecuredWrites: "writes", AccessSecured: "secured"}

// String returns "public", "writes" or "secured".
func (a Access) String() string {
	if int(a) < len(accessNames) {
		return accessNames[a]
	}
	return fmt.Sprintf("Access(%d)", a)
}

// ParseAccess reads the TINA4_AUTOCRUD_SECURED setting: false (or public)
// is AccessPublic, true (or secured, all) AccessSecured, writes
// AccessSecuredWrites; case is ignored.
func ParseAccess(s string) (Access, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "false", "0", "public", "":
		return AccessPublic, nil
	case "true", "1", "secured", "all":
		return AccessSecured, nil
	case "writes":
		return AccessSecuredWrites, nil
	}
	return AccessPublic, fmt.Errorf("crud: access %q: want true, false or writes", s)
}

// WithAccess sets which routes of the model need a token.
func WithAccess(a Access) Option { return func(o *options) { o.access = a } }

// Public opens every route of the model to anonymous callers (the default;
// use it to keep one model open when TINA4_AUTOCRUD_SECURED guards the rest).
func Public() Option { return WithAccess(AccessPublic) }

// Secured makes every route of the model, reads included, need a token.
func Secured() Option { return WithAccess(AccessSecured) }

// SecuredWrites makes the model's POST, PUT, PATCH and DELETE routes need a
// token and keeps GET open.
func SecuredWrites() Option { return WithAccess(AccessSecuredWrites) }

// Configure records options for model type T (registering it with the ORM if
// needed) that apply wherever it is mounted, after the options passed to
// Register, Mount or Discover, so they win over them. Call it in init()
// beside orm.Register, before the app starts:
//
//	func init() {
//		orm.Register[Invoice]()
//		crud.Configure[Invoice](crud.Secured())
//	}
func Configure[T any](opts ...Option) {
	m := orm.Register[T]()
	registry.Lock()
	defer registry.Unlock()
	if registry.configured == nil {
		registry.configured = map[*orm.Model][]Option{}
	}
	registry.configured[m] = append(registry.configured[m], opts...)
}

// configuredOptions returns the options Configure recorded for m.
func configuredOptions(m *orm.Model) []Option {
	registry.Lock()
	defer registry.Unlock()
	return registry.configured[m]
}

// routeOptions returns the router options of the model's read (GET) and
// write routes for its access level.
func (o options) routeOptions() (read, write router.RouteOption) {
	switch o.access {
	case AccessSecured:
		return router.Secured(), router.Secured()
	case AccessSecuredWrites:
		return router.Public(), router.Secured()
	}
	return router.Public(), router.Public()
}
