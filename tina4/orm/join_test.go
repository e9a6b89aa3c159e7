package orm_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

func TestSelectRelated(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, log := seedLibrary(t, 3, 2, 2)
		// A writer with no publisher, with a book and a remark: the NULL link
		// must keep the rows.
		loner := Writer{Name: "loner"}
		must(t, orm.Save(ctx, &loner))
		lv := Volume{Title: "alone"}
		must(t, lv.Writer.Set(&loner))
		must(t, orm.Save(ctx, &lv))
		lr := Remark{Body: "lonely"}
		lr.Volume.SetID(lv.ID)
		must(t, orm.Save(ctx, &lr))
		log.Reset()

		orders := [][]string{
			{"volume__writer__publisher", "volume__writer", "volume"},
			{"volume", "volume__writer", "volume__writer__publisher"},
			{"volume__writer", "volume.writer.publisher", "volume"},
		}
		for _, paths := range orders {
			t.Run(strings.Join(paths, ","), func(t *testing.T) {
				log.Reset()
				q := orm.Query[Remark](ctx).SelectRelated(paths...).OrderByField("id")
				sql, _ := q.SQL()
				d, _ := orm.DialectOf(ctx)
				for _, name := range []string{"t1", "t2", "t3"} { // one short alias per path
					if alias := "AS " + d.Quote(name) + " "; strings.Count(sql, alias) != 1 {
						t.Fatalf("alias %s not exactly once in:\n%s", alias, sql)
					}
				}
				rows, err := q.Get()
				must(t, err)
				if log.Count() != 1 {
					t.Fatalf("%d statements, want 1 JOIN query", log.Count())
				}
				if len(rows) != 13 {
					t.Fatalf("%d remarks, want 13 (a NULL link dropped rows?)", len(rows))
				}
				first := rows[0]
				v := first.Volume.Loaded()
				if v == nil || v.Writer.Loaded() == nil || v.Writer.Loaded().Publisher.Loaded() == nil ||
					v.Writer.Loaded().Publisher.Loaded().Name != "Penguin" || !strings.HasPrefix(first.Body, "remark 0.0") {
					t.Fatalf("first row not joined: %+v", first)
				}
				last := rows[len(rows)-1]
				lw := last.Volume.Loaded().Writer.Loaded()
				if lw == nil || lw.Name != "loner" || lw.Publisher.Loaded() != nil {
					t.Fatalf("NULL publisher must read nil: %+v", lw)
				}
				if log.Count() != 1 {
					t.Fatalf("reading joined rows queried again")
				}
			})
		}
		t.Run("reverse paths are refused", func(t *testing.T) {
			_, err := orm.Query[Writer](ctx).SelectRelated("books").Get()
			if !errors.Is(err, orm.ErrInvalid) || !strings.Contains(err.Error(), "only forward keys") {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("a missing related row reads nil", func(t *testing.T) {
			must(t, orm.Delete(ctx, &lv)) // soft delete: the join skips it
			rows, err := orm.Query[Remark](ctx).SelectRelated("volume").Filter("body", "lonely").Get()
			must(t, err)
			if len(rows) != 1 || rows[0].Volume.Loaded() != nil || rows[0].Volume.ID != lv.ID {
				t.Fatalf("rows = %+v", rows)
			}
			d, _ := orm.ToDict(&rows[0])
			if v, ok := d["volume"]; !ok || v != nil {
				t.Fatalf("dict = %v", d)
			}
		})
	})
}

func TestFilterTraversal(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _ := seedLibrary(t, 3, 2, 2)
		loner := Writer{Name: "loner"}
		must(t, orm.Save(ctx, &loner))
		v := Volume{Title: "alone"}
		must(t, v.Writer.Set(&loner))
		must(t, orm.Save(ctx, &v))

		tests := []struct {
			name  string
			build func() *orm.Builder[Volume]
			want  int
		}{
			{"one level", func() *orm.Builder[Volume] { return orm.Query[Volume](ctx).Filter("writer__name", "writer 1") }, 2},
			{"operator", func() *orm.Builder[Volume] {
				return orm.Query[Volume](ctx).Filter("writer__name__startswith", "writer")
			}, 6},
			{"two levels", func() *orm.Builder[Volume] {
				return orm.Query[Volume](ctx).Filter("writer__publisher__name__icontains", "PENG")
			}, 6},
			{"null link", func() *orm.Builder[Volume] { return orm.Query[Volume](ctx).Filter("writer__publisher__name", nil) }, 1},
			{"key by relation name", func() *orm.Builder[Volume] { return orm.Query[Volume](ctx).Filter("writer", loner.ID) }, 1},
			{"in", func() *orm.Builder[Volume] {
				return orm.Query[Volume](ctx).Filter("writer__name__in", []string{"writer 0", "loner"})
			}, 3},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				rows, err := tt.build().Get()
				must(t, err)
				n, err := tt.build().Count()
				must(t, err)
				ok, err := tt.build().Exists()
				must(t, err)
				if len(rows) != tt.want || n != tt.want || ok != (tt.want > 0) {
					t.Fatalf("rows %d, count %d, exists %v; want %d", len(rows), n, ok, tt.want)
				}
				page, total, err := tt.build().Limit(1).Offset(1).Page()
				must(t, err)
				if total != tt.want || len(page) != min(1, max(tt.want-1, 0)) {
					t.Fatalf("page of %d, total %d; want total %d", len(page), total, tt.want)
				}
			})
		}
		t.Run("text values through a traversal", func(t *testing.T) {
			n, err := orm.Query[Remark](ctx).FilterText("volume__writer__name__in", "writer 0,writer 2").Count()
			must(t, err)
			if n != 8 {
				t.Fatalf("count = %d", n)
			}
		})
		t.Run("bad paths name the model and field", func(t *testing.T) {
			bad := map[string]string{
				"writer__nosuch":      `Writer has no field "nosuch"`,
				"nosuch__name":        `Volume has no relation "nosuch"`,
				"remarks__body":       "only forward keys",
				"writer__name__bogus": `Writer has no relation "name"`,
			}
			for key, want := range bad {
				_, err := orm.Query[Volume](ctx).Filter(key, "x").Get()
				if !errors.Is(err, orm.ErrInvalid) || !strings.Contains(err.Error(), want) {
					t.Errorf("%s: err = %v, want it to say %q", key, err, want)
				}
			}
		})
	})
}
