package bench

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

type named struct {
	name string
	c    Contender
}

// openAll gives every contender its own freshly seeded database on e; with
// BENCH_CONTENDERS set (a comma-separated list, as instructions.sh sets it),
// only those.
func openAll(tb testing.TB, e Engine) []named {
	tb.Helper()
	var out []named
	only := os.Getenv("BENCH_CONTENDERS")
	for _, o := range Contenders {
		if only != "" && !slices.Contains(strings.Split(only, ","), o.Name) {
			continue
		}
		out = append(out, named{o.Name, openOne(tb, e, o)})
	}
	return out
}

func openOne(tb testing.TB, e Engine, o Opener) Contender {
	tb.Helper()
	return openAs(tb, e, o, o.Name)
}

// openAs opens contender o on its own database named target (a SQLite file,
// a PostgreSQL schema bench_<target>), freshly created and seeded.
func openAs(tb testing.TB, e Engine, o Opener, target string) Contender {
	tb.Helper()
	t, err := e.NewTarget(context.Background(), target)
	require.NoError(tb, err, "%s on %s: %v", o.Name, e.Name, err)
	c, err := o.Open(t)
	require.NoError(tb, err, "open %s on %s: %v", o.Name, e.Name, err)
	tb.Cleanup(func() { c.Close() })
	return c
}

// seeded is note i as the seed wrote it.
func seeded(i int64) NoteSummary {
	cat := "personal"
	if i%2 == 0 {
		cat = "work"
	}
	return NoteSummary{ID: i, Title: fmt.Sprintf("Note %d", i), Content: "Some content for the note, a sentence or two long.",
		Category: cat, Pinned: i%7 == 0, Views: i, CreatedAt: SeedTime}
}

func sameNote(a, b NoteSummary) bool {
	return a.ID == b.ID && a.Title == b.Title && a.Content == b.Content && a.Category == b.Category &&
		a.Pinned == b.Pinned && a.Views == b.Views && a.CreatedAt.Equal(b.CreatedAt)
}

// TestContendersAgree runs every operation of the suite on every contender
// and checks that each read and wrote the same rows, so that the benchmarks
// compare the same work.
func TestContendersAgree(t *testing.T) {
	ctx := context.Background()
	for _, e := range Engines(t.TempDir()) {
		t.Run(e.Name, func(t *testing.T) {
			for _, o := range Contenders {
				t.Run(o.Name, func(t *testing.T) {
					c := openOne(t, e, o)
					checkContender(t, ctx, c)
				})
			}
		})
	}
}

func checkContender(t *testing.T, ctx context.Context, c Contender) {
	t.Helper()
	for _, id := range []int64{1, 2, 7, SeedNotes} {
		got, err := c.FindByPK(ctx, id)
		require.NoError(t, err, "FindByPK")
		require.True(t, sameNote(got, seeded(id)), "FindByPK")
	}
	before := time.Now().Add(-time.Minute)
	id, err := c.InsertOne(ctx, 1)
	require.NoError(t, err, "InsertOne = %d, %v; want id %d", id, err, SeedNotes+1)
	require.Equal(t, int64(SeedNotes+1), id, "InsertOne = %d, %v; want id %d", id, err, SeedNotes+1)
	got, err := c.FindByPK(ctx, id)
	want := newNote(1)
	want.ID, want.CreatedAt = id, got.CreatedAt
	require.NoError(t, err, "FindByPK(new) = %+v, %v; want %+v stamped now", got, err, want)
	require.True(t, sameNote(got, want), "FindByPK(new) = %+v, %v; want %+v stamped now", got, err, want)
	require.False(t, got.CreatedAt.Before(before), "FindByPK(new) = %+v, %v; want %+v stamped now", got, err, want)
	require.False(t, got.CreatedAt.After(time.Now().Add(time.Minute)), "FindByPK(new) = %+v, %v; want %+v stamped now", got, err, want)
	got.Title, got.Content, got.Category, got.Pinned, got.Views = "Überarbeitet ✓", "", "inbox", true, 42
	err = c.UpdateOne(ctx, got)
	require.NoError(t, err, "UpdateOne")
	again, err := c.FindByPK(ctx, id)
	require.NoError(t, err, "after UpdateOne")
	require.True(t, sameNote(again, got), "after UpdateOne")
	n, sum, err := c.Page(ctx)
	require.NoError(t, err, "Page = %d rows, views %d, %v; want %d rows, views %d", n, sum, err, PageSize, PageSize*(PageSize+1))
	require.Equal(t, PageSize, n, "Page = %d rows, views %d, %v; want %d rows, views %d", n, sum, err, PageSize, PageSize*(PageSize+1))
	require.Equal(t, int64(2*PageSize*(PageSize+1)/2), sum, "Page = %d rows, views %d, %v; want %d rows, views %d", n, sum, err, PageSize, PageSize*(PageSize+1))
	n, err = c.Count(ctx)
	require.NoError(t, err, "Count")
	require.Equal(t, WorkNotes, n, "Count")
	a, p, err := c.Eager(ctx)
	require.NoError(t, err, "Eager = %d authors, %d posts attached, %v; want %d, %d", a, p, err, PageSize, PageSize*PostsPerAuthor)
	require.Equal(t, PageSize, a, "Eager = %d authors, %d posts attached, %v; want %d, %d", a, p, err, PageSize, PageSize*PostsPerAuthor)
	require.Equal(t, PageSize*PostsPerAuthor, p, "Eager = %d authors, %d posts attached, %v; want %d, %d", a, p, err, PageSize, PageSize*PostsPerAuthor)
	n, ok, err := c.Join(ctx)
	require.NoError(t, err, "Join = %d posts, %d with their author, %v; want %d, %d", n, ok, err, JoinRows, JoinRows)
	require.Equal(t, JoinRows, n, "Join = %d posts, %d with their author, %v; want %d, %d", n, ok, err, JoinRows, JoinRows)
	require.Equal(t, JoinRows, ok, "Join = %d posts, %d with their author, %v; want %d, %d", n, ok, err, JoinRows, JoinRows)
	err = c.InsertBatch(ctx, 100)
	require.NoError(t, err, "InsertBatch")
	next, err := c.InsertOne(ctx, 2)
	require.NoError(t, err, "InsertOne after InsertBatch = %d, %v; want id %d", next, err, id+1+BatchRows)
	require.Equal(t, id+1+BatchRows, next, "InsertOne after InsertBatch = %d, %v; want id %d", next, err, id+1+BatchRows)
	n, err = c.Count(ctx)
	require.NoError(t, err, "Count after the inserts = %d, %v; want %d (inserted notes are in the inbox)", n, err, WorkNotes)
	require.Equal(t, WorkNotes, n, "Count after the inserts = %d, %v; want %d (inserted notes are in the inbox)", n, err, WorkNotes)
}

// TestSameSQLiteConfiguration checks that the contenders' own connections
// run with the pragmas of the ORM's.
func TestSameSQLiteConfiguration(t *testing.T) {
	ctx := context.Background()
	e := SQLite(t.TempDir())
	target, err := e.NewTarget(ctx, "pragmas")
	require.NoError(t, err)
	db, err := target.OpenSQL()
	require.NoError(t, err)
	defer db.Close()
	odb, err := orm.Open(target.ORMURL())
	require.NoError(t, err)
	defer odb.Close()
	octx := orm.WithDB(ctx, odb)
	for _, pragma := range []string{"journal_mode", "foreign_keys", "synchronous", "busy_timeout", "cache_size", "mmap_size"} {
		var mine string
		require.NoError(t, db.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&mine))
		rows, err := orm.QueryMaps(octx, "PRAGMA "+pragma)
		require.NoError(t, err, "orm PRAGMA %s: %v, %v", pragma, rows, err)
		require.Len(t, rows, 1, "orm PRAGMA %s: %v, %v", pragma, rows, err)
		var theirs string
		for _, v := range rows[0] { // one column, named after the pragma or not (busy_timeout's is "timeout")
			theirs = fmt.Sprint(v)
		}
		assert.Equal(t, mine, theirs, "PRAGMA %s: contenders %q, ORM %q", pragma, mine, theirs)
	}
}

// op is one benchmarked operation; i numbers the iteration.
type op struct {
	name string
	run  func(ctx context.Context, c Contender, i int) error
}

var ops = []op{
	{"InsertOne", func(ctx context.Context, c Contender, i int) error {
		_, err := c.InsertOne(ctx, i)
		return err
	}},
	{"FindByPK", func(ctx context.Context, c Contender, i int) error {
		_, err := c.FindByPK(ctx, int64(1+i%SeedNotes))
		return err
	}},
	{"UpdateOne", func(ctx context.Context, c Contender, i int) error {
		return c.UpdateOne(ctx, seededNotes[i%SeedNotes])
	}},
	{"Page100", func(ctx context.Context, c Contender, _ int) error {
		_, _, err := c.Page(ctx)
		return err
	}},
	{"Count", func(ctx context.Context, c Contender, _ int) error {
		_, err := c.Count(ctx)
		return err
	}},
	{"Eager100x10", func(ctx context.Context, c Contender, _ int) error {
		_, _, err := c.Eager(ctx)
		return err
	}},
	{"Join1000", func(ctx context.Context, c Contender, _ int) error {
		_, _, err := c.Join(ctx)
		return err
	}},
	{"InsertBatch100", func(ctx context.Context, c Contender, i int) error {
		return c.InsertBatch(ctx, i*BatchRows)
	}},
}

// seededNotes are the seeded notes, which UpdateOne writes back unchanged.
var seededNotes = func() []NoteSummary {
	out := make([]NoteSummary, SeedNotes)
	for i := range out {
		out[i] = seeded(int64(i + 1))
	}
	return out
}()

// BenchmarkORM runs every operation on every contender: names are
// BenchmarkORM/<engine>/<operation>/<contender>.
func BenchmarkORM(b *testing.B) {
	ctx := context.Background()
	for _, e := range Engines(b.TempDir()) {
		b.Run(e.Name, func(b *testing.B) {
			all := openAll(b, e)
			for _, o := range ops {
				b.Run(o.name, func(b *testing.B) {
					for _, c := range all {
						b.Run(c.name, func(b *testing.B) {
							b.ReportAllocs()
							i := 0
							for b.Loop() {
								err := o.run(ctx, c.c, i)
								require.NoError(b, err)
								i++
							}
						})
					}
				})
			}
		})
	}
}
