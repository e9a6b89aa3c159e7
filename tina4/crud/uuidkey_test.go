package crud_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// squad is keyed by a UUID held as text; its members point at it with a
// plain key column.
type squad struct {
	ID      string              `db:"id,pk"`
	Name    string              `db:"name" validate:"required"`
	Members orm.HasMany[member] `fk:"squad_id"`
}

func (squad) TableName() string { return "squads" }

type member struct {
	ID      int64  `db:"id"`
	SquadID string `db:"squad_id" references:"squads.id" on_delete:"cascade" validate:"required"`
	Name    string `db:"name"`
}

func (member) TableName() string { return "members" }

// badge points at its squad with a declared ForeignKey on the text key.
type badge struct {
	ID    int64                 `db:"id"`
	Squad orm.ForeignKey[squad] `db:"squad_id" on_delete:"cascade"`
	Label string                `db:"label"`
}

func (badge) TableName() string { return "badges" }

// mountUUIDModels mounts squads and members on r without registering them,
// so that Discover and Models in other tests do not list them.
func mountUUIDModels(t *testing.T, ctx context.Context, r *router.Router) {
	t.Helper()
	for _, m := range []func() (*orm.Model, error){orm.ModelOf[squad], orm.ModelOf[member], orm.ModelOf[badge]} {
		model, err := m()
		require.NoError(t, err)
		err = orm.CreateModelTable(ctx, model)
		require.NoError(t, err)
		crud.Mount(r, model, "/api")
	}
}

// AutoCrud's /{id} routes take text and UUID keys on every engine, and
// relations on them load with include.
func TestUUIDKeys(t *testing.T) { dbtest.Each(t, testUUIDKeys) }

func testUUIDKeys(t *testing.T) {
	db := newDB(t)
	ctx := orm.WithDB(context.Background(), db)
	h := router.New()
	h.Use(withDB(db))
	mountUUIDModels(t, ctx, h)
	const id = "0b7e9a4c-5d2f-4e61-8a3b-9c1d2e3f4a5b"
	// POST is mounted for generated keys only (see the package doc): the
	// squad, whose key the client chooses, is created through the ORM.
	err := orm.Create(ctx, &squad{ID: id, Name: "Gophers"})
	require.NoError(t, err)
	mustCall(t, h, "POST", "/api/squads", `{"id":"x","name":"y"}`, 405)
	mustCall(t, h, "POST", "/api/members", `{"squad_id":"`+id+`","name":"Ann"}`, 201)
	mustCall(t, h, "POST", "/api/members", `{"squad_id":"`+id+`","name":"Bob"}`, 201)

	got := mustCall(t, h, "GET", "/api/squads/"+id, "", 200)
	assert.Contains(t, got.Body, `"Gophers"`, "GET")
	mustCall(t, h, "PATCH", "/api/squads/"+id, `{"name":"Go team"}`, 200)
	got = mustCall(t, h, "GET", "/api/squads/"+id, "", 200)
	assert.Contains(t, got.Body, `"Go team"`, "after PATCH")
	list := mustCall(t, h, "GET", "/api/squads?include=members", "", 200)
	rows := data(t, list)
	if assert.Len(t, rows, 1, "include=members: %s", list.Body) {
		assert.Len(t, rows[0]["members"].([]any), 2, "include=members: %s", list.Body)
	}
	mustCall(t, h, "POST", "/api/badges", `{"squad_id":"`+id+`","label":"gold"}`, 201)
	mustCall(t, h, "POST", "/api/badges", `{"squad_id":7,"label":"bad"}`, 400)
	badges := mustCall(t, h, "GET", "/api/badges?include=squad&squad__name=Go%20team", "", 200)
	rows = data(t, badges)
	if assert.Len(t, rows, 1, "badges: %s", badges.Body) && assert.Equal(t, id, rows[0]["squad_id"], "badges: %s", badges.Body) {
		assert.Equal(t, "Go team", rows[0]["squad"].(map[string]any)["name"], "badges: %s", badges.Body)
	}
	mustCall(t, h, "GET", "/api/squads/"+strings.Replace(id, "0b", "ff", 1), "", 404)
	mustCall(t, h, "DELETE", "/api/squads/"+id, "", 204)
	mustCall(t, h, "GET", "/api/squads/"+id, "", 404)
	l := mustCall(t, h, "GET", "/api/members", "", 200)
	assert.Len(t, data(t, l), 0, "members survived the cascade: %s", l.Body)
}
