package orm_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

func TestSaveInsertsAndUpdates(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Note])

		n := Note{Title: "Shopping ☕ List — 日本語", Pinned: true, Views: 3}
		must(t, orm.Save(ctx, &n))
		require.NotEqual(t, int64(0), n.ID, "insert did not fill in the id")
		require.Equal(t, "general", n.Category, "default not applied: category")

		// Zero values overwrite non-zero ones on update.
		n.Pinned, n.Views, n.Content = false, 0, ""
		must(t, orm.Save(ctx, &n))
		got, err := orm.Find[Note](ctx, n.ID)
		must(t, err)
		require.NotNil(t, got, "Find returned nil for a saved row")
		require.False(t, got.Pinned, "round trip lost data: %+v", got)
		require.Equal(t, 0, got.Views, "round trip lost data: %+v", got)
		require.Equal(t, "", got.Content, "round trip lost data: %+v", got)
		require.Equal(t, n.Title, got.Title, "round trip lost data: %+v", got)

		t.Run("update of a missing row is not found", func(t *testing.T) {
			ghost := Note{ID: 999, Title: "ghost"}
			err := orm.Save(ctx, &ghost)
			require.ErrorIs(t, err, orm.ErrNotFound, "err = %v, want ErrNotFound", err)
			require.Equal(t, errkind.NotFound, errkind.Of(err), "err = %v, want ErrNotFound", err)
		})
		t.Run("create with an explicit key", func(t *testing.T) {
			c := Note{ID: 500, Title: "fixed id"}
			must(t, orm.Create(ctx, &c))
			got, err := orm.Find[Note](ctx, 500)
			must(t, err)
			require.NotNil(t, got)
			require.Equal(t, "fixed id", got.Title)
		})
	})
}

func TestFind(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Note])
		got, err := orm.Find[Note](ctx, 42)
		require.NoError(t, err, "Find of a missing row = %v, %v; want nil, nil", got, err)
		require.Nil(t, got, "Find of a missing row = %v, %v; want nil, nil", got, err)
		_, err = orm.FindOrFail[Note](ctx, 42)
		require.ErrorIs(t, err, orm.ErrNotFound, "FindOrFail err")
		require.Equal(t, "orm: notes with id=42 not found", err.Error(), "message")
	})
}

func TestReservedWords(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Order])
		must(t, orm.CreateTable[Order](ctx)) // idempotent
		g := "by"
		o := Order{Select: "from", Group: &g}
		must(t, orm.Save(ctx, &o))
		got, err := orm.Find[Order](ctx, o.ID)
		must(t, err)
		require.Equal(t, "from", got.Select, "got %+v", got)
		require.NotNil(t, got.Group, "got %+v", got)
		require.Equal(t, "by", *got.Group, "got %+v", got)
		rows, total, err := orm.Query[Order](ctx).Filter("select", "from").Page()
		must(t, err)
		require.Equal(t, 1, total, "where on a reserved column: %d rows, total %d", len(rows), total)
		require.Len(t, rows, 1, "where on a reserved column: %d rows, total %d", len(rows), total)
	})
}

func TestEveryFieldKindRoundTrips(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Sample])
		loc := time.FixedZone("SAST", 2*3600)
		at := time.Date(2026, 3, 22, 14, 30, 0, 123456789, loc)
		seen := time.Date(1999, 12, 31, 23, 59, 59, 1, time.UTC)
		if dialectName(t, ctx) != "sqlite" { // the server engines store microseconds
			at, seen = at.Truncate(time.Microsecond), seen.Truncate(time.Microsecond).Add(time.Microsecond)
		}
		maybe := "maybe ünïcödé"
		no := false
		tests := []struct {
			name string
			in   Sample
		}{
			{"zero values and NULLs", Sample{}},
			{"every field set", Sample{
				Small: -8, Count: 4000000000, Ratio: 0.5, Blob: []byte{0, 1, 2, 255}, Body: "long text",
				Seen: &seen, Maybe: &maybe, Flag: &no, At: at,
			}},
		}
		tests[1].in.Nick.String, tests[1].in.Nick.Valid = "nick", true
		tests[1].in.Score.V, tests[1].in.Score.Valid = -7, true
		tests[1].in.When.Time, tests[1].in.When.Valid = at, true
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				in := tt.in
				must(t, orm.Save(ctx, &in))
				got, err := orm.Find[Sample](ctx, in.ID)
				must(t, err)
				require.Equal(t, in.Small, got.Small, "got %+v\nwant %+v", got, in)
				require.Equal(t, in.Count, got.Count, "got %+v\nwant %+v", got, in)
				require.Equal(t, in.Ratio, got.Ratio, "got %+v\nwant %+v", got, in)
				require.Equal(t, in.Body, got.Body, "got %+v\nwant %+v", got, in)
				require.True(t, bytes.Equal(got.Blob, in.Blob), "got %+v\nwant %+v", got, in)
				require.Equal(t, in.Nick, got.Nick, "got %+v\nwant %+v", got, in)
				require.Equal(t, in.Score, got.Score, "got %+v\nwant %+v", got, in)
				require.True(t, got.At.Equal(in.At), "At = %v (%v), want %v in UTC", got.At, got.At.Location(), in.At)
				require.Same(t, time.UTC, got.At.Location(), "At = %v (%v), want %v in UTC", got.At, got.At.Location(), in.At)
				require.Equal(t, in.Seen == nil, got.Seen == nil, "Seen = %v, want %v", got.Seen, in.Seen)
				require.False(t, got.Seen != nil && !got.Seen.Equal(*in.Seen), "Seen = %v, want %v", got.Seen, in.Seen)
				require.Equal(t, in.Maybe == nil, got.Maybe == nil, "Maybe = %v, want %v", got.Maybe, in.Maybe)
				require.False(t, got.Maybe != nil && *got.Maybe != *in.Maybe, "Maybe = %v, want %v", got.Maybe, in.Maybe)
				require.Equal(t, in.When.Valid, got.When.Valid, "When = %v, want %v", got.When, in.When)
				require.True(t, got.When.Time.Equal(in.When.Time), "When = %v, want %v", got.When, in.When)
				// A nil *bool with a default takes the default; a set one keeps its value.
				wantFlag := true
				if in.Flag != nil {
					wantFlag = *in.Flag
				}
				require.NotNil(t, got.Flag, "Flag")
				require.Equal(t, wantFlag, *got.Flag, "Flag")
			})
		}
	})
}

func TestPointerDefaultsAreNotShared(t *testing.T) {
	ctx, _, _ := openTestDB(t, orm.CreateTable[Sample])
	a, b := Sample{}, Sample{}
	must(t, orm.Save(ctx, &a))
	must(t, orm.Save(ctx, &b))
	require.NotNil(t, a.Flag, "two rows share one default pointer")
	require.NotNil(t, b.Flag, "two rows share one default pointer")
	require.NotSame(t, b.Flag, a.Flag, "two rows share one default pointer")
	*a.Flag = false
	c := Sample{}
	must(t, orm.Save(ctx, &c))
	require.True(t, *c.Flag, "changing one row's value changed the default")
}

func TestAutoTimestamps(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Note])
		before := time.Now().UTC().Add(-time.Second)
		n := Note{Title: "stamped"}
		must(t, orm.Save(ctx, &n))
		require.False(t, n.CreatedAt.Before(before), "created_at %v, updated_at %v", n.CreatedAt, n.UpdatedAt)
		require.Same(t, time.UTC, n.CreatedAt.Location(), "created_at %v, updated_at %v", n.CreatedAt, n.UpdatedAt)
		require.True(t, n.UpdatedAt.Equal(n.CreatedAt), "created_at %v, updated_at %v", n.CreatedAt, n.UpdatedAt)
		created := n.CreatedAt
		time.Sleep(2 * time.Millisecond)
		n.CreatedAt = time.Time{} // update never rewrites created_at
		must(t, orm.Save(ctx, &n))
		got, err := orm.Find[Note](ctx, n.ID)
		must(t, err)
		require.True(t, got.CreatedAt.Equal(created), "created_at changed on update: %v -> %v", created, got.CreatedAt)
		require.True(t, got.UpdatedAt.After(created), "updated_at %v not after %v (struct has %v)", got.UpdatedAt, created, n.UpdatedAt)
		require.True(t, got.UpdatedAt.Equal(n.UpdatedAt), "updated_at %v not after %v (struct has %v)", got.UpdatedAt, created, n.UpdatedAt)
	})
}

func TestEmbeddedFields(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Article])
		a := Article{Title: "embedded"}
		must(t, orm.Save(ctx, &a))
		got, err := orm.Find[Article](ctx, a.ID)
		must(t, err)
		require.False(t, got.CreatedAt.IsZero(), "embedded created_at lost: %+v", got)
		require.True(t, got.CreatedAt.Equal(a.CreatedAt), "embedded created_at lost: %+v", got)
		d, err := orm.ToDict(got)
		must(t, err)
		_, ok := d["created_at"]
		require.True(t, ok, "embedded field missing from dict: %v", d)
	})
}

func TestWhereAllCountSelect(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, log := openTestDB(t, orm.CreateTable[Note])
		for i, cat := range []string{"work", "work", "home", "work", "home"} {
			must(t, orm.Save(ctx, &Note{Title: string(rune('a' + i)), Category: cat, Views: i}))
		}
		tests := []struct {
			name      string
			run       func() ([]Note, int, error)
			wantRows  int
			wantTotal int
		}{
			{"where", func() ([]Note, int, error) { return orm.Where[Note](ctx, "category = ?", []any{"work"}) }, 3, 3},
			{"where page", func() ([]Note, int, error) {
				return orm.Where[Note](ctx, "category = ?", []any{"work"}, orm.Limit(2), orm.Offset(0))
			}, 2, 3},
			{"where last page", func() ([]Note, int, error) {
				return orm.Where[Note](ctx, "category = ?", []any{"work"}, orm.Limit(2), orm.Offset(2))
			}, 1, 3},
			{"where past the end", func() ([]Note, int, error) {
				return orm.Where[Note](ctx, "category = ?", []any{"work"}, orm.Limit(2), orm.Offset(10))
			}, 0, 3},
			{"where nothing", func() ([]Note, int, error) { return orm.Where[Note](ctx, "category = ?", []any{"none"}) }, 0, 0},
			{"all", func() ([]Note, int, error) { return orm.All[Note](ctx) }, 5, 5},
			{"all page", func() ([]Note, int, error) { return orm.All[Note](ctx, orm.Limit(2), orm.Offset(1)) }, 2, 5},
			{"select", func() ([]Note, int, error) {
				return orm.Select[Note](ctx, "SELECT * FROM notes WHERE views >= ? ORDER BY views DESC", []any{1}, orm.Limit(2))
			}, 2, 4},
			{"select offset", func() ([]Note, int, error) {
				return orm.Select[Note](ctx, "SELECT id, title FROM notes ORDER BY id", nil, orm.Limit(10), orm.Offset(4))
			}, 1, 5},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				rows, total, err := tt.run()
				must(t, err)
				require.Len(t, rows, tt.wantRows, "%d rows, total %d; want %d, %d", len(rows), total, tt.wantRows, tt.wantTotal)
				require.Equal(t, tt.wantTotal, total, "%d rows, total %d; want %d, %d", len(rows), total, tt.wantRows, tt.wantTotal)
			})
		}
		t.Run("select orders and picks columns", func(t *testing.T) {
			rows, _, err := orm.Select[Note](ctx, "SELECT id, title FROM notes ORDER BY views DESC", nil, orm.Limit(1))
			must(t, err)
			require.Equal(t, "e", rows[0].Title, "got %+v", rows[0])
			require.Equal(t, "", rows[0].Category, "got %+v", rows[0])
		})
		t.Run("count", func(t *testing.T) {
			n, err := orm.Count[Note](ctx, "", nil)
			must(t, err)
			w, err := orm.Count[Note](ctx, "category = ?", []any{"work"})
			must(t, err)
			require.Equal(t, 5, n, "count")
			require.Equal(t, 3, w, "count")
		})
		t.Run("a full page needs one count query", func(t *testing.T) {
			log.Reset()
			_, _, err := orm.All[Note](ctx, orm.Limit(2))
			must(t, err)
			require.Equal(t, 2, log.Count(), "%d statements, want 2 (page + count)", log.Count())
			log.Reset()
			_, _, err = orm.All[Note](ctx)
			must(t, err)
			require.Equal(t, 1, log.Count(), "%d statements, want 1 (no count without a limit)", log.Count())
		})
		t.Run("negative limit is invalid", func(t *testing.T) {
			_, _, err := orm.All[Note](ctx, orm.Limit(-1))
			require.ErrorIs(t, err, orm.ErrInvalid, "err")
		})
	})
}

func TestConstraintErrors(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Tag], orm.CreateTable[Author], orm.CreateTable[Post])
		must(t, orm.Save(ctx, &Tag{Name: "go"}))
		a := Author{Name: "Alice", Email: "a@example.com"}
		must(t, orm.Save(ctx, &a))
		must(t, orm.Save(ctx, &Post{AuthorID: a.ID, Title: "one"}))
		tests := []struct {
			name string
			run  func() error
			want string
		}{
			{"unique", func() error { return orm.Save(ctx, &Tag{Name: "go"}) }, "unique"},
			{"foreign key on insert", func() error { return orm.Save(ctx, &Post{AuthorID: 999, Title: "orphan"}) }, "foreign key"},
			{"foreign key on delete (RESTRICT)", func() error { return orm.Delete(ctx, &a) }, "foreign key"},
			{"not null", func() error {
				_, err := orm.Exec(ctx, "INSERT INTO authors (name, email) VALUES (?, NULL)", "x")
				return err
			}, "not null"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := tt.run()
				var ce *orm.ConstraintError
				require.ErrorIs(t, err, orm.ErrConflict, "err = %v, want a conflict", err)
				require.ErrorAs(t, err, &ce, "err = %v, want a conflict", err)
				require.Equal(t, errkind.Conflict, errkind.Of(err), "err = %v, want a conflict", err)
				require.Equal(t, tt.want, ce.Constraint, "constraint")
			})
		}
	})
}
