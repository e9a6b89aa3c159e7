package crud_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
)

// A version column sent as null or twice is a malformed body (400 naming
// it), not a stale copy (409); a single integer other than the stored one
// is.
func TestVersionBodyErrors(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		h := ccServer(t)
		a := ccSend(h, "POST", "/api/cc_ver_docs", `{"title":"t0"}`)
		require.Equal(t, http.StatusCreated, a.Status, a.Body)
		path := fmt.Sprintf("/api/cc_ver_docs/%v", a.JSON["id"])
		for _, tt := range []struct {
			body   string
			status int
			error  string
		}{
			{`{"version":null}`, 400, "version: is read-only"}, // null for a read-only column (see crud null rules)
			{`{"version":1,"version":2}`, 400, `duplicate field \"version\"`},
			{`{"version":2,"version":1}`, 400, `duplicate field \"version\"`},
			{`{"version":1.5}`, 400, "version: must be an integer"},
			{`{"version":2}`, 409, "changed since it was read"},
			{`{"title":"t1","version":1}`, 200, ""},
		} {
			t.Run(tt.body, func(t *testing.T) {
				for _, method := range []string{"PATCH", "PUT"} {
					a := ccSend(h, method, path, tt.body)
					require.Equal(t, tt.status, a.Status, "%s: %s", method, a.Body)
					assert.Contains(t, a.Body, tt.error)
					if a.Status == http.StatusOK {
						break // the version moved on
					}
				}
			})
		}
	})
}
