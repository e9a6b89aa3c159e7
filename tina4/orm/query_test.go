package orm_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// Published and Status are scopes, as the chapter's section 10 declares them.
func Published(b *orm.Builder[Post]) *orm.Builder[Post] { return b.Where("status = ?", "published") }

func Status(s string) orm.Scope[Post] {
	return func(b *orm.Builder[Post]) *orm.Builder[Post] { return b.Where("status = ?", s) }
}

func seedBlog(t *testing.T) (ctxT, Author, Author) {
	t.Helper()
	ctx, _, log := openTestDB(t, orm.CreateTable[Author], orm.CreateTable[Post])
	alice := Author{Name: "Alice", Email: "a@example.com"}
	bob := Author{Name: "Bob", Email: "b@example.com"}
	must(t, orm.Save(ctx, &alice))
	must(t, orm.Save(ctx, &bob))
	for i, st := range []string{"published", "draft", "published", "archived", "published"} {
		owner := alice.ID
		if i%2 == 1 {
			owner = bob.ID
		}
		must(t, orm.Save(ctx, &Post{AuthorID: owner, Title: "post " + string(rune('A'+i)), Status: st}))
	}
	log.Reset()
	return ctxT{ctx, log}, alice, bob
}

func TestScopes(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		c, _, _ := seedBlog(t)
		rows, total, err := orm.Query[Post](c.ctx).Apply(Published).OrderBy("id").Limit(2).Page()
		must(t, err)
		require.Len(t, rows, 2, "published page: %d rows, total %d", len(rows), total)
		require.Equal(t, 3, total, "published page: %d rows, total %d", len(rows), total)
		require.Equal(t, "post A", rows[0].Title, "published page: %d rows, total %d", len(rows), total)
		n, err := orm.Query[Post](c.ctx).Apply(Status("draft")).Count()
		must(t, err)
		require.Equal(t, 1, n, "drafts")
	})
}

func TestQueryBuilder(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		c, alice, _ := seedBlog(t)
		ctx := c.ctx
		t.Run("where, or where, order, limit, offset", func(t *testing.T) {
			q := orm.Query[Post](ctx).Where("status = ?", "draft").OrWhere("status = ?", "archived").OrderBy("id DESC").Limit(1).Offset(1)
			sql, args := q.SQL()
			want := `SELECT "posts"."id", "posts"."author_id", "posts"."title", "posts"."status", "posts"."deleted_at", "posts"."created_at" FROM "posts" WHERE "posts"."deleted_at" IS NULL AND ((status = ?) OR (status = ?)) ORDER BY id DESC LIMIT 1 OFFSET 1`
			// the golden SQL is SQLite's; the rows are checked on every engine
			require.False(t, dialectName(t, ctx) == "sqlite" && sql != want, "SQL:\n got %s\nwant %s\nargs %v", sql, want, args)
			require.Len(t, args, 2, "SQL:\n got %s\nwant %s\nargs %v", sql, want, args)
			rows, err := q.Get()
			must(t, err)
			require.Len(t, rows, 1, "rows")
			require.Equal(t, "draft", rows[0].Status, "rows")
		})
		t.Run("first, exists, count", func(t *testing.T) {
			p, err := orm.Query[Post](ctx).Where("title = ?", "post C").First()
			must(t, err)
			require.NotNil(t, p, "first")
			require.Equal(t, "published", p.Status, "first")
			none, err := orm.Query[Post](ctx).Where("title = ?", "nope").First()
			require.NoError(t, err, "first of nothing")
			require.Nil(t, none, "first of nothing")
			ok, err := orm.Query[Post](ctx).Where("status = ?", "archived").Exists()
			must(t, err)
			no, err := orm.Query[Post](ctx).Where("status = ?", "nope").Exists()
			must(t, err)
			require.True(t, ok, "exists = %v, %v", ok, no)
			require.False(t, no, "exists = %v, %v", ok, no)
			n, err := orm.Query[Post](ctx).Offset(3).Limit(1).Count()
			must(t, err)
			require.Equal(t, 5, n, "count ignores offset: got %d, want 5", n)
		})
		t.Run("join with typed rows", func(t *testing.T) {
			rows, err := orm.Query[Post](ctx).Join("authors", "authors.id = posts.author_id").
				Where("authors.name = ?", "Alice").OrderBy("posts.id").Get()
			must(t, err)
			require.Len(t, rows, 3, "rows")
			require.Equal(t, alice.ID, rows[0].AuthorID, "rows")
		})
		t.Run("map rows, group by, having, left join", func(t *testing.T) {
			rows, err := orm.Table(ctx, "authors").
				Select("authors.name AS name", "COUNT(posts.id) AS posts").
				LeftJoin("posts", "posts.author_id = authors.id AND posts.status = 'published'").
				GroupBy("authors.name").Having("COUNT(posts.id) >= ?", 0).OrderBy("name").Get()
			must(t, err)
			require.Len(t, rows, 2, "rows")
			require.Equal(t, "Alice", rows[0]["name"], "rows")
			require.Equal(t, int64(3), rows[0]["posts"], "rows")
			require.Equal(t, int64(0), rows[1]["posts"], "rows")
			n, err := orm.Table(ctx, "posts").Select("status").GroupBy("status").Count()
			must(t, err)
			require.Equal(t, 3, n, "count of groups")
		})
		t.Run("select columns by name", func(t *testing.T) {
			rows, err := orm.Query[Post](ctx).Select("title").Where("status = ?", "archived").Get()
			must(t, err)
			require.Len(t, rows, 1, "rows")
			require.Equal(t, "post D", rows[0].Title, "rows")
			require.Equal(t, int64(0), rows[0].ID, "rows")
		})
		t.Run("order by field checks the name", func(t *testing.T) {
			rows, err := orm.Query[Post](ctx).OrderByField("-title").Limit(1).Get()
			must(t, err)
			require.Equal(t, "post E", rows[0].Title, "first")
			_, err = orm.Query[Post](ctx).OrderByField("id;DELETE FROM posts").Get()
			require.ErrorIs(t, err, orm.ErrInvalid, "err")
		})
		t.Run("raw query maps", func(t *testing.T) {
			rows, err := orm.QueryMaps(ctx, "SELECT COUNT(*) AS n FROM posts WHERE status = ?", "published")
			must(t, err)
			require.Equal(t, int64(3), rows[0]["n"], "rows = %v", rows)
		})
	})
}

func TestNoDatabase(t *testing.T) {
	orm.SetDefault(nil)
	_, err := orm.Find[Note](t.Context(), 1)
	require.ErrorIs(t, err, orm.ErrNoDatabase, "err")
}
