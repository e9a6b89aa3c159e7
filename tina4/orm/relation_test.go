package orm_test

import (
	"errors"
	"testing"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

func TestExplicitRelationships(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Author], orm.CreateTable[Post], orm.CreateTable[Profile])
		alice := Author{Name: "Alice", Email: "alice@example.com"}
		bob := Author{Name: "Bob", Email: "bob@example.com"}
		must(t, orm.Save(ctx, &alice))
		must(t, orm.Save(ctx, &bob))
		p1 := Post{AuthorID: alice.ID, Title: "one", Status: "published"}
		p2 := Post{AuthorID: alice.ID, Title: "two"}
		p3 := Post{AuthorID: alice.ID, Title: "deleted"}
		for _, p := range []*Post{&p1, &p2, &p3} {
			must(t, orm.Save(ctx, p))
		}
		must(t, orm.Delete(ctx, &p3))
		must(t, orm.Save(ctx, &Profile{AuthorID: &alice.ID, Bio: "writer"}))

		posts, err := orm.FetchHasMany[Post](ctx, &alice, "author_id", orm.OrderBy("id"))
		must(t, err)
		if len(posts) != 2 || posts[0].Title != "one" || posts[1].Status != "draft" {
			t.Fatalf("has many = %+v", posts)
		}
		none, err := orm.FetchHasMany[Post](ctx, &bob, "author_id")
		must(t, err)
		if len(none) != 0 {
			t.Fatalf("bob has %d posts", len(none))
		}
		prof, err := orm.FetchHasOne[Profile](ctx, alice, "author_id")
		must(t, err)
		if prof == nil || prof.Bio != "writer" {
			t.Fatalf("has one = %+v", prof)
		}
		nobody, err := orm.FetchHasOne[Profile](ctx, &bob, "author_id")
		if err != nil || nobody != nil {
			t.Fatalf("has one of bob = %+v, %v", nobody, err)
		}
		owner, err := orm.FetchBelongsTo[Author](ctx, &p1, "author_id")
		must(t, err)
		if owner == nil || owner.Name != "Alice" {
			t.Fatalf("belongs to = %+v", owner)
		}
		orphan, err := orm.FetchBelongsTo[Author](ctx, &Profile{}, "author_id")
		if err != nil || orphan != nil {
			t.Fatalf("NULL key = %+v, %v", orphan, err)
		}
		if _, err := orm.FetchHasMany[Post](ctx, &alice, "writer_id"); !errors.Is(err, orm.ErrInvalid) {
			t.Fatalf("unknown fk column: %v", err)
		}

		t.Run("SET NULL on delete", func(t *testing.T) {
			carol := Author{Name: "Carol", Email: "c@example.com"}
			must(t, orm.Save(ctx, &carol))
			pr := Profile{AuthorID: &carol.ID}
			must(t, orm.Save(ctx, &pr))
			must(t, orm.Delete(ctx, &carol))
			got, err := orm.Find[Profile](ctx, pr.ID)
			must(t, err)
			if got.AuthorID != nil {
				t.Fatalf("author_id = %v, want NULL", *got.AuthorID)
			}
		})
	})
}
