package orm_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

func TestRawSQLTimesCompareWithStoredOnes(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Note])
		at := time.Date(2024, 5, 6, 7, 8, 9, 123456000, time.UTC)
		for i, title := range []string{"before", "at", "after"} {
			n := Note{Title: title, CreatedAt: at.Add(time.Duration(i-1) * time.Hour)}
			require.NoError(t, orm.Save(ctx, &n))
		}
		local := at.In(time.FixedZone("SAST", 2*60*60)) // the same instant in another zone
		cases := []struct {
			cond string
			arg  any
			want int
		}{
			{"created_at = ?", at, 1},
			{"created_at = ?", local, 1},
			{"created_at = ?", &at, 1},
			{"created_at <= ?", at, 2},
			{"created_at >= ?", at, 2},
			{"created_at < ?", at, 1},
			{"created_at > ?", local, 1},
		}
		for _, c := range cases {
			t.Run(c.cond, func(t *testing.T) {
				n, err := orm.Query[Note](ctx).Where(c.cond, c.arg).Count()
				require.NoError(t, err)
				assert.Equal(t, c.want, n, "Builder.Where")
				rows, total, err := orm.Where[Note](ctx, c.cond, []any{c.arg})
				require.NoError(t, err)
				assert.Equal(t, c.want, total, "Where")
				assert.Len(t, rows, c.want)
				rows, _, err = orm.Select[Note](ctx, "SELECT * FROM notes WHERE "+c.cond, []any{c.arg})
				require.NoError(t, err)
				assert.Len(t, rows, c.want, "Select")
			})
		}
		res, err := orm.Exec(ctx, "UPDATE notes SET views = 1 WHERE created_at = ?", at)
		require.NoError(t, err)
		n, err := res.RowsAffected()
		require.NoError(t, err)
		assert.EqualValues(t, 1, n, "Exec")
	})
}

func TestFilterRefusesAListForOneValue(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Note])
		for key, v := range map[string]any{
			"title":     []string{"a", "b"},
			"views__gt": []int{1},
			"title__ne": []any{"x"},
			"views":     map[string]int{"a": 1},
		} {
			t.Run(key, func(t *testing.T) {
				_, err := orm.Query[Note](ctx).Filter(key, v).Get()
				assert.ErrorIs(t, err, orm.ErrInvalid)
				_, err = orm.Query[Note](ctx).Exclude(key, v).Get()
				assert.ErrorIs(t, err, orm.ErrInvalid)
			})
		}
	})
}

func TestCaseInsensitiveFoldsAlike(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Note])
		for _, title := range []string{"ΣΊΣΥΦΟΣ", "ο σίσυφος", "Café", "other"} {
			n := Note{Title: title}
			require.NoError(t, orm.Save(ctx, &n))
		}
		cases := []struct {
			key, value string
			want       []string
		}{
			{"title__icontains", "σίσυφος", []string{"ΣΊΣΥΦΟΣ", "ο σίσυφος"}},
			{"title__icontains", "ΣΊΣΥΦΟΣ", []string{"ΣΊΣΥΦΟΣ", "ο σίσυφος"}},
			{"title__iendswith", "ΦΟς", []string{"ΣΊΣΥΦΟΣ", "ο σίσυφος"}},
			{"title__istartswith", "σί", []string{"ΣΊΣΥΦΟΣ"}},
			{"title__icontains", "CAFÉ", []string{"Café"}},
		}
		for _, c := range cases {
			t.Run(c.key+" "+c.value, func(t *testing.T) {
				rows, err := orm.Query[Note](ctx).Filter(c.key, c.value).OrderBy("id").Get()
				require.NoError(t, err)
				var got []string
				for _, r := range rows {
					got = append(got, r.Title)
				}
				assert.Equal(t, c.want, got)
			})
		}
	})
}
