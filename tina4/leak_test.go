package tina4_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// leaky has routes that fail with SQL, file paths and panics in their
// errors.
func leaky() *router.Router {
	r := router.New()
	r.Get("/sql", func(*router.Request, *response.Response) error {
		return fmt.Errorf("query failed: SELECT password FROM users WHERE id = 1: %w", errors.New("no such table"))
	})
	r.Get("/path", func(*router.Request, *response.Response) error {
		return errors.New("open /srv/app/secrets/key.pem: permission denied at handler.go:42")
	})
	r.Get("/panic", func(*router.Request, *response.Response) error {
		var m map[string]int
		//lint:ignore SA5000 the runtime panic is what this route is for
		m["x"] = 1 // a nil map write: a runtime panic with a stack
		return nil
	})
	return r
}

// No SQL, stack trace or file path reaches a client unless TINA4_DEBUG is
// on; the log keeps them.
func TestNoLeaksWithoutDebug(t *testing.T) {
	leaks := []string{"SELECT", "password", "FROM", "/srv/", ".pem", ".go", "goroutine", "panic", "nil map", "runtime"}
	paths := []string{"/sql", "/path", "/panic", "/api/widgets", "/api/widgets/1"}
	for _, debug := range []bool{false, true} {
		t.Run(fmt.Sprintf("debug=%v", debug), func(t *testing.T) {
			t.Cleanup(func() { response.SetDebug(false) })
			app, logs := newAppWith(t, leaky(), func(c *tina4.Config) { c.Debug = debug }) // 5xx errors go to the App's log
			h := app.Handler()
			app.DB().Close() // AutoCrud now fails inside the driver
			shown := ""
			for _, p := range paths {
				w := send(t, h, "GET", p, "")
				assert.GreaterOrEqual(t, w.Code, 500, "%s: %d %s, want a 5xx", p, w.Code, w.Body)
				body := w.Body.String()
				shown += body
				if debug {
					continue
				}
				want := fmt.Sprintf(`{"error":%q}`, "Internal Server Error")
				if w.Code == 500 {
					assert.Equal(t, want, strings.TrimSpace(body))
				}
				for _, s := range leaks {
					assert.NotContains(t, body, s, "%s: answer shows %q: %s", p, s, body)
				}
			}
			if debug {
				assert.Contains(t, shown, "SELECT password", "debug mode hides the errors")
				assert.Contains(t, shown, "/srv/app", "debug mode hides the errors")
				assert.Contains(t, shown, "nil map", "debug mode hides the errors")
			}
			l := logs.String()
			assert.Contains(t, l, "SELECT password", "the log lost the details")
			assert.Contains(t, l, "goroutine", "the log lost the details")
		})
	}
}
