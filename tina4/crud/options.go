package crud

import (
	"fmt"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// DefaultPrefix is the prefix the chapter's AutoCrud uses: the notes table is
// served at /api/notes.
const DefaultPrefix = "/api"

// The paging defaults of the list route.
const (
	// DefaultLimit is the page size when a request gives no limit.
	DefaultLimit = 10
	// DefaultMaxLimit caps the limit a request may ask for.
	DefaultMaxLimit = 100
)

// Option configures the routes mounted by Register, Mount and Discover.
type Option func(*options)

type options struct {
	defaultLimit, maxLimit int
	access                 Access            // which routes need a token; see access.go
	bounds                 QueryLimits       // what one request may ask for, defaults filled in; see bounds.go
	include                orm.IncludeLimits // bounds as the ORM takes them for an include
	total                  orm.TotalMode     // the list's total when the request does not say; see total.go
}

func newOptions(opts []Option) options {
	o := options{defaultLimit: DefaultLimit, maxLimit: DefaultMaxLimit}
	for _, fn := range opts {
		fn(&o)
	}
	o.bounds = o.bounds.withDefaults() // once, not per request
	o.include = o.bounds.include()
	return o
}

// WithLimits sets the page size used when a list request gives no limit, and
// the largest page a request may ask for (larger limits are capped to it).
// It panics unless 1 <= def <= max, like other registration mistakes.
func WithLimits(def, max int) Option {
	if def < 1 || max < def {
		panic(fmt.Sprintf("crud: WithLimits(%d, %d): want 1 <= default <= max", def, max))
	}
	return func(o *options) { o.defaultLimit, o.maxLimit = def, max }
}
