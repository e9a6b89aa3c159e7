package orm_test

import (
	"context"
	"fmt"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

func ExampleBuilder_Update() {
	ctx, done := exampleDB()
	defer done()
	_ = orm.InsertMany(ctx, []Book{{Title: "Emma", Pages: 474}, {Title: "Dune", Pages: 412}, {Title: "Ulysses", Pages: 730}})

	n, err := orm.Query[Book](ctx).Filter("pages__gte", 450).Update(map[string]any{"genre": "classic"})
	fmt.Println(n, err)
	classics, _ := orm.Query[Book](ctx).Filter("genre", "classic").OrderBy("title").Get()
	for _, b := range classics {
		fmt.Println(b.Title)
	}
	// Output:
	// 2 <nil>
	// Emma
	// Ulysses
}

func ExampleBuilder_Delete() {
	ctx, done := exampleDB()
	defer done()
	_ = orm.InsertMany(ctx, []Book{{Title: "Emma"}, {Title: "Dune"}, {Title: "Ulysses"}})

	n, err := orm.Query[Book](ctx).Exclude("title", "Dune").Delete()
	fmt.Println(n, err)
	left, _ := orm.Query[Book](ctx).Get()
	fmt.Println(len(left), left[0].Title)

	_, err = orm.Query[Book](ctx).Limit(1).Delete() // a bulk write changes every selected row
	fmt.Println(err)
	// Output:
	// 2 <nil>
	// 1 Dune
	// orm: delete books: orm: order, limit and offset do not apply to a bulk write on books: it changes every selected row
}

func ExampleInsertMany() {
	ctx, done := exampleDB()
	defer done()
	books := []Book{{Title: "Emma"}, {Title: "Dune", Genre: "sf"}, {Title: "Ulysses"}}
	if err := orm.InsertMany(ctx, books); err != nil { // one INSERT, one transaction
		panic(err)
	}
	for _, b := range books {
		fmt.Println(b.ID, b.Title, b.Genre, !b.CreatedAt.IsZero())
	}
	// Output:
	// 1 Emma fiction true
	// 2 Dune sf true
	// 3 Ulysses fiction true
}

// Team is keyed by a UUID held as text; its players point at it with a
// ForeignKey, whose key is then Text.
type Team struct {
	ID      string              `db:"id,pk"`
	Name    string              `db:"name"`
	Players orm.HasMany[Player] `fk:"team_id"`
}

type Player struct {
	ID   int64                `db:"id"`
	Team orm.ForeignKey[Team] `db:"team_id" on_delete:"cascade"`
	Name string               `db:"name"`
}

func ExampleHasMany_uuid() {
	db, err := orm.Open("sqlite::memory:")
	if err != nil {
		panic(err)
	}
	defer db.Close()
	ctx := orm.WithDB(context.Background(), db)
	_ = orm.CreateTable[Team](ctx)
	_ = orm.CreateTable[Player](ctx)

	team := Team{ID: "5f0c6f3e-8a4b-4c1e-9d2a-1b7e3c9f0a11", Name: "Gophers"}
	_ = orm.Create(ctx, &team)
	ann, bob := Player{Name: "Ann"}, Player{Name: "Bob"}
	_ = ann.Team.Set(&team)   // the key of a text-keyed target is Team.Text
	bob.Team.SetText(team.ID) // or set it directly
	_ = orm.InsertMany(ctx, []Player{ann, bob})

	found, _ := orm.Find[Team](ctx, team.ID, orm.Include("players"))
	players, _ := found.Players.Loaded()
	fmt.Println(found.Name, len(players), players[0].Name, players[0].Team.Text)
	fans, _ := orm.Query[Player](ctx).Filter("team__name", "Gophers").Count()
	fmt.Println(fans)
	// Output:
	// Gophers 2 Ann 5f0c6f3e-8a4b-4c1e-9d2a-1b7e3c9f0a11
	// 2
}
