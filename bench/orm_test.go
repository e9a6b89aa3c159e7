package bench

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

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
	t, err := e.NewTarget(context.Background(), o.Name)
	if err != nil {
		tb.Fatalf("%s on %s: %v", o.Name, e.Name, err)
	}
	c, err := o.Open(t)
	if err != nil {
		tb.Fatalf("open %s on %s: %v", o.Name, e.Name, err)
	}
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
		if err != nil || !sameNote(got, seeded(id)) {
			t.Fatalf("FindByPK(%d) = %+v, %v; want %+v", id, got, err, seeded(id))
		}
	}
	before := time.Now().Add(-time.Minute)
	id, err := c.InsertOne(ctx, 1)
	if err != nil || id != SeedNotes+1 {
		t.Fatalf("InsertOne = %d, %v; want id %d", id, err, SeedNotes+1)
	}
	got, err := c.FindByPK(ctx, id)
	want := newNote(1)
	want.ID, want.CreatedAt = id, got.CreatedAt
	if err != nil || !sameNote(got, want) || got.CreatedAt.Before(before) || got.CreatedAt.After(time.Now().Add(time.Minute)) {
		t.Fatalf("FindByPK(new) = %+v, %v; want %+v stamped now", got, err, want)
	}
	got.Title, got.Content, got.Category, got.Pinned, got.Views = "Überarbeitet ✓", "", "inbox", true, 42
	if err := c.UpdateOne(ctx, got); err != nil {
		t.Fatalf("UpdateOne: %v", err)
	}
	if again, err := c.FindByPK(ctx, id); err != nil || !sameNote(again, got) {
		t.Fatalf("after UpdateOne: %+v, %v; want %+v", again, err, got)
	}
	if n, sum, err := c.Page(ctx); err != nil || n != PageSize || sum != 2*PageSize*(PageSize+1)/2 {
		t.Fatalf("Page = %d rows, views %d, %v; want %d rows, views %d", n, sum, err, PageSize, PageSize*(PageSize+1))
	}
	if n, err := c.Count(ctx); err != nil || n != WorkNotes {
		t.Fatalf("Count = %d, %v; want %d", n, err, WorkNotes)
	}
	if a, p, err := c.Eager(ctx); err != nil || a != PageSize || p != PageSize*PostsPerAuthor {
		t.Fatalf("Eager = %d authors, %d posts attached, %v; want %d, %d", a, p, err, PageSize, PageSize*PostsPerAuthor)
	}
	if n, ok, err := c.Join(ctx); err != nil || n != JoinRows || ok != JoinRows {
		t.Fatalf("Join = %d posts, %d with their author, %v; want %d, %d", n, ok, err, JoinRows, JoinRows)
	}
	if err := c.InsertBatch(ctx, 100); err != nil {
		t.Fatalf("InsertBatch: %v", err)
	}
	if next, err := c.InsertOne(ctx, 2); err != nil || next != id+1+BatchRows {
		t.Fatalf("InsertOne after InsertBatch = %d, %v; want id %d", next, err, id+1+BatchRows)
	}
	if n, err := c.Count(ctx); err != nil || n != WorkNotes {
		t.Fatalf("Count after the inserts = %d, %v; want %d (inserted notes are in the inbox)", n, err, WorkNotes)
	}
}

// TestSameSQLiteConfiguration checks that the contenders' own connections
// run with the pragmas of the ORM's.
func TestSameSQLiteConfiguration(t *testing.T) {
	ctx := context.Background()
	e := SQLite(t.TempDir())
	target, err := e.NewTarget(ctx, "pragmas")
	if err != nil {
		t.Fatal(err)
	}
	db, err := target.OpenSQL()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	odb, err := orm.Open(target.ORMURL())
	if err != nil {
		t.Fatal(err)
	}
	defer odb.Close()
	octx := orm.WithDB(ctx, odb)
	for _, pragma := range []string{"journal_mode", "foreign_keys", "synchronous", "busy_timeout", "cache_size", "mmap_size"} {
		var mine string
		if err := db.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&mine); err != nil {
			t.Fatal(err)
		}
		rows, err := orm.QueryMaps(octx, "PRAGMA "+pragma)
		if err != nil || len(rows) != 1 {
			t.Fatalf("orm PRAGMA %s: %v, %v", pragma, rows, err)
		}
		var theirs string
		for _, v := range rows[0] { // one column, named after the pragma or not (busy_timeout's is "timeout")
			theirs = fmt.Sprint(v)
		}
		if theirs != mine {
			t.Errorf("PRAGMA %s: contenders %q, ORM %q", pragma, mine, theirs)
		}
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
								if err := o.run(ctx, c.c, i); err != nil {
									b.Fatal(err)
								}
								i++
							}
						})
					}
				})
			}
		})
	}
}
