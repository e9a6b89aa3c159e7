package orm_test

import (
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

func TestFilters(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Note], orm.CreateTable[Sample])
		titles := []string{"Café au lait", "CAFÉ NOIR", "100% pure", "100 percent", "snake_case", "snakeXcase", "star*gazer", "Go tips", "go routines"}
		for i, title := range titles {
			cat := "work"
			if i%2 == 1 {
				cat = "home"
			}
			must(t, orm.Save(ctx, &Note{Title: title, Category: cat, Views: i}))
		}
		must(t, orm.Save(ctx, &Sample{Body: "has nick"}))

		tests := []struct {
			key  string
			val  any
			want []string
		}{
			{"title", "Go tips", []string{"Go tips"}},
			{"title__eq", "go tips", nil},
			{"views__gte", 7, []string{"Go tips", "go routines"}},
			{"views__lt", 1, []string{"Café au lait"}},
			{"views__ne", 0, titles[1:]},
			{"views__in", []int{1, 2}, []string{"CAFÉ NOIR", "100% pure"}},
			{"views__not_in", []int{0, 1, 2, 3, 4, 5, 6}, []string{"Go tips", "go routines"}},
			{"views__in", []int{}, nil},
			{"title__like", "Go%", []string{"Go tips"}},
			{"title__startswith", "100%", []string{"100% pure"}},
			{"title__startswith", "go", []string{"go routines"}},
			{"title__istartswith", "go", []string{"Go tips", "go routines"}},
			{"title__contains", "_", []string{"snake_case"}},
			{"title__contains", "*", []string{"star*gazer"}},
			{"title__endswith", "case", []string{"snake_case", "snakeXcase"}},
			{"title__iendswith", "NOIR", []string{"CAFÉ NOIR"}},
			{"title__icontains", "café", []string{"Café au lait", "CAFÉ NOIR"}},
			{"title__icontains", "CAFÉ", []string{"Café au lait", "CAFÉ NOIR"}},
			{"title__contains", "café", nil},
		}
		for _, tt := range tests {
			t.Run(tt.key, func(t *testing.T) {
				rows, err := orm.Query[Note](ctx).Filter(tt.key, tt.val).Get()
				must(t, err)
				var got []string
				for _, r := range rows {
					got = append(got, r.Title)
				}
				sort.Strings(got)
				want := append([]string(nil), tt.want...)
				sort.Strings(want)
				require.Len(t, got, len(want), "%s=%v: got %q, want %q", tt.key, tt.val, got, want)
				for i := range got {
					require.Equal(t, want[i], got[i], "%s=%v: got %q, want %q", tt.key, tt.val, got, want)
				}
			})
		}

		t.Run("nil is IS NULL", func(t *testing.T) {
			n, err := orm.Query[Sample](ctx).Filter("nick", nil).Count()
			must(t, err)
			m, err := orm.Query[Sample](ctx).Filter("nick__notnull", true).Count()
			must(t, err)
			require.Equal(t, 1, n, "IS NULL %d, IS NOT NULL %d", n, m)
			require.Equal(t, 0, m, "IS NULL %d, IS NOT NULL %d", n, m)
		})
		t.Run("text values convert to the field type", func(t *testing.T) {
			tests := []struct {
				key, text string
				want      int
			}{
				{"views__gte", "7", 2},
				{"views__in", "1,2,3", 3},
				{"pinned", "false", 9},
				{"category", "home", 4},
				{"title__icontains", "CAF", 2},
				{"created_at__gt", "2000-01-01", 9},
			}
			for _, tt := range tests {
				n, err := orm.Query[Note](ctx).FilterText(tt.key, tt.text).Count()
				must(t, err)
				assert.Equal(t, tt.want, n, "%s=%s: %d rows, want %d", tt.key, tt.text, n, tt.want)
			}
		})
		t.Run("bad keys and values are ErrInvalid", func(t *testing.T) {
			bad := []struct{ key, text string }{
				{"title';DROP TABLE notes;--", "x"},
				{"nosuch", "x"},
				{"title__nosuchop__x", "x"},
				{"views", "seven"},
				{"views__in", "1,x"},
				{"pinned", "maybe"},
				{"created_at", "yesterday"},
				{"author__name", "x"},
			}
			for _, b := range bad {
				_, err := orm.Query[Note](ctx).FilterText(b.key, b.text).Get()
				assert.ErrorIs(t, err, orm.ErrInvalid, "%s=%s: err = %v, want ErrInvalid", b.key, b.text, err)
			}
			_, err := orm.Query[Account](ctx).Filter("password_hash", "x").Get()
			assert.ErrorIs(t, err, orm.ErrInvalid, "hidden field filter")
			n, err := orm.Count[Note](ctx, "", nil)
			must(t, err)
			require.Len(t, titles, n, "the table changed: %d rows", n)
		})
	})
}

func TestRowsView(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Task])
		m := orm.Register[Task]()
		rows := orm.RowsOf(m)
		v := rows.New().(*Task)
		v.Title = "erased"
		must(t, rows.Save(ctx, v))
		got, err := rows.Find(ctx, v.ID)
		must(t, err)
		require.Equal(t, "erased", got.(*Task).Title, "find = %+v", got)
		missing, err := rows.Find(ctx, 999)
		require.NoError(t, err, "missing = %#v, %v (must be an untyped nil)", missing, err)
		require.Equal(t, nil, missing, "missing = %#v, %v (must be an untyped nil)", missing, err)
		must(t, rows.Save(ctx, &Task{Title: "second", Completed: true}))
		list, total, err := rows.List(ctx, orm.ListSpec{Filters: []orm.FilterText{{Key: "completed", Value: "true"}}, Limit: 10})
		must(t, err)
		require.Equal(t, 1, total, "list = %v, total %d", list, total)
		require.Len(t, list, 1, "list = %v, total %d", list, total)
		require.Equal(t, "second", list[0].(*Task).Title, "list = %v, total %d", list, total)
		must(t, rows.Delete(ctx, v))
		list, total, err = rows.List(ctx, orm.ListSpec{Order: []string{"-id"}})
		must(t, err)
		require.Equal(t, 1, total, "soft-deleted row listed")
		require.Len(t, list, 1, "soft-deleted row listed")
		_, _, err = rows.List(ctx, orm.ListSpec{Order: []string{"nosuch"}})
		require.ErrorIs(t, err, orm.ErrInvalid, "bad order")
		_, _, err = rows.List(ctx, orm.ListSpec{Include: []string{"nosuch"}})
		require.ErrorIs(t, err, orm.ErrInvalid, "bad include")
	})
}
