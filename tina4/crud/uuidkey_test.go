package crud_test

import (
	"context"
	"strings"
	"testing"

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
		if err != nil {
			t.Fatal(err)
		}
		if err := model.CreateTable(ctx); err != nil {
			t.Fatal(err)
		}
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
	if err := orm.Create(ctx, &squad{ID: id, Name: "Gophers"}); err != nil {
		t.Fatal(err)
	}
	mustCall(t, h, "POST", "/api/squads", `{"id":"x","name":"y"}`, 405)
	mustCall(t, h, "POST", "/api/members", `{"squad_id":"`+id+`","name":"Ann"}`, 201)
	mustCall(t, h, "POST", "/api/members", `{"squad_id":"`+id+`","name":"Bob"}`, 201)

	got := mustCall(t, h, "GET", "/api/squads/"+id, "", 200)
	if !strings.Contains(got.Body, `"Gophers"`) {
		t.Errorf("GET: %s", got.Body)
	}
	mustCall(t, h, "PATCH", "/api/squads/"+id, `{"name":"Go team"}`, 200)
	if got := mustCall(t, h, "GET", "/api/squads/"+id, "", 200); !strings.Contains(got.Body, `"Go team"`) {
		t.Errorf("after PATCH: %s", got.Body)
	}
	list := mustCall(t, h, "GET", "/api/squads?include=members", "", 200)
	if rows := data(t, list); len(rows) != 1 || len(rows[0]["members"].([]any)) != 2 {
		t.Errorf("include=members: %s", list.Body)
	}
	mustCall(t, h, "POST", "/api/badges", `{"squad_id":"`+id+`","label":"gold"}`, 201)
	mustCall(t, h, "POST", "/api/badges", `{"squad_id":7,"label":"bad"}`, 400)
	badges := mustCall(t, h, "GET", "/api/badges?include=squad&squad__name=Go%20team", "", 200)
	if rows := data(t, badges); len(rows) != 1 || rows[0]["squad_id"] != id || rows[0]["squad"].(map[string]any)["name"] != "Go team" {
		t.Errorf("badges: %s", badges.Body)
	}
	mustCall(t, h, "GET", "/api/squads/"+strings.Replace(id, "0b", "ff", 1), "", 404)
	mustCall(t, h, "DELETE", "/api/squads/"+id, "", 204)
	mustCall(t, h, "GET", "/api/squads/"+id, "", 404)
	if l := mustCall(t, h, "GET", "/api/members", "", 200); len(data(t, l)) != 0 {
		t.Errorf("members survived the cascade: %s", l.Body)
	}
}
