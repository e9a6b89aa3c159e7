package tina4_test

import (
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// TestTwoAppsKeepTheirOwnSettings runs two Apps in one process, at once:
// one in debug mode with public AutoCrud, one not, with AutoCrud behind an
// API key, each with its own logger. Each answers and logs by its own
// settings: debug mode, loggers and AutoCrud belong to the App, not to the
// process.
func TestTwoAppsKeepTheirOwnSettings(t *testing.T) {
	boom := func(secret string) *router.Router {
		r := router.New()
		r.Get("/boom", func(*router.Request, *response.Response) error {
			return errors.New("db: " + secret)
		}, router.Public())
		return r
	}
	debugApp, debugLog := newAppWith(t, boom("secret-of-debug"), func(c *tina4.Config) {
		c.Debug = true
		c.CrudAccess = crud.AccessPublic
	})
	quietApp, quietLog := newAppWith(t, boom("secret-of-quiet"), func(c *tina4.Config) {
		c.Debug = false
		c.CrudAccess = crud.AccessSecured
		c.APIKey = "quiet-key"
	})
	type check struct {
		h          http.Handler
		path, auth string
		status     int
		body       string // a part of the body
	}
	checks := []check{
		{debugApp.Handler(), "/boom", "", 500, `"db: secret-of-debug"`},
		{quietApp.Handler(), "/boom", "", 500, `{"error":"Internal Server Error"}`},
		{debugApp.Handler(), "/api/widgets", "", 200, `"data"`},
		{quietApp.Handler(), "/api/widgets", "", 401, `Unauthorized`},
		{quietApp.Handler(), "/api/widgets", "Authorization: Bearer quiet-key", 200, `"data"`},
		{debugApp.Handler(), "/api/widgets", "Authorization: Bearer quiet-key", 200, `"data"`}, // not a token there: anonymous, public
	}
	var wg sync.WaitGroup
	for i := range 60 {
		wg.Go(func() {
			c := checks[i%len(checks)]
			var headers []string
			if c.auth != "" {
				headers = append(headers, c.auth)
			}
			w := send(t, c.h, "GET", c.path, "", headers...)
			assert.Equal(t, c.status, w.Code, "%s %s: %s", c.path, c.auth, w.Body)
			assert.Contains(t, w.Body.String(), c.body, "%s %s", c.path, c.auth)
		})
	}
	wg.Wait()

	// Each App's 5xx errors are in its own log only.
	assert.Equal(t, 10, strings.Count(debugLog.String(), "secret-of-debug"), debugLog.String())
	assert.NotContains(t, debugLog.String(), "secret-of-quiet")
	assert.Equal(t, 10, strings.Count(quietLog.String(), "secret-of-quiet"), quietLog.String())
	assert.NotContains(t, quietLog.String(), "secret-of-debug")

	// And each router holds its own AutoCrud endpoints.
	for _, a := range []*tina4.App{debugApp, quietApp} {
		eps := crud.Endpoints(a.Router())
		require.NotEmpty(t, eps)
		n := 0
		for _, e := range eps {
			if e.Model.Table() != "widgets" {
				continue
			}
			n++
			m := e.Route.Methods[0]
			assert.Equal(t, a == quietApp, router.NeedsAuth(e.Route, m), "%s %s", m, e.Route.Pattern)
		}
		assert.Equal(t, 6, n, "widgets endpoints")
	}
}
