package orm_test

import (
	"testing"

	"github.com/stretchr/testify/require"
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
		require.Len(t, posts, 2, "has many")
		require.Equal(t, "one", posts[0].Title, "has many")
		require.Equal(t, "draft", posts[1].Status, "has many")
		none, err := orm.FetchHasMany[Post](ctx, &bob, "author_id")
		must(t, err)
		require.Len(t, none, 0, "bob has %d posts", len(none))
		prof, err := orm.FetchHasOne[Profile](ctx, alice, "author_id")
		must(t, err)
		require.NotNil(t, prof, "has one")
		require.Equal(t, "writer", prof.Bio, "has one")
		nobody, err := orm.FetchHasOne[Profile](ctx, &bob, "author_id")
		require.NoError(t, err, "has one of bob")
		require.Nil(t, nobody, "has one of bob")
		owner, err := orm.FetchBelongsTo[Author](ctx, &p1, "author_id")
		must(t, err)
		require.NotNil(t, owner, "belongs to")
		require.Equal(t, "Alice", owner.Name, "belongs to")
		orphan, err := orm.FetchBelongsTo[Author](ctx, &Profile{}, "author_id")
		require.NoError(t, err, "NULL key")
		require.Nil(t, orphan, "NULL key")
		_, err = orm.FetchHasMany[Post](ctx, &alice, "writer_id")
		require.ErrorIs(t, err, orm.ErrInvalid, "unknown fk column")

		t.Run("SET NULL on delete", func(t *testing.T) {
			carol := Author{Name: "Carol", Email: "c@example.com"}
			must(t, orm.Save(ctx, &carol))
			pr := Profile{AuthorID: &carol.ID}
			must(t, orm.Save(ctx, &pr))
			must(t, orm.Delete(ctx, &carol))
			got, err := orm.Find[Profile](ctx, pr.ID)
			must(t, err)
			require.Nil(t, got.AuthorID, "author_id, want NULL")
		})
	})
}
