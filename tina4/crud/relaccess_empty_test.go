package crud_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
)

// An include path with empty names (".secret", "owner..secret",
// "__secret") is read by the ORM as if they were not there; the access
// check must read it the same way, or it lets a public model embed a
// secured one.
func TestRelationsEmptyNames(t *testing.T) { dbtest.Each(t, testRelationsEmptyNames) }

func testRelationsEmptyNames(t *testing.T) {
	h := relServer(t)
	for _, path := range []string{
		"/api/rel_owners?include=.secret",
		"/api/rel_owners?include=__secret",
		"/api/rel_owners?include=%2Esecret",
		"/api/rel_owners?include=%20.%20secret",
		"/api/rel_owners?include=badge,.secret",
		"/api/rel_notes?include=owner..secret",
		"/api/rel_notes?include=owner.__secret",
		"/api/rel_notes?include=.owner.secret",
		"/api/rel_notes?include=owner.secret.",
		"/api/rel_owners/1?include=.secret",
		"/api/rel_owners?include=.pages", // not served: secured
	} {
		t.Run(path, func(t *testing.T) {
			w := callAs(t, h, "", "GET", path, "")
			require.Equal(t, http.StatusUnauthorized, w.Code, w.Body.String())
			assert.NotContains(t, w.Body.String(), "bravo")
			assert.Equal(t, http.StatusOK, callAs(t, h, "good", "GET", path, "").Code)
		})
	}
}
