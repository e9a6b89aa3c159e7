package openapi_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// listParams returns the query parameter names of the list operation at
// path, and the include enum.
func listParams(t *testing.T, doc map[string]any, path string) (names, include []string) {
	t.Helper()
	params, _ := at(doc, "paths|"+path+"|get|parameters").([]any)
	for _, p := range params {
		p := p.(map[string]any)
		if p["in"] != "query" {
			continue
		}
		names = append(names, p["name"].(string))
		if p["name"] == "include" {
			for _, v := range at(p, "schema|items|enum").([]any) {
				include = append(include, v.(string))
			}
		}
	}
	return names, include
}

// The document of a public operation offers no include or filter into a
// model a public caller cannot read (secured, or not served by AutoCrud); a
// secured operation offers them all.
func TestPublicOperationsHideSecuredRelations(t *testing.T) {
	hasPrefix := func(names []string, prefix string) bool {
		for _, n := range names {
			if strings.HasPrefix(n, prefix) {
				return true
			}
		}
		return false
	}
	t.Run("secured target", func(t *testing.T) {
		r := router.New()
		crud.Register[shelf](r, "/api", crud.Secured())
		crud.Register[book](r, "/api")
		doc, _ := document(t, r)
		names, include := listParams(t, doc, "/api/books")
		assert.NotContains(t, include, "shelf")
		assert.False(t, hasPrefix(names, "shelf__"), "filters into shelves offered: %v", names)
		assert.Contains(t, names, "shelf_id", "the model's own key column stays")
		assert.Contains(t, names, "title")
		// the secured side offers its relation to the public model
		names, include = listParams(t, doc, "/api/shelves")
		assert.Contains(t, include, "books")
		assert.Contains(t, names, "limit")
	})
	t.Run("target not served", func(t *testing.T) {
		r := router.New()
		crud.Register[book](r, "/api")
		doc, _ := document(t, r)
		names, include := listParams(t, doc, "/api/books")
		assert.Empty(t, include)
		assert.False(t, hasPrefix(names, "shelf__"), "filters into shelves offered: %v", names)
	})
	t.Run("public target", func(t *testing.T) {
		r := router.New()
		crud.Register[shelf](r, "/api", crud.SecuredWrites())
		crud.Register[book](r, "/api")
		doc, _ := document(t, r)
		names, include := listParams(t, doc, "/api/books")
		assert.Contains(t, include, "shelf")
		assert.NotContains(t, include, "shelf.books", "a path back to books is refused (a cycle), so not offered")
		assert.Contains(t, names, "shelf__label") // through a foreign key, the equality form is documented
	})
	t.Run("secured operation", func(t *testing.T) {
		r := router.New()
		crud.Register[book](r, "/api", crud.Secured())
		doc, _ := document(t, r)
		names, include := listParams(t, doc, "/api/books")
		assert.Contains(t, include, "shelf")
		assert.Contains(t, names, "shelf__label")
	})
}
