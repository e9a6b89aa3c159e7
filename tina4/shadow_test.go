package tina4_test

import (
	"bufio"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// shadowWarnings returns "route <- custom" for each shadow warning logged.
func shadowWarnings(t *testing.T, logs string) []string {
	t.Helper()
	var out []string
	sc := bufio.NewScanner(strings.NewReader(logs))
	for sc.Scan() {
		var rec map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &rec))
		if msg, _ := rec["msg"].(string); strings.Contains(msg, "shadows a secured AutoCrud route") {
			assert.Equal(t, "WARN", rec["level"])
			out = append(out, rec["route"].(string)+" <- "+rec["custom"].(string))
		}
	}
	return out
}

// With TINA4_AUTOCRUD_SECURED=true (or writes) a public custom route serving
// the method and path of a secured AutoCrud route is warned about at
// start-up, once per shadowed route, naming both.
func TestShadowedSecuredRoutesWarn(t *testing.T) {
	ok := func(req *router.Request, res *response.Response) error { return res.JSON("ok", 200) }
	customs := func() *router.Router {
		r := router.New()
		r.Get("/api/widgets", ok)                                  // public read: shadows the list
		r.Get("/api/widgets/{id}", ok)                             // any id: shadows GET {id:int}
		r.Post("/api/widgets", ok, router.Public())                // public write
		r.Put("/api/widgets/{id:int}", ok)                         // writes need a token: fine
		r.Get("/api/enc_books/{id:int}", ok, router.Secured())     // secured: fine
		r.Get("/api/enc_authors/me", ok)                           // another path
		r.Get("/files/{rest:path}", ok)                            // another path
		r.Delete("/api/enc_books/{id:float}", ok, router.Public()) // a float param matches int ids
		return r
	}
	tests := []struct {
		name   string
		access crud.Access
		want   []string
	}{
		{"secured", crud.AccessSecured, []string{
			"GET /api/widgets <- GET /api/widgets",
			"POST /api/widgets <- POST /api/widgets",
			"GET /api/widgets/{id:int} <- GET /api/widgets/{id}",
			"DELETE /api/enc_books/{id:int} <- DELETE /api/enc_books/{id:float}",
		}},
		{"writes", crud.AccessSecuredWrites, []string{
			"POST /api/widgets <- POST /api/widgets",
			"DELETE /api/enc_books/{id:int} <- DELETE /api/enc_books/{id:float}",
		}},
		{"public", crud.AccessPublic, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, logs := newAppWith(t, customs(), func(c *tina4.Config) { c.CrudAccess = tt.access; c.Secret = testSecret })
			assert.ElementsMatch(t, tt.want, shadowWarnings(t, logs.String()))
		})
	}
}
