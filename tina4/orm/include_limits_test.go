package orm_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// boundAuthor and boundPost are a fan-out: one author, many posts.
type boundAuthor struct {
	ID    int64                  `db:"id"`
	Name  string                 `db:"name"`
	Posts orm.HasMany[boundPost] `fk:"author_id"`
}

func (boundAuthor) TableName() string { return "bound_authors" }

type boundPost struct {
	ID     int64                       `db:"id"`
	Author orm.ForeignKey[boundAuthor] `db:"author_id" related_name:"posts"`
	Title  string                      `db:"title"`
}

func (boundPost) TableName() string { return "bound_posts" }

// boundNode is a tree: a model related to itself.
type boundNode struct {
	ID       int64                         `db:"id"`
	Name     string                        `db:"name"`
	Parent   orm.NullForeignKey[boundNode] `db:"parent_id" related_name:"children"`
	Children orm.HasMany[boundNode]        `fk:"parent_id"`
}

func (boundNode) TableName() string { return "bound_nodes" }

// seedFanOut makes one author with posts posts.
func seedFanOut(t *testing.T, posts int) context.Context {
	t.Helper()
	ctx, _, _ := openTestDB(t, orm.CreateTable[boundAuthor], orm.CreateTable[boundPost], orm.CreateTable[boundNode])
	a := boundAuthor{Name: "Ann"}
	require.NoError(t, orm.Save(ctx, &a))
	for i := range posts {
		p := boundPost{Title: fmt.Sprintf("post %d", i)}
		p.Author.ID = a.ID
		require.NoError(t, orm.Save(ctx, &p))
	}
	return ctx
}

func TestIncludeLimits(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx := seedFanOut(t, 20)
		// A chain of nodes 1 <- 2 <- 3 <- 4 <- 5.
		for i := 1; i <= 5; i++ {
			n := boundNode{Name: fmt.Sprintf("n%d", i)}
			n.Parent.ID = int64(i - 1)
			require.NoError(t, orm.Save(ctx, &n))
		}
		refused := []struct {
			name string
			run  func() error
			want string
		}{
			{"a path back to the root model", func() error {
				_, _, err := orm.All[boundAuthor](ctx, orm.Include("posts.author"))
				return err
			}, `include "posts.author": author leads back to boundAuthor`},
			{"a path back further down", func() error {
				_, err := orm.Find[boundPost](ctx, 1, orm.Include("author.posts"))
				return err
			}, `include "author.posts": posts leads back to boundPost`},
			{"too deep", func() error {
				_, _, err := orm.All[boundNode](ctx, orm.Include("children.children.children.children"))
				return err
			}, `include "children.children.children.children" follows 4 relations, more than the limit of 3`},
			{"too deep for a lower limit", func() error {
				_, _, err := orm.Query[boundNode](ctx).Include("children.children").IncludeLimits(orm.IncludeLimits{MaxDepth: 1}).Page()
				return err
			}, "more than the limit of 1"},
			{"too many relations", func() error {
				_, err := orm.Find[boundNode](ctx, 1, orm.Include("children.parent", "parent.children"), orm.WithIncludeLimits(orm.IncludeLimits{MaxRelations: 3}))
				return err
			}, "include names 4 relations, more than the limit of 3"},
			{"too many rows", func() error {
				_, err := orm.Find[boundAuthor](ctx, 1, orm.Include("posts"), orm.MaxIncludeRows(19))
				return err
			}, "more than 19 related rows to embed"},
			{"a shared row counts each time it is embedded", func() error {
				_, _, err := orm.All[boundPost](ctx, orm.Include("author"), orm.MaxIncludeRows(19))
				return err
			}, "more than 19 related rows"},
			{"a bad include of a missing row", func() error {
				_, err := orm.Find[boundAuthor](ctx, 999, orm.Include("nope"))
				return err
			}, `has no relation "nope"`},
		}
		for _, tt := range refused {
			t.Run(tt.name, func(t *testing.T) {
				err := tt.run()
				require.ErrorIs(t, err, orm.ErrInvalid)
				assert.Contains(t, err.Error(), tt.want)
			})
		}

		t.Run("within the limits", func(t *testing.T) {
			a, err := orm.Find[boundAuthor](ctx, 1, orm.Include("posts"), orm.MaxIncludeRows(20))
			require.NoError(t, err)
			posts, _ := a.Posts.Loaded()
			assert.Len(t, posts, 20)
			rows, _, err := orm.All[boundPost](ctx, orm.Include("author"), orm.MaxIncludeRows(20))
			require.NoError(t, err)
			assert.Len(t, rows, 20)
			_, _, err = orm.All[boundPost](ctx, orm.Include("author"), orm.MaxIncludeRows(-1))
			require.NoError(t, err, "a negative limit lifts it")
		})
		t.Run("a model's relations to itself walk the tree", func(t *testing.T) {
			n, err := orm.Find[boundNode](ctx, 2, orm.Include("children.children", "parent.children"))
			require.NoError(t, err)
			kids, _ := n.Children.Loaded()
			require.Len(t, kids, 1)
			grand, _ := kids[0].Children.Loaded()
			require.Len(t, grand, 1)
			assert.Equal(t, "n4", grand[0].Name)
			assert.Equal(t, "n1", n.Parent.Loaded().Name)
			n4, err := orm.Find[boundNode](ctx, 4, orm.Include("parent.parent.parent"))
			require.NoError(t, err)
			assert.Equal(t, "n1", n4.Parent.Loaded().Parent.Loaded().Parent.Loaded().Name)
		})
		t.Run("AllowRevisit opts in to paths back", func(t *testing.T) {
			rows, _, err := orm.Query[boundAuthor](ctx).Include("posts.author").IncludeLimits(orm.IncludeLimits{AllowRevisit: true}).Page()
			require.NoError(t, err)
			posts, _ := rows[0].Posts.Loaded()
			require.Len(t, posts, 20)
			assert.Equal(t, "Ann", posts[0].Author.Loaded().Name)
		})
	})
}

// The deepest include the limits allow over a fan-out (one author, 20 posts,
// the path cycling author -> posts -> author, which embeds 20^depth rows)
// fails at the row limit while loading, and allocates little doing so.
// Without the limit this query embeds 3.2 million posts (gigabytes).
func TestIncludeRowLimitKeepsMemoryFlat(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx := seedFanOut(t, 20)
		lim := orm.IncludeLimits{MaxDepth: 9, AllowRevisit: true} // the default 5000 rows
		run := func() error {
			_, err := orm.Find[boundAuthor](ctx, 1, orm.Include("posts.author.posts.author.posts.author.posts.author.posts"), orm.WithIncludeLimits(lim))
			return err
		}
		require.NoError(t, func() error { _, err := orm.Find[boundAuthor](ctx, 1); return err }()) // warm up
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		err := run()
		runtime.ReadMemStats(&after)
		require.ErrorIs(t, err, orm.ErrInvalid)
		assert.Contains(t, err.Error(), "more than 5000 related rows")
		const bound = 4 << 20 // 4 MiB; about 35 KiB in practice
		assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(bound), "allocated while loading")
	})
}

// Filters through many foreign keys join with short aliases: a
// self-referencing parent__parent__... path deeper than 9 works on every
// engine (long aliases were cut at 63 bytes on PostgreSQL and collided).
func TestFilterDeepTraversal(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[boundNode])
		const depth = 12
		for i := 1; i <= depth+1; i++ {
			n := boundNode{Name: fmt.Sprintf("n%d", i)}
			n.Parent.ID = int64(i - 1)
			require.NoError(t, orm.Save(ctx, &n))
		}
		for _, d := range []int{1, 9, 10, depth} {
			t.Run(fmt.Sprint(d), func(t *testing.T) {
				key := strings.Repeat("parent__", d) + "name"
				rows, err := orm.Query[boundNode](ctx).Filter(key, "n1").Get()
				require.NoError(t, err)
				require.Len(t, rows, 1)
				assert.Equal(t, fmt.Sprintf("n%d", d+1), rows[0].Name)
				path := strings.TrimSuffix(strings.Repeat("parent__", d), "__")
				rows, err = orm.Query[boundNode](ctx).SelectRelated(path).Filter("name", fmt.Sprintf("n%d", depth+1)).Get()
				require.NoError(t, err)
				require.Len(t, rows, 1)
				top := rows[0].Parent.Loaded()
				for range d - 1 {
					top = top.Parent.Loaded()
				}
				assert.Equal(t, fmt.Sprintf("n%d", depth+1-d), top.Name)
			})
		}
	})
}
