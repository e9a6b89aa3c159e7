package orm_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
					alias := "AS " + d.Quote(name) + " "
					require.Equal(t, 1, strings.Count(sql, alias), "alias %s not exactly once in:\n%s", alias, sql)
				}
				rows, err := q.Get()
				must(t, err)
				require.Equal(t, 1, log.Count(), "%d statements, want 1 JOIN query", log.Count())
				require.Len(t, rows, 13, "%d remarks, want 13 (a NULL link dropped rows?)", len(rows))
				first := rows[0]
				v := first.Volume.Loaded()
				require.NotNil(t, v, "first row not joined: %+v", first)
				require.NotNil(t, v.Writer.Loaded(), "first row not joined: %+v", first)
				require.NotNil(t, v.Writer.Loaded().Publisher.Loaded(), "first row not joined: %+v", first)
				require.Equal(t, "Penguin", v.Writer.Loaded().Publisher.Loaded().Name, "first row not joined: %+v", first)
				require.True(t, strings.HasPrefix(first.Body, "remark 0.0"), "first row not joined: %+v", first)
				last := rows[len(rows)-1]
				lw := last.Volume.Loaded().Writer.Loaded()
				require.NotNil(t, lw, "NULL publisher must read nil")
				require.Equal(t, "loner", lw.Name, "NULL publisher must read nil")
				require.Nil(t, lw.Publisher.Loaded(), "NULL publisher must read nil")
				require.Equal(t, 1, log.Count(), "reading joined rows queried again")
			})
		}
		t.Run("reverse paths are refused", func(t *testing.T) {
			_, err := orm.Query[Writer](ctx).SelectRelated("books").Get()
			require.ErrorIs(t, err, orm.ErrInvalid, "err")
			require.Contains(t, err.Error(), "only forward keys", "err")
		})
		t.Run("a missing related row reads nil", func(t *testing.T) {
			must(t, orm.Delete(ctx, &lv)) // soft delete: the join skips it
			rows, err := orm.Query[Remark](ctx).SelectRelated("volume").Filter("body", "lonely").Get()
			must(t, err)
			require.Len(t, rows, 1, "rows")
			require.Nil(t, rows[0].Volume.Loaded(), "rows")
			require.Equal(t, lv.ID, rows[0].Volume.ID, "rows")
			d, _ := orm.ToDict(&rows[0])
			v, ok := d["volume"]
			require.True(t, ok, "dict = %v", d)
			require.Equal(t, nil, v, "dict = %v", d)
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
				require.Len(t, rows, tt.want, "rows %d, count %d, exists %v; want %d", len(rows), n, ok, tt.want)
				require.Equal(t, tt.want, n, "rows %d, count %d, exists %v; want %d", len(rows), n, ok, tt.want)
				require.Equal(t, tt.want > 0, ok, "rows %d, count %d, exists %v; want %d", len(rows), n, ok, tt.want)
				page, total, err := tt.build().Limit(1).Offset(1).Page()
				must(t, err)
				require.Equal(t, tt.want, total, "page of %d, total %d; want total %d", len(page), total, tt.want)
				require.Len(t, page, min(1, max(tt.want-1, 0)), "page of %d, total %d; want total %d", len(page), total, tt.want)
			})
		}
		t.Run("text values through a traversal", func(t *testing.T) {
			n, err := orm.Query[Remark](ctx).FilterText("volume__writer__name__in", "writer 0,writer 2").Count()
			must(t, err)
			require.Equal(t, 8, n, "count")
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
				if assert.ErrorIs(t, err, orm.ErrInvalid, "%s: err = %v, want it to say %q", key, err, want) {
					assert.Contains(t, err.Error(), want, "%s: err = %v, want it to say %q", key, err, want)
				}
			}
		})
	})
}
