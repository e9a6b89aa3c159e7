package crud_test

import (
	"net/http"
	"reflect"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

func custom(name string) router.HandlerFunc {
	return func(req *router.Request, res *response.Response) error {
		return res.JSON(map[string]string{"custom": name}, http.StatusOK)
	}
}

// Custom routes win over AutoCrud for the same method and path, whichever is
// registered first.
func TestCustomRoutesWin(t *testing.T) { dbtest.Each(t, testCustomRoutesWin) }

func testCustomRoutesWin(t *testing.T) {
	for _, order := range []string{"custom first", "crud first"} {
		t.Run(order, func(t *testing.T) {
			r := router.New()
			r.Use(withDB(newDB(t)))
			addCustom := func() {
				r.Get("/api/notes", custom("list"))
				r.Get("/api/notes/{id:int}", custom("get"))
				r.Post("/api/notes", custom("create"))
				r.Get("/api/notes/special", custom("special"))
			}
			if order == "custom first" {
				addCustom()
				crud.Register[note](r, "/api")
			} else {
				crud.Register[note](r, "/api")
				addCustom()
			}
			for _, tt := range []struct{ method, path, want string }{
				{"GET", "/api/notes", "list"},
				{"GET", "/api/notes/1", "get"},
				{"POST", "/api/notes", "create"},
				{"GET", "/api/notes/special", "special"},
			} {
				res := mustCall(t, r, tt.method, tt.path, `{"title":"x"}`, 200)
				assert.Equal(t, tt.want, res.JSON["custom"], "%s %s: %s, want the custom %s", tt.method, tt.path, res.Body, tt.want)
			}
			// The routes not overridden are AutoCrud's.
			mustCall(t, r, "PUT", "/api/notes/1", `{"title":"x"}`, 404)
			mustCall(t, r, "DELETE", "/api/notes/1", "", 404)
		})
	}
}

func TestRegisterTwicePanics(t *testing.T) {
	r := router.New()
	crud.Register[note](r, "/api")
	defer func() {
		assert.NotEqual(t, nil, recover(), "no panic")
	}()
	crud.Register[note](r, "/api")
}

func TestDiscoverAndModels(t *testing.T) {
	r := router.New()
	crud.Register[note](r, "/v2")
	got := crud.Discover(r, "/api")
	var names []string
	for _, m := range got {
		names = append(names, m.Table())
	}
	// every model but notes, in registration order (other test files add more)
	want := []string{"codes", "tree_nodes", "tasks", "authors", "posts", "vaults", "accounts", "entries", "writers", "books"}
	i := 0
	assert.True(t, slices.ContainsFunc(names, func(n string) bool {
		if n == want[i] {
			i++
		}
		return i == len(want)
	}), "Discover mounted")
	assert.False(t, slices.Contains(names, "notes"), "Discover mounted")
	again := crud.Discover(r, "/api")
	assert.Len(t, again, 0, "second Discover mounted %d models", len(again))
	models := crud.Models()
	assert.Equal(t, reflect.TypeFor[note](), models["notes"], "Models()")
	assert.Equal(t, reflect.TypeFor[post](), models["posts"], "Models()")
	patterns := map[string]bool{}
	for _, rt := range r.Routes() {
		for _, m := range rt.Methods {
			patterns[m+" "+rt.Pattern] = rt.Fallback
		}
	}
	for _, want := range []string{
		"GET /v2/notes", "POST /v2/notes", "GET /v2/notes/{id:int}", "PUT /v2/notes/{id:int}",
		"PATCH /v2/notes/{id:int}", "DELETE /v2/notes/{id:int}", "GET /api/tasks", "DELETE /api/posts/{id:int}",
	} {
		fb, ok := patterns[want]
		if assert.True(t, ok, "route %s: registered %v, fallback %v", want, ok, fb) {
			assert.True(t, fb, "route %s: registered %v, fallback %v", want, ok, fb)
		}
	}
}
