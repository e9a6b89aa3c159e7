package bench

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// The two ways to load an edge, written by hand: the to-one edge of 100
// posts to their author, and the to-many edge of 100 authors to their posts.
const (
	sqlPlanPosts       = `SELECT id, author_id, title, body, views FROM posts ORDER BY id LIMIT 100`
	sqlPlanAuthorsOf   = `SELECT id, name, email FROM authors WHERE id IN (` // + marks
	sqlPlanToOneJoin   = `SELECT p.id, p.author_id, p.title, p.body, p.views, a.id, a.name, a.email FROM posts p LEFT JOIN authors a ON a.id = p.author_id ORDER BY p.id LIMIT 100`
	sqlPlanToManyJoin  = `SELECT a.id, a.name, a.email, p.id, p.author_id, p.title, p.body, p.views FROM (SELECT id, name, email FROM authors ORDER BY id LIMIT 100) a LEFT JOIN posts p ON p.author_id = a.id ORDER BY a.id, p.id`
	planPosts, planOne = 100, "ToOne100"
	planMany           = "ToMany100x10"
)

// planCase is one way to load one edge; it returns the rows and the related
// rows attached to the right one.
type planCase struct {
	edge, name string
	run        func(ctx context.Context) (int, int, error)
}

// planCases lists, for one target, Include's two plans (tina4-join is the
// default PlanCheapest, tina4-queries PlanQueries) and the same two plans
// written by hand with statements prepared once. The ORM has no JOIN plan
// for a to-many edge (see orm.IncludePlan); the hand-written pair shows what
// one would gain.
func planCases(tb testing.TB, e Engine, t Target) []planCase {
	tb.Helper()
	c, err := OpenTina4(t)
	require.NoError(tb, err)
	t4 := c.(*Tina4)
	db, err := t.OpenSQL()
	require.NoError(tb, err)
	tb.Cleanup(func() { t4.Close(); db.Close() })
	prep := func(q string) *sql.Stmt {
		s, err := db.Prepare(e.Rebind(q))
		require.NoError(tb, err)
		return s
	}
	posts, toOne, toMany := prep(sqlPlanPosts), prep(sqlPlanToOneJoin), prep(sqlPlanToManyJoin)
	authors := prep(sqlAuthors)
	postsOf := prep(sqlPostsOf + "?" + strings.Repeat(", ?", PageSize-1) + ")")
	authorsOf := map[int]*sql.Stmt{}
	toOnePosts := func(p orm.IncludePlan) func(ctx context.Context) (int, int, error) {
		return func(ctx context.Context) (int, int, error) {
			rows, err := orm.Query[T4Post](t4.with(ctx)).OrderByField("id").Limit(planPosts).Include("author").IncludePlan(p).Get()
			if err != nil {
				return 0, 0, err
			}
			return countJoined(rows, func(p T4Post) (int64, int64, bool) {
				if a := p.Author.Loaded(); a != nil {
					return p.Author.ID, a.ID, true
				}
				return p.Author.ID, 0, false
			})
		}
	}
	return []planCase{
		{planOne, "tina4-join", toOnePosts(orm.PlanCheapest)},
		{planOne, "tina4-queries", toOnePosts(orm.PlanQueries)},
		{planOne, "prepared-join", func(ctx context.Context) (int, int, error) { return readJoin(toOne.QueryContext(ctx)) }},
		{planOne, "prepared-queries", func(ctx context.Context) (int, int, error) {
			return toOneByQueries(ctx, posts, func(n int) *sql.Stmt {
				if authorsOf[n] == nil {
					authorsOf[n] = prep(sqlPlanAuthorsOf + "?" + strings.Repeat(", ?", n-1) + ")")
				}
				return authorsOf[n]
			})
		}},
		{planMany, "tina4-queries", func(ctx context.Context) (int, int, error) {
			ctx = t4.with(ctx)
			rows, err := orm.Query[T4Author](ctx).OrderByField("id").Limit(PageSize).Include("posts").Get()
			if err != nil {
				return 0, 0, err
			}
			return countAttached(rows, func(a T4Author) (int64, []T4Post) {
				ps, _ := a.Posts.All(ctx)
				return a.ID, ps
			}, func(p T4Post) int64 { return p.Author.ID })
		}},
		{planMany, "prepared-join", func(ctx context.Context) (int, int, error) { return toManyByJoin(toMany.QueryContext(ctx)) }},
		{planMany, "prepared-queries", func(ctx context.Context) (int, int, error) {
			return eager(ctx, func() (*sql.Rows, error) { return authors.QueryContext(ctx) },
				func(ids []any) (*sql.Rows, error) { return postsOf.QueryContext(ctx, ids...) })
		}},
	}
}

// toOneByQueries reads the posts, then their authors by one IN query.
func toOneByQueries(ctx context.Context, posts *sql.Stmt, authorsOf func(n int) *sql.Stmt) (int, int, error) {
	rows, err := posts.QueryContext(ctx)
	if err != nil {
		return 0, 0, err
	}
	ps := make([]rawPost, 0, planPosts)
	for rows.Next() {
		var p rawPost
		if err := rows.Scan(&p.ID, &p.AuthorID, &p.Title, &p.Body, &p.Views); err != nil {
			rows.Close()
			return 0, 0, err
		}
		ps = append(ps, p)
	}
	if err := rows.Close(); err != nil {
		return 0, 0, err
	}
	byID := map[int64]*rawAuthor{}
	var ids []any
	for _, p := range ps {
		if _, ok := byID[p.AuthorID]; !ok {
			byID[p.AuthorID] = nil
			ids = append(ids, p.AuthorID)
		}
	}
	rows, err = authorsOf(len(ids)).QueryContext(ctx, ids...)
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	for rows.Next() {
		a := new(rawAuthor)
		if err := rows.Scan(&a.ID, &a.Name, &a.Email); err != nil {
			return 0, 0, err
		}
		byID[a.ID] = a
	}
	if err := rows.Err(); err != nil {
		return 0, 0, err
	}
	for i := range ps {
		ps[i].Author = byID[ps[i].AuthorID]
	}
	return countJoined(ps, func(p rawPost) (int64, int64, bool) {
		if p.Author == nil {
			return p.AuthorID, 0, false
		}
		return p.AuthorID, p.Author.ID, true
	})
}

// toManyByJoin groups the authors x posts LEFT JOIN into authors with their
// posts: every author's columns come once per post.
func toManyByJoin(rows *sql.Rows, err error) (int, int, error) {
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	authors := make([]rawAuthor, 0, PageSize)
	for rows.Next() {
		var (
			a                 rawAuthor
			pid, paid, pviews sql.NullInt64
			ptitle, pbody     sql.NullString
		)
		if err := rows.Scan(&a.ID, &a.Name, &a.Email, &pid, &paid, &ptitle, &pbody, &pviews); err != nil {
			return 0, 0, err
		}
		if n := len(authors); n == 0 || authors[n-1].ID != a.ID {
			authors = append(authors, a)
		}
		if pid.Valid {
			last := &authors[len(authors)-1]
			last.Posts = append(last.Posts, rawPost{ID: pid.Int64, AuthorID: paid.Int64, Title: ptitle.String, Body: pbody.String, Views: pviews.Int64})
		}
	}
	if err := rows.Err(); err != nil {
		return 0, 0, err
	}
	return countAttached(authors, func(a rawAuthor) (int64, []rawPost) { return a.ID, a.Posts },
		func(p rawPost) int64 { return p.AuthorID })
}

// planTarget is a target seeded with few notes: the plans read authors and
// posts only.
func planTarget(tb testing.TB, e Engine) Target {
	tb.Helper()
	t, err := e.NewTargetNotes(context.Background(), "plan", 100)
	require.NoError(tb, err)
	return t
}

// Every plan reads the same rows and attaches every related row.
func TestIncludePlansAgree(t *testing.T) {
	ctx := context.Background()
	for _, e := range Engines(t.TempDir()) {
		t.Run(e.Name, func(t *testing.T) {
			want := map[string][2]int{planOne: {planPosts, planPosts}, planMany: {PageSize, PageSize * 10}}
			for _, c := range planCases(t, e, planTarget(t, e)) {
				n, attached, err := c.run(ctx)
				require.NoError(t, err, "%s/%s: %v", c.edge, c.name, err)
				got := [2]int{n, attached}
				assert.Equal(t, want[c.edge], got, "%s/%s: %v rows and attached, want %v", c.edge, c.name, got, want[c.edge])
			}
		})
	}
}

// BenchmarkIncludePlan measures both plans per edge kind:
// BenchmarkIncludePlan/<engine>/<ToOne100|ToMany100x10>/<contender-plan>.
func BenchmarkIncludePlan(b *testing.B) {
	ctx := context.Background()
	for _, e := range Engines(b.TempDir()) {
		b.Run(e.Name, func(b *testing.B) {
			for _, c := range planCases(b, e, planTarget(b, e)) {
				b.Run(c.edge+"/"+c.name, func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						_, _, err := c.run(ctx)
						require.NoError(b, err)
					}
				})
			}
		})
	}
}
