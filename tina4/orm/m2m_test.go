package orm_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

type Story struct {
	ID     int64  `db:"id"`
	Title  string `db:"title"`
	Labels orm.ManyToMany[Label]
}

type Label struct {
	ID      int64  `db:"id"`
	Name    string `db:"name,unique"`
	Stories orm.ManyToMany[Story]
	orm.SoftDeletes
}

type Course struct {
	ID       int64                   `db:"id"`
	Students orm.ManyToMany[Student] `through:"enrolments"`
}

type Student struct{ ID int64 }

func TestManyToManyDDL(t *testing.T) {
	for _, m := range []func() (*orm.Model, error){orm.ModelOf[Story], orm.ModelOf[Label]} {
		model, err := m()
		must(t, err)
		r := model.Relations[0]
		_, err = r.Target()
		must(t, err)
	}
	ctx, _, _ := openTestDB(t, orm.CreateTable[Story], orm.CreateTable[Label])
	rows, err := orm.QueryMaps(ctx, "SELECT sql FROM sqlite_master WHERE name = 'label_story'")
	must(t, err)
	require.Len(t, rows, 1, "the junction label_story was not created")
	sql := rows[0]["sql"].(string)
	for _, want := range []string{`"label_id" INTEGER NOT NULL`, `PRIMARY KEY ("label_id", "story_id")`,
		`REFERENCES "story" ("id") ON DELETE CASCADE`, `REFERENCES "label" ("id") ON DELETE CASCADE`} {
		assert.Contains(t, sql, want, "junction DDL lacks")
	}
	ctx2, _, _ := openTestDB(t, orm.CreateTable[Course], orm.CreateTable[Student])
	_, err = orm.QueryMaps(ctx2, "SELECT course_id, student_id FROM enrolments")
	require.NoError(t, err, "through table")
}

func TestManyToMany(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, log := openTestDB(t, orm.CreateTable[Story], orm.CreateTable[Label])
		var stories [3]Story
		var labels [4]Label
		for i := range stories {
			stories[i].Title = string(rune('A' + i))
			must(t, orm.Save(ctx, &stories[i]))
		}
		for i, n := range []string{"go", "sql", "web", "old"} {
			labels[i].Name = n
			must(t, orm.Save(ctx, &labels[i]))
		}
		a, b := &stories[0], &stories[1]
		must(t, a.Labels.Add(ctx, &labels[0], &labels[1]))
		must(t, a.Labels.Add(ctx, &labels[0])) // a pair is stored once
		must(t, b.Labels.Add(ctx, &labels[0], &labels[2], &labels[3]))

		n, err := a.Labels.Count(ctx)
		must(t, err)
		all, err := a.Labels.All(ctx)
		must(t, err)
		require.Equal(t, 2, n, "count %d, all %d", n, len(all))
		require.Len(t, all, 2, "count %d, all %d", n, len(all))
		// From the other side.
		goStories, err := labels[0].Stories.Query(ctx).OrderBy("title").Get()
		must(t, err)
		require.Len(t, goStories, 2, "stories of go")
		require.Equal(t, "A", goStories[0].Title, "stories of go")
		filtered, err := b.Labels.Filter(ctx, "name__startswith", "w").Get()
		must(t, err)
		require.Len(t, filtered, 1, "filtered")
		require.Equal(t, "web", filtered[0].Name, "filtered")
		ok, err := stories[2].Labels.Exists(ctx)
		must(t, err)
		require.False(t, ok, "C has no labels")

		t.Run("remove, set, clear", func(t *testing.T) {
			must(t, b.Labels.Remove(ctx, &labels[3]))
			if n, _ := b.Labels.Count(ctx); n != 2 {
				require.Fail(t, fmt.Sprintf("after remove: %d", n))
			}
			must(t, b.Labels.Set(ctx, &labels[1]))
			got, _ := b.Labels.All(ctx)
			require.Len(t, got, 1, "after set")
			require.Equal(t, "sql", got[0].Name, "after set")
			unsaved := Label{Name: "unsaved"}
			err := b.Labels.Set(ctx, &labels[2], &unsaved)
			require.ErrorIs(t, err, orm.ErrInvalid, "set with an unsaved row")
			got, _ = b.Labels.All(ctx)
			require.Len(t, got, 1, "a failed set changed the links")
			require.Equal(t, "sql", got[0].Name, "a failed set changed the links")
			ghost := Label{Name: "ghost"}
			must(t, orm.Save(ctx, &ghost))
			must(t, orm.ForceDelete(ctx, &ghost)) // saved key, row gone: the insert breaks the foreign key
			err = b.Labels.Set(ctx, &labels[2], &ghost)
			require.ErrorIs(t, err, orm.ErrConflict, "set with a deleted row")
			got, _ = b.Labels.All(ctx)
			require.Len(t, got, 1, "a set that failed half-way changed the links")
			require.Equal(t, "sql", got[0].Name, "a set that failed half-way changed the links")
			must(t, b.Labels.Clear(ctx))
			if n, _ := b.Labels.Count(ctx); n != 0 {
				require.Fail(t, fmt.Sprintf("after clear: %d", n))
			}
			must(t, b.Labels.Add(ctx, &labels[0], &labels[2]))
		})
		t.Run("prefetch from both sides, one query per level", func(t *testing.T) {
			log.Reset()
			rows, err := orm.Query[Story](ctx).PrefetchRelated("labels.stories").
				IncludeLimits(orm.IncludeLimits{AllowRevisit: true}).OrderBy("id").Get()
			must(t, err)
			require.Equal(t, 3, log.Count(), "%d statements", log.Count())
			al, _ := rows[0].Labels.Loaded()
			bl, _ := rows[1].Labels.Loaded()
			cl, ok := rows[2].Labels.Loaded()
			require.Len(t, al, 2, "labels %d %d %d", len(al), len(bl), len(cl))
			require.Len(t, bl, 2, "labels %d %d %d", len(al), len(bl), len(cl))
			require.Len(t, cl, 0, "labels %d %d %d", len(al), len(bl), len(cl))
			require.True(t, ok, "labels %d %d %d", len(al), len(bl), len(cl))
			back, _ := al[0].Stories.Loaded() // "go": A and B
			require.Len(t, back, 2, "go's stories = %d", len(back))
			js, err := orm.ToJSON(&rows[0], "title", "labels")
			must(t, err)
			require.Contains(t, string(js), `"labels":[{`, "json = %s", js)
		})
		t.Run("soft-deleted targets are hidden, deleting a row removes its pairs", func(t *testing.T) {
			must(t, orm.Delete(ctx, &labels[2])) // "web": soft delete
			if n, _ := b.Labels.Count(ctx); n != 1 {
				require.Fail(t, fmt.Sprintf("soft-deleted label counted: %d", n))
			}
			must(t, orm.ForceDelete(ctx, &labels[0]))
			rows, err := orm.QueryMaps(ctx, "SELECT COUNT(*) AS n FROM label_story WHERE label_id = ?", labels[0].ID)
			must(t, err)
			require.Equal(t, int64(0), rows[0]["n"], "junction rows survived: %v", rows)
		})
		t.Run("unbound relation", func(t *testing.T) {
			var s Story
			require.Error(t, s.Labels.Add(context.Background(), &labels[1]), "added through an unbound relation")
		})
	})
}
