package orm_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// Book is the model of the examples.
type Book struct {
	ID        int64     `db:"id"`
	Title     string    `db:"title" validate:"required,max=200"`
	Genre     string    `db:"genre" default:"fiction"`
	Pages     int       `db:"pages" validate:"min=0"`
	CreatedAt time.Time `db:"created_at,auto_now_add"`
}

func (Book) TableName() string { return "books" }

// exampleDB opens a private in-memory database with the books table.
func exampleDB() (context.Context, func()) {
	db, err := orm.Open("sqlite::memory:")
	if err != nil {
		panic(err)
	}
	ctx := orm.WithDB(context.Background(), db)
	if err := orm.CreateTable[Book](ctx); err != nil {
		panic(err)
	}
	return ctx, func() { db.Close() }
}

func Example() {
	ctx, done := exampleDB()
	defer done()

	b := Book{Title: "Dune", Pages: 412}
	if err := orm.Save(ctx, &b); err != nil { // INSERT: the id is filled in
		panic(err)
	}
	b.Pages = 0                               // zero values are saved too
	if err := orm.Save(ctx, &b); err != nil { // UPDATE
		panic(err)
	}
	found, _ := orm.Find[Book](ctx, b.ID)
	fmt.Println(found.ID, found.Title, found.Genre, found.Pages)

	missing, err := orm.Find[Book](ctx, 99)
	fmt.Println(missing == nil, err)

	_, err = orm.FindOrFail[Book](ctx, 99)
	fmt.Println(errors.Is(err, orm.ErrNotFound))
	// Output:
	// 1 Dune fiction 0
	// true <nil>
	// true
}

func ExampleWhere() {
	ctx, done := exampleDB()
	defer done()
	for _, title := range []string{"Emma", "Ulysses", "Beloved", "Middlemarch"} {
		_ = orm.Save(ctx, &Book{Title: title, Pages: len(title) * 100})
	}
	books, total, err := orm.Where[Book](ctx, "pages >= ?", []any{600}, orm.OrderBy("title"), orm.Limit(2))
	if err != nil {
		panic(err)
	}
	for _, b := range books {
		fmt.Println(b.Title, b.Pages)
	}
	fmt.Println("total:", total)
	// Output:
	// Beloved 700
	// Middlemarch 1100
	// total: 3
}

func ExampleQuery() {
	ctx, done := exampleDB()
	defer done()
	for _, b := range []Book{{Title: "Go in Action", Genre: "tech"}, {Title: "The Go Way", Genre: "tech"}, {Title: "Gone Girl"}} {
		_ = orm.Save(ctx, &b)
	}
	q := orm.Query[Book](ctx).Filter("title__icontains", "go ").Filter("genre", "tech").OrderByField("-title")
	sql, args := q.SQL()
	fmt.Println(sql)
	fmt.Println(args)
	books, _ := q.Get()
	for _, b := range books {
		fmt.Println(b.Title)
	}
	// Output:
	// SELECT "books"."id", "books"."title", "books"."genre", "books"."pages", "books"."created_at" FROM "books" WHERE ((unicode_lower("books"."title") LIKE ? ESCAPE '\') AND ("books"."genre" = ?)) ORDER BY "books"."title" DESC
	// [%go % tech]
	// The Go Way
	// Go in Action
}

// Long is a scope: a reusable, named filter that composes with others and
// with pagination.
func Long(b *orm.Builder[Book]) *orm.Builder[Book] { return b.Where("pages > ?", 500) }

func ExampleScope() {
	ctx, done := exampleDB()
	defer done()
	for i, title := range []string{"A", "B", "C", "D"} {
		_ = orm.Save(ctx, &Book{Title: title, Pages: 400 + i*100})
	}
	books, total, _ := orm.Query[Book](ctx).Apply(Long).OrderBy("title").Limit(1).Page()
	fmt.Println(books[0].Title, total)
	// Output: C 2
}

func ExampleValidate() {
	fmt.Println(orm.Validate(&Book{Pages: -1}))
	fmt.Println(orm.Validate(&Book{Title: "ok"}))
	// Output:
	// [title: This field is required pages: Must be at least 0]
	// []
}

func ExampleToJSON() {
	b := Book{ID: 7, Title: "Dune", Genre: "sf", Pages: 412, CreatedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	js, _ := orm.ToJSON(&b)
	fmt.Println(string(js))
	picked, _ := orm.ToJSON(&b, "id", "title")
	fmt.Println(string(picked))
	// Output:
	// {"id":7,"title":"Dune","genre":"sf","pages":412,"created_at":"2026-01-02T03:04:05Z"}
	// {"id":7,"title":"Dune"}
}

func ExampleTransaction() {
	ctx, done := exampleDB()
	defer done()
	err := orm.Transaction(ctx, func(ctx context.Context) error {
		if err := orm.Save(ctx, &Book{Title: "kept?"}); err != nil {
			return err
		}
		return errors.New("changed my mind") // rolls the insert back
	})
	n, _ := orm.Count[Book](ctx, "", nil)
	fmt.Println(err, n)
	// Output: changed my mind 0
}

func ExampleTable() {
	ctx, done := exampleDB()
	defer done()
	for _, b := range []Book{{Title: "A", Genre: "sf"}, {Title: "B", Genre: "sf"}, {Title: "C"}} {
		_ = orm.Save(ctx, &b)
	}
	rows, _ := orm.Table(ctx, "books").Select("genre", "COUNT(*) AS n").GroupBy("genre").OrderBy("genre").Get()
	for _, r := range rows {
		fmt.Println(r["genre"], r["n"])
	}
	// Output:
	// fiction 1
	// sf 2
}
