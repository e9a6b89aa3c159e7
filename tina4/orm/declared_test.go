package orm_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// seedLibrary makes writers x books x remarks, every writer at publisher 1.
func seedLibrary(t testing.TB, writers, books, remarks int) (context.Context, *sqlLog) {
	t.Helper()
	ctx, _, log := openTestDB(t, declaredTables...)
	err := orm.Transaction(ctx, func(ctx context.Context) error {
		pub := Publisher{Name: "Penguin"}
		if err := orm.Save(ctx, &pub); err != nil {
			return err
		}
		for w := 0; w < writers; w++ {
			wr := Writer{Name: fmt.Sprintf("writer %d", w)}
			wr.Publisher.SetID(pub.ID)
			if err := orm.Save(ctx, &wr); err != nil {
				return err
			}
			for b := 0; b < books; b++ {
				v := Volume{Title: fmt.Sprintf("book %d.%d", w, b), Year: 1990 + b}
				if err := v.Writer.Set(&wr); err != nil {
					return err
				}
				if err := orm.Save(ctx, &v); err != nil {
					return err
				}
				for r := 0; r < remarks; r++ {
					rm := Remark{Body: fmt.Sprintf("remark %d.%d.%d", w, b, r)}
					rm.Volume.SetID(v.ID)
					if err := orm.Save(ctx, &rm); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	must(t, err)
	log.Reset()
	return ctx, log
}

func TestDeclaredForeignKeyDDL(t *testing.T) {
	m, err := orm.ModelOf[Volume]()
	must(t, err)
	stmts, err := orm.CreateTableSQL(m, dialect.SQLite{})
	must(t, err)
	sql := strings.Join(stmts, ";\n")
	for _, want := range []string{
		`"writer_id" INTEGER NOT NULL`,
		`FOREIGN KEY ("writer_id") REFERENCES "writer" ("id") ON DELETE CASCADE`,
		`CREATE INDEX IF NOT EXISTS "idx_volume_writer_id" ON "volume" ("writer_id")`,
	} {
		assert.Contains(t, sql, want, "DDL lacks")
	}
	w, _ := orm.ModelOf[Writer]()
	stmts, _ = orm.CreateTableSQL(w, dialect.SQLite{})
	assert.Contains(t, stmts[0], `"publisher_id" INTEGER,`, "nullable key DDL")
	assert.Contains(t, stmts[0], "ON DELETE SET NULL", "nullable key DDL")
}

type setNullNotNullable struct {
	ID     int64
	Writer orm.ForeignKey[Writer] `db:"writer_id" on_delete:"set null"`
}

func TestSetNullOnNonNullableKeyIsRejected(t *testing.T) {
	defer func() {
		msg := fmt.Sprint(recover())
		require.Contains(t, msg, "setNullNotNullable", "panic")
		require.Contains(t, msg, "SET NULL", "panic")
	}()
	orm.Register[setNullNotNullable]()
}

func TestLazyForeignKey(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, log := seedLibrary(t, 2, 1, 0)
		v, err := orm.Find[Volume](ctx, 1)
		must(t, err)
		log.Reset()
		w1, err := v.Writer.Get(ctx)
		must(t, err)
		w2, err := v.Writer.Get(ctx)
		must(t, err)
		require.Same(t, w2, w1, "lazy load: %v %v, %d queries (want 1, cached)", w1, w2, log.Count())
		require.Equal(t, "writer 0", w1.Name, "lazy load: %v %v, %d queries (want 1, cached)", w1, w2, log.Count())
		require.Equal(t, 1, log.Count(), "lazy load: %v %v, %d queries (want 1, cached)", w1, w2, log.Count())
		v.Writer.SetID(2) // changing the key drops the cache
		w3, err := v.Writer.Get(ctx)
		must(t, err)
		require.Equal(t, "writer 1", w3.Name, "after SetID: %v, %d queries", w3, log.Count())
		require.Equal(t, 2, log.Count(), "after SetID: %v, %d queries", w3, log.Count())
		var orphan Writer // NULL publisher: nil, no query
		log.Reset()
		p, err := orphan.Publisher.Get(ctx)
		require.Nil(t, p, "NULL key: %v %v, %d queries", p, err, log.Count())
		require.NoError(t, err, "NULL key: %v %v, %d queries", p, err, log.Count())
		require.Equal(t, 0, log.Count(), "NULL key: %v %v, %d queries", p, err, log.Count())
		v.Writer.SetID(999)
		_, err = v.Writer.Get(ctx)
		require.ErrorIs(t, err, orm.ErrNotFound, "missing target")
		t.Run("foreign keys are enforced", func(t *testing.T) {
			bad := Volume{Title: "orphan"}
			bad.Writer.SetID(12345)
			require.ErrorIs(t, orm.Save(ctx, &bad), orm.ErrConflict, "err")
		})
	})
}

func TestReverseRelations(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _ := seedLibrary(t, 2, 3, 0)
		w, err := orm.Find[Writer](ctx, 1)
		must(t, err)
		all, err := w.Books.All(ctx)
		must(t, err)
		n, err := w.Books.Count(ctx)
		must(t, err)
		ok, err := w.Books.Exists(ctx)
		must(t, err)
		first, err := w.Books.One(ctx)
		must(t, err)
		require.Len(t, all, 3, "all %d, count %d, exists %v, one %v", len(all), n, ok, first)
		require.Equal(t, 3, n, "all %d, count %d, exists %v, one %v", len(all), n, ok, first)
		require.True(t, ok, "all %d, count %d, exists %v, one %v", len(all), n, ok, first)
		require.NotNil(t, first, "all %d, count %d, exists %v, one %v", len(all), n, ok, first)
		recent, err := w.Books.Filter(ctx, "year__gte", 1991).OrderBy("year").Limit(1).Offset(1).Get()
		must(t, err)
		require.Len(t, recent, 1, "filtered")
		require.Equal(t, 1992, recent[0].Year, "filtered")
		page, err := w.Books.Offset(ctx, 1).OrderBy("id").Limit(5).Get()
		must(t, err)
		firstTwo, err := w.Books.Limit(ctx, 2).Get()
		must(t, err)
		require.Len(t, page, 2, "offset page %d, limit page %d", len(page), len(firstTwo))
		require.Len(t, firstTwo, 2, "offset page %d, limit page %d", len(page), len(firstTwo))
		require.Equal(t, all[1].ID, page[0].ID, "offset page %d, limit page %d", len(page), len(firstTwo))
		bio, err := w.Bio.Get(ctx)
		require.NoError(t, err, "no bio")
		require.Nil(t, bio, "no bio")
		b := Bio{Text: "born"}
		must(t, b.Writer.Set(w))
		must(t, orm.Save(ctx, &b))
		bio, err = w.Bio.Get(ctx)
		must(t, err)
		require.NotNil(t, bio, "bio")
		require.Equal(t, "born", bio.Text, "bio")
		var unbound Writer
		_, err = unbound.Books.All(ctx)
		require.Error(t, err, "an unbound relation queried")
		t.Run("cascade deletes children", func(t *testing.T) {
			must(t, orm.Delete(ctx, w))
			n, err := orm.Query[Volume](ctx).WithTrashed().Filter("writer_id", 1).Count()
			must(t, err)
			require.Equal(t, 0, n, "%d books survived their writer", n)
		})
	})
}

func TestIncludeQueryCounts(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, log := seedLibrary(t, 10, 10, 10)
		writers, total, err := orm.All[Writer](ctx, orm.Include("books.remarks"))
		must(t, err)
		require.Equal(t, 3, log.Count(), "%d statements for 10 writers x 10 books x 10 remarks, want 3:\n%s", log.Count(), strings.Join(log.queries, "\n"))
		require.Equal(t, 10, total, "total")
		for _, w := range writers {
			books, ok := w.Books.Loaded()
			require.True(t, ok, "%s: %d books loaded (%v)", w.Name, len(books), ok)
			require.Len(t, books, 10, "%s: %d books loaded (%v)", w.Name, len(books), ok)
			for _, b := range books {
				rs, ok := b.Remarks.Loaded()
				require.True(t, ok, "%s: remarks %v", b.Title, rs)
				require.Len(t, rs, 10, "%s: remarks %v", b.Title, rs)
				require.True(t, strings.HasPrefix(rs[0].Body, "remark "+strings.TrimPrefix(b.Title, "book ")), "%s: remarks %v", b.Title, rs)
			}
			n, _ := w.Books.Count(ctx) // from memory
			require.Equal(t, 10, n, "count from memory")
		}
		require.Equal(t, 3, log.Count(), "prefetched reads queried: %d statements", log.Count())

		t.Run("forward and reverse on find", func(t *testing.T) {
			log.Reset()
			v, err := orm.Find[Volume](ctx, 5, orm.Include("writer.publisher", "remarks"))
			must(t, err)
			// the volume joined with writer and publisher, then its remarks (see IncludePlan)
			require.Equal(t, 2, log.Count(), "%d statements, want 2", log.Count())
			require.NotNil(t, v.Writer.Loaded(), "writer not loaded: %+v", v.Writer)
			require.Equal(t, "Penguin", v.Writer.Loaded().Publisher.Loaded().Name, "writer not loaded: %+v", v.Writer)
			js, err := orm.ToJSON(v)
			must(t, err)
			var got map[string]any
			must(t, json.Unmarshal(js, &got))
			writer, _ := got["writer"].(map[string]any)
			remarks, _ := got["remarks"].([]any)
			require.Equal(t, "writer 0", writer["name"], "json = %s", js)
			require.Len(t, remarks, 10, "json = %s", js)
			require.Equal(t, float64(1), got["writer_id"], "json = %s", js)
			_, has := writer["books"]
			require.False(t, has, "an unloaded relation was serialised: %s", js)
		})
		t.Run("double underscore and where", func(t *testing.T) {
			log.Reset()
			rows, _, err := orm.Where[Writer](ctx, "name = ?", []any{"writer 3"}, orm.Include("books__remarks"))
			must(t, err)
			require.Len(t, rows, 1, "%d rows, %d statements", len(rows), log.Count())
			require.Equal(t, 3, log.Count(), "%d rows, %d statements", len(rows), log.Count())
		})
		t.Run("prefetch rejects forward keys", func(t *testing.T) {
			_, err := orm.Query[Volume](ctx).PrefetchRelated("writer").Get()
			require.ErrorIs(t, err, orm.ErrInvalid, "err")
			require.Contains(t, err.Error(), "forward key", "err")
			rows, err := orm.Query[Publisher](ctx).PrefetchRelated("writers__books").Get()
			must(t, err)
			ws, _ := rows[0].Writers.Loaded()
			require.Len(t, ws, 10, "prefetched %d writers", len(ws))
		})
		t.Run("unknown relation", func(t *testing.T) {
			_, _, err := orm.All[Writer](ctx, orm.Include("books.nosuch"))
			require.ErrorIs(t, err, orm.ErrInvalid, "err")
			require.Contains(t, err.Error(), `Volume has no relation "nosuch"`, "err")
		})
		t.Run("filter on a prefetched relation queries", func(t *testing.T) {
			log.Reset()
			rows, err := writers[0].Books.Filter(ctx, "year", 1990).Get()
			must(t, err)
			require.Len(t, rows, 1, "%d rows, %d statements", len(rows), log.Count())
			require.Equal(t, 1, log.Count(), "%d rows, %d statements", len(rows), log.Count())
		})
	})
}

func TestIncludeRespectsSoftDeleteAndNulls(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _ := seedLibrary(t, 1, 3, 0)
		v, err := orm.Find[Volume](ctx, 2)
		must(t, err)
		must(t, orm.Delete(ctx, v))
		w, err := orm.Find[Writer](ctx, 1, orm.Include("books", "publisher", "bio"))
		must(t, err)
		books, _ := w.Books.Loaded()
		require.Len(t, books, 2, "soft-deleted book included: %d books", len(books))
		orphan := Writer{Name: "no publisher"}
		must(t, orm.Save(ctx, &orphan))
		rows, _, err := orm.All[Writer](ctx, orm.Include("publisher", "bio"), orm.OrderBy("id"))
		must(t, err)
		d, err := orm.ToDict(&rows[1])
		must(t, err)
		if v, ok := d["publisher"]; !ok || v != nil {
			require.Fail(t, fmt.Sprintf("a NULL key's include must serialise as null: %v", d))
		}
		if v, ok := d["bio"]; !ok || v != nil {
			require.Fail(t, fmt.Sprintf("a missing has-one must serialise as null: %v", d))
		}
	})
}

func TestIncludeChunksLargeINLists(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, log := openTestDB(t, declaredTables...)
		const n = 10000
		must(t, orm.Transaction(ctx, func(ctx context.Context) error {
			for i := 0; i < n; i++ {
				if err := orm.Save(ctx, &Writer{Name: "w"}); err != nil {
					return err
				}
				if i%2 == 0 {
					b := Volume{Title: "v"}
					b.Writer.SetID(int64(i + 1))
					if err := orm.Save(ctx, &b); err != nil {
						return err
					}
				}
			}
			return nil
		}))
		log.Reset()
		rows, _, err := orm.All[Writer](ctx, orm.Include("books"))
		must(t, err)
		// the writers, then one query for every writer's books
		require.Len(t, rows, n, "%d rows, %d statements", len(rows), log.Count())
		require.Equal(t, 2, log.Count(), "%d rows, %d statements", len(rows), log.Count())
		withBooks := 0
		for _, w := range rows {
			b, _ := w.Books.Loaded()
			withBooks += len(b)
		}
		require.Equal(t, n/2, withBooks, "%d books attached", withBooks)
	})
}
