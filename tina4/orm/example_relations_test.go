package orm_test

import (
	"context"
	"fmt"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// The blog of the examples: a key on Post is the author_id column and the
// relation at once; Author declares the reverse side.
type BlogAuthor struct {
	ID    int64                  `db:"id"`
	Name  string                 `db:"name"`
	Posts orm.HasMany[BlogEntry] `fk:"author_id"`
}

func (BlogAuthor) TableName() string { return "authors" }

type BlogEntry struct {
	ID     int64                      `db:"id"`
	Title  string                     `db:"title"`
	Author orm.ForeignKey[BlogAuthor] `db:"author_id" on_delete:"cascade"`
	Tags   orm.ManyToMany[BlogTag]
}

func (BlogEntry) TableName() string { return "posts" }

type BlogTag struct {
	ID   int64  `db:"id"`
	Name string `db:"name"`
}

func (BlogTag) TableName() string { return "tags" }

func blogDB() context.Context {
	db, err := orm.Open("sqlite::memory:")
	if err != nil {
		panic(err)
	}
	ctx := orm.WithDB(context.Background(), db)
	for _, create := range []func(context.Context) error{orm.CreateTable[BlogAuthor], orm.CreateTable[BlogTag], orm.CreateTable[BlogEntry]} {
		if err := create(ctx); err != nil {
			panic(err)
		}
	}
	ann := BlogAuthor{Name: "Ann"}
	_ = orm.Save(ctx, &ann)
	for _, title := range []string{"Hello", "Again"} {
		p := BlogEntry{Title: title}
		_ = p.Author.Set(&ann)
		_ = orm.Save(ctx, &p)
	}
	return ctx
}

func ExampleForeignKey() {
	ctx := blogDB()
	post, _ := orm.Find[BlogEntry](ctx, 1)
	author, _ := post.Author.Get(ctx) // loads once, then cached
	fmt.Println(post.Title, "by", author.Name, "- author_id", post.Author.ID)
	// Output: Hello by Ann - author_id 1
}

func ExampleHasMany() {
	ctx := blogDB()
	ann, _ := orm.Find[BlogAuthor](ctx, 1)
	n, _ := ann.Posts.Count(ctx)
	again, _ := ann.Posts.Filter(ctx, "title__startswith", "Ag").Get()
	fmt.Println(n, again[0].Title)
	// Output: 2 Again
}

func ExampleInclude() {
	ctx := blogDB()
	// Two queries, whatever the number of authors: authors, then their posts.
	authors, _, _ := orm.All[BlogAuthor](ctx, orm.Include("posts"))
	js, _ := orm.ToJSON(&authors[0])
	fmt.Println(string(js))
	// Output: {"id":1,"name":"Ann","posts":[{"id":1,"title":"Hello","author_id":1},{"id":2,"title":"Again","author_id":1}]}
}

func ExampleBuilder_SelectRelated() {
	ctx := blogDB()
	// One JOIN query; the filter follows the key too.
	posts, _ := orm.Query[BlogEntry](ctx).SelectRelated("author").Filter("author__name", "Ann").OrderBy(`"posts"."id"`).Get()
	for _, p := range posts {
		fmt.Println(p.Title, p.Author.Loaded().Name)
	}
	// Output:
	// Hello Ann
	// Again Ann
}

func ExampleManyToMany() {
	ctx := blogDB()
	post, _ := orm.Find[BlogEntry](ctx, 1)
	goTag, sqlTag := BlogTag{Name: "go"}, BlogTag{Name: "sql"}
	_ = orm.Save(ctx, &goTag)
	_ = orm.Save(ctx, &sqlTag)
	_ = post.Tags.Add(ctx, &goTag, &sqlTag)
	_ = post.Tags.Remove(ctx, &sqlTag)
	tags, _ := post.Tags.All(ctx)
	fmt.Println(len(tags), tags[0].Name)
	// Output: 1 go
}
