package bench

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"gorm.io/gorm"
)

// BulkRows is how many notes one bulk insert writes.
const BulkRows = 1000

// bulkInserts are the ways to insert BulkRows notes in one transaction:
// a Save loop and orm.InsertMany for tina4, GORM's CreateInBatches and bun's
// slice insert. Each returns how many keys it filled in.
var bulkInserts = []struct {
	name, contender string
	run             func(ctx context.Context, c Contender, i int) (int, error)
}{
	{"tina4-save-loop", "tina4", func(ctx context.Context, c Contender, i int) (int, error) {
		t := c.(*Tina4)
		rows := t4Notes(i)
		err := orm.Transaction(t.with(ctx), func(ctx context.Context) error {
			for k := range rows {
				if err := orm.Save(ctx, &rows[k]); err != nil {
					return err
				}
			}
			return nil
		})
		return keyed(rows, func(n T4Note) int64 { return n.ID }), err
	}},
	{"tina4-insertmany", "tina4", func(ctx context.Context, c Contender, i int) (int, error) {
		rows := t4Notes(i)
		err := orm.InsertMany(c.(*Tina4).with(ctx), rows)
		return keyed(rows, func(n T4Note) int64 { return n.ID }), err
	}},
	{"gorm-createinbatches", "gorm", func(ctx context.Context, c Contender, i int) (int, error) {
		rows := make([]GNote, BulkRows)
		for k := range rows {
			s := newNote(i + k)
			rows[k] = GNote{Title: s.Title, Content: s.Content, Category: s.Category, Pinned: s.Pinned, Views: s.Views}
		}
		err := c.(*GORM).db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			return tx.CreateInBatches(rows, BulkRows).Error
		})
		return keyed(rows, func(n GNote) int64 { return n.ID }), err
	}},
	{"bun-bulk", "bun", func(ctx context.Context, c Contender, i int) (int, error) {
		stamp := now()
		rows := make([]BNote, BulkRows)
		for k := range rows {
			s := newNote(i + k)
			rows[k] = BNote{Title: s.Title, Content: s.Content, Category: s.Category, Pinned: s.Pinned, Views: s.Views, CreatedAt: stamp}
		}
		_, err := c.(*Bun).db.NewInsert().Model(&rows).Exec(ctx)
		return keyed(rows, func(n BNote) int64 { return n.ID }), err
	}},
}

func t4Notes(i int) []T4Note {
	rows := make([]T4Note, BulkRows)
	for k := range rows {
		s := newNote(i + k)
		rows[k] = T4Note{Title: s.Title, Content: s.Content, Category: s.Category, Pinned: s.Pinned, Views: s.Views}
	}
	return rows
}

// keyed counts the rows whose key was filled in.
func keyed[T any](rows []T, id func(T) int64) int {
	n := 0
	for _, r := range rows {
		if id(r) > 0 {
			n++
		}
	}
	return n
}

// openNamed opens contender name for the bulk insert way on a database of
// its own (bulk_<way>), so that no other benchmark's pool still holds the
// schema it drops and recreates.
func openNamed(tb testing.TB, e Engine, name, way string) Contender {
	tb.Helper()
	for _, o := range Contenders {
		if o.Name == name {
			return openAs(tb, e, o, "bulk_"+strings.ReplaceAll(way, "-", "_"))
		}
	}
	require.Fail(tb, fmt.Sprintf("no contender %s", name))
	return nil
}

// resetter returns a function that removes the notes a bulk insert added
// to the way's database (PostgreSQL: and vacuums the table), so that every
// iteration of every way inserts into the same seeded table: without it a
// faster way, running more iterations, inserts into a larger table.
func resetter(tb testing.TB, e Engine, way string) func() {
	tb.Helper()
	db, err := e.TargetOf("bulk_" + strings.ReplaceAll(way, "-", "_")).OpenSQL()
	require.NoError(tb, err)
	tb.Cleanup(func() { db.Close() })
	stmts := []string{fmt.Sprintf("DELETE FROM notes WHERE id > %d", SeedNotes)}
	if e.Name != "sqlite" {
		stmts = append(stmts, "VACUUM notes")
	}
	return func() {
		for _, q := range stmts {
			_, err := db.Exec(q)
			require.NoError(tb, err, q)
		}
	}
}

// TestBulkInsertsAgree checks that every bulk insert writes BulkRows rows
// and fills in every key.
func TestBulkInsertsAgree(t *testing.T) {
	ctx := context.Background()
	for _, e := range Engines(t.TempDir()) {
		for _, bi := range bulkInserts {
			t.Run(e.Name+"/"+bi.name, func(t *testing.T) {
				c := openNamed(t, e, bi.contender, bi.name)
				before, err := c.Count(ctx)
				require.NoError(t, err)
				n, err := bi.run(ctx, c, 1)
				require.NoError(t, err, "%d keys, %v", n, err)
				require.Equal(t, BulkRows, n, "%d keys, %v", n, err)
				after, err := c.Count(ctx) // inserted notes are "inbox": Count reads "work"
				require.NoError(t, err, "count")
				require.Equal(t, before, after, "count")
			})
		}
	}
}

// BenchmarkBulkInsert inserts BulkRows notes per operation, in one
// transaction: BenchmarkBulkInsert/<engine>/<way>.
func BenchmarkBulkInsert(b *testing.B) {
	ctx := context.Background()
	for _, e := range Engines(b.TempDir()) {
		for _, bi := range bulkInserts {
			b.Run(e.Name+"/"+bi.name, func(b *testing.B) {
				c := openNamed(b, e, bi.contender, bi.name)
				reset := resetter(b, e, bi.name)
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					n, err := bi.run(ctx, c, i*BulkRows)
					require.NoError(b, err, "%d keys, %v", n, err)
					require.Equal(b, BulkRows, n, "%d keys, %v", n, err)
					b.StopTimer()
					reset()
					b.StartTimer()
				}
			})
		}
	}
}
