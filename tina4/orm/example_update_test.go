package orm_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// WikiPage has a version column: every update checks and increments it.
type WikiPage struct {
	ID      int64  `db:"id"`
	Title   string `db:"title"`
	Content string `db:"content"`
	Version int64  `db:"version,version"`
}

func (WikiPage) TableName() string { return "wiki_pages" }

func ExampleUpdate() {
	db, err := orm.Open("sqlite::memory:")
	if err != nil {
		panic(err)
	}
	defer db.Close()
	ctx := orm.WithDB(context.Background(), db)
	if err := orm.CreateTable[WikiPage](ctx); err != nil {
		panic(err)
	}

	a := WikiPage{Title: "Draft", Content: "..."}
	if err := orm.Save(ctx, &a); err != nil { // INSERT: version 1
		panic(err)
	}
	// Two copies of the row, read by two users.
	mine, _ := orm.Find[WikiPage](ctx, a.ID)
	theirs, _ := orm.Find[WikiPage](ctx, a.ID)

	// Update writes only the columns named: UPDATE articles SET title = ?,
	// version = version + 1 WHERE id = ? AND version = ?
	mine.Title = "Final"
	if err := orm.Update(ctx, mine, "title"); err != nil {
		panic(err)
	}
	fmt.Println(mine.Title, mine.Version)

	// theirs still holds version 1: the row has moved on, so nothing is written.
	theirs.Content = "Rewritten"
	err = orm.Update(ctx, theirs, "content")
	fmt.Println(errors.Is(err, orm.ErrStale), errkind.Of(err))

	// Read it again, apply the change again, retry.
	theirs, _ = orm.Find[WikiPage](ctx, a.ID)
	theirs.Content = "Rewritten"
	if err := orm.Update(ctx, theirs, "content"); err != nil {
		panic(err)
	}
	stored, _ := orm.Find[WikiPage](ctx, a.ID)
	fmt.Println(stored.Title, stored.Content, stored.Version)
	// Output:
	// Final 2
	// true conflict
	// Final Rewritten 3
}
