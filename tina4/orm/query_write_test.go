package orm_test

import (
	"database/sql"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

func TestBuilderUpdate(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _ := seedLibrary(t, 3, 2, 0) // writers 0..2, books year 1990 and 1991
		n, err := orm.Query[Volume](ctx).Filter("year", 1990).Update(map[string]any{"title": "renamed"})
		require.NoError(t, err)
		assert.EqualValues(t, 3, n)
		renamed, err := orm.Query[Volume](ctx).Filter("title", "renamed").Count()
		require.NoError(t, err)
		assert.Equal(t, 3, renamed)

		t.Run("traversal across foreign keys", func(t *testing.T) {
			n, err := orm.Query[Volume](ctx).Filter("writer__name", "writer 1").Filter("writer__publisher__name", "Penguin").
				Update(map[string]any{"year": "2001"}) // text converts to the field's type
			require.NoError(t, err)
			assert.EqualValues(t, 2, n)
			got, err := orm.Query[Volume](ctx).Filter("year", 2001).Filter("writer__name", "writer 1").Count()
			require.NoError(t, err)
			assert.Equal(t, 2, got)
		})
		t.Run("foreign key by relation name", func(t *testing.T) {
			w0, err := orm.Query[Writer](ctx).Filter("name", "writer 0").First()
			require.NoError(t, err)
			n, err := orm.Query[Volume](ctx).Filter("writer__name", "writer 2").Update(map[string]any{"writer": w0.ID})
			require.NoError(t, err)
			assert.EqualValues(t, 2, n)
			got, err := orm.Query[Volume](ctx).Filter("writer", w0.ID).Count()
			require.NoError(t, err)
			assert.Equal(t, 4, got)
		})
		t.Run("trashed rows only with WithTrashed", func(t *testing.T) {
			v, err := orm.Query[Volume](ctx).Filter("title", "renamed").First()
			require.NoError(t, err)
			require.NoError(t, orm.Delete(ctx, v))
			n, err := orm.Query[Volume](ctx).Filter("title", "renamed").Update(map[string]any{"year": 1})
			require.NoError(t, err)
			assert.EqualValues(t, 2, n)
			n, err = orm.Query[Volume](ctx).WithTrashed().Filter("title", "renamed").Update(map[string]any{"year": 1})
			require.NoError(t, err)
			assert.EqualValues(t, 3, n)
		})
		t.Run("refused", func(t *testing.T) {
			cases := map[string]func() (int64, error){
				"unknown field":    func() (int64, error) { return orm.Query[Volume](ctx).Update(map[string]any{"nope": 1}) },
				"primary key":      func() (int64, error) { return orm.Query[Volume](ctx).Update(map[string]any{"id": 1}) },
				"no values":        func() (int64, error) { return orm.Query[Volume](ctx).Update(nil) },
				"bad value":        func() (int64, error) { return orm.Query[Volume](ctx).Update(map[string]any{"year": "soon"}) },
				"slice value":      func() (int64, error) { return orm.Query[Volume](ctx).Update(map[string]any{"title": []string{"a"}}) },
				"null in not null": func() (int64, error) { return orm.Query[Volume](ctx).Update(map[string]any{"title": nil}) },
				"order":            func() (int64, error) { return orm.Query[Volume](ctx).OrderBy("id").Update(map[string]any{"year": 1}) },
				"limit":            func() (int64, error) { return orm.Query[Volume](ctx).Limit(1).Update(map[string]any{"year": 1}) },
				"offset":           func() (int64, error) { return orm.Query[Volume](ctx).Offset(1).Delete() },
				"raw join":         func() (int64, error) { return orm.Query[Volume](ctx).Join("writer w", "1 = 1").Delete() },
				"bad filter":       func() (int64, error) { return orm.Query[Volume](ctx).Filter("nope", 1).Delete() },
			}
			for name, run := range cases {
				t.Run(name, func(t *testing.T) {
					_, err := run()
					assert.ErrorIs(t, err, orm.ErrInvalid)
				})
			}
		})
	})
}

func TestBuilderUpdateSetsAutoNow(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Note])
		old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
		note := Note{Title: "a"}
		require.NoError(t, orm.Save(ctx, &note))
		_, err := orm.Exec(ctx, "UPDATE notes SET updated_at = ?", old)
		require.NoError(t, err)
		before := time.Now().UTC().Add(-time.Minute)
		n, err := orm.Query[Note](ctx).Where("title = ?", "a").Update(map[string]any{"pinned": true, "views": 7})
		require.NoError(t, err)
		assert.EqualValues(t, 1, n)
		got, err := orm.Find[Note](ctx, note.ID)
		require.NoError(t, err)
		assert.True(t, got.Pinned)
		assert.Equal(t, 7, got.Views)
		assert.True(t, got.UpdatedAt.After(before), "updated_at = %v", got.UpdatedAt)
	})
}

func TestBuilderDelete(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _ := seedLibrary(t, 3, 2, 1)
		t.Run("soft delete through a traversal filter", func(t *testing.T) {
			n, err := orm.Query[Volume](ctx).Filter("writer__name", "writer 0").Delete()
			require.NoError(t, err)
			assert.EqualValues(t, 2, n)
			live, err := orm.Query[Volume](ctx).Count()
			require.NoError(t, err)
			assert.Equal(t, 4, live)
			all, err := orm.Query[Volume](ctx).WithTrashed().Count()
			require.NoError(t, err)
			assert.Equal(t, 6, all)
			// already trashed rows keep their stamp and are not counted again
			n, err = orm.Query[Volume](ctx).WithTrashed().Filter("writer__name", "writer 0").Delete()
			require.NoError(t, err)
			assert.EqualValues(t, 0, n)
		})
		t.Run("force delete reaches trashed rows with WithTrashed", func(t *testing.T) {
			n, err := orm.Query[Volume](ctx).Filter("writer__name", "writer 0").ForceDelete()
			require.NoError(t, err)
			assert.EqualValues(t, 0, n)
			n, err = orm.Query[Volume](ctx).WithTrashed().Filter("writer__name", "writer 0").ForceDelete()
			require.NoError(t, err)
			assert.EqualValues(t, 2, n)
			all, err := orm.Query[Volume](ctx).WithTrashed().Count()
			require.NoError(t, err)
			assert.Equal(t, 4, all)
		})
		t.Run("hard delete on a plain model, two levels deep", func(t *testing.T) {
			n, err := orm.Query[Remark](ctx).Filter("volume__writer__name", "writer 1").Delete()
			require.NoError(t, err)
			assert.EqualValues(t, 2, n)
			left, err := orm.Query[Remark](ctx).Count()
			require.NoError(t, err)
			assert.Equal(t, 2, left)
			n, err = orm.Query[Remark](ctx).Where("body LIKE ?", "remark 2.%").Exclude("body", "remark 2.0.0").Delete()
			require.NoError(t, err)
			assert.EqualValues(t, 1, n)
		})
	})
}

func TestBuilderLast(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _ := seedLibrary(t, 2, 2, 0)
		last, err := orm.Query[Volume](ctx).Last()
		require.NoError(t, err)
		require.NotNil(t, last)
		assert.Equal(t, "book 1.1", last.Title)

		cases := []struct {
			order []string
			want  string
		}{
			{[]string{"year DESC", "title"}, "book 1.0"},
			{[]string{"year, title DESC"}, "book 0.1"},
			{[]string{"LOWER(title) ASC"}, "book 1.1"},
		}
		for _, c := range cases {
			got, err := orm.Query[Volume](ctx).OrderBy(c.order...).Last()
			require.NoError(t, err)
			require.NotNil(t, got)
			assert.Equal(t, c.want, got.Title, "%v", c.order)
		}
		none, err := orm.Query[Volume](ctx).Filter("year", 1).Last()
		require.NoError(t, err)
		assert.Nil(t, none)
	})
}

func TestBuilderExclude(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Sample])
		nick := func(s string) Sample {
			return Sample{Nick: sql.NullString{String: s, Valid: true}, Body: s}
		}
		for _, s := range []Sample{nick("ann"), nick("bob"), nick("Cid"), {Body: "none"}} {
			require.NoError(t, orm.Save(ctx, &s))
		}
		cases := []struct {
			key   string
			value any
			want  []string
		}{
			{"nick", "ann", []string{"bob", "Cid", "none"}},
			{"nick__ne", "ann", []string{"ann", "none"}},
			{"nick__in", []string{"ann", "bob"}, []string{"Cid", "none"}},
			{"nick__not_in", []string{"ann"}, []string{"ann", "none"}},
			{"nick__gt", "ann", []string{"ann", "Cid", "none"}}, // binary order: "Cid" < "ann"
			{"nick__icontains", "C", []string{"ann", "bob", "none"}},
			{"nick__startswith", "b", []string{"ann", "Cid", "none"}},
			{"nick__isnull", true, []string{"ann", "bob", "Cid"}},
			{"nick", nil, []string{"ann", "bob", "Cid"}},
		}
		for _, c := range cases {
			t.Run(c.key, func(t *testing.T) {
				rows, err := orm.Query[Sample](ctx).Exclude(c.key, c.value).OrderBy("id").Get()
				require.NoError(t, err)
				var got []string
				for _, r := range rows {
					got = append(got, r.Body)
				}
				assert.Equal(t, c.want, got)
				// Filter and Exclude split the table between them.
				in, err := orm.Query[Sample](ctx).Filter(c.key, c.value).Count()
				require.NoError(t, err)
				assert.Equal(t, 4, in+len(rows))
			})
		}
		_, err := orm.Query[Sample](ctx).Exclude("nope", 1).Get()
		assert.ErrorIs(t, err, orm.ErrInvalid)
	})
}

func TestExcludeAcrossANullableKey(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _ := seedLibrary(t, 2, 0, 0) // two writers at Penguin
		loner := Writer{Name: "loner"}    // no publisher: a NULL key
		require.NoError(t, orm.Save(ctx, &loner))
		rows, err := orm.Query[Writer](ctx).Exclude("publisher__name", "Penguin").Get()
		require.NoError(t, err)
		require.Len(t, rows, 1)
		assert.Equal(t, "loner", rows[0].Name)
		n, err := orm.Query[Writer](ctx).Exclude("publisher__name", "Penguin").Delete()
		require.NoError(t, err)
		assert.EqualValues(t, 1, n)
	})
}
