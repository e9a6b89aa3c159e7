package crud_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// A GET whose pooled connections were killed under the app (by an operator,
// from a second connection) answers 200, not 503.
func TestGetAfterKilledConnections(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		if dbtest.Engine(t) == "sqlite" {
			t.Skip("no server connection to kill")
		}
		db := newDB(t)
		h := router.New()
		h.Use(withDB(db))
		crud.Discover(h, "/api")
		mustCall(t, h, "POST", "/api/notes", `{"title":"kept"}`, 201)
		for k := 1; k <= 3; k++ {
			dbtest.KillConns(t, db.Pool(), k)
			res := mustCall(t, h, "GET", "/api/notes/1", "", 200)
			assert.Equal(t, "kept", res.JSON["title"])
			dbtest.KillConns(t, db.Pool(), k)
			res = mustCall(t, h, "GET", "/api/notes", "", 200)
			assert.Equal(t, 1.0, res.JSON["total"])
		}
	})
}
