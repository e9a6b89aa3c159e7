package orm_test

import (
	"context"
	"errors"
	"strings"
	"testing"

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
	if len(rows) != 1 {
		t.Fatal("the junction label_story was not created")
	}
	sql := rows[0]["sql"].(string)
	for _, want := range []string{`"label_id" INTEGER NOT NULL`, `PRIMARY KEY ("label_id", "story_id")`,
		`REFERENCES "story" ("id") ON DELETE CASCADE`, `REFERENCES "label" ("id") ON DELETE CASCADE`} {
		if !strings.Contains(sql, want) {
			t.Errorf("junction DDL lacks %s:\n%s", want, sql)
		}
	}
	ctx2, _, _ := openTestDB(t, orm.CreateTable[Course], orm.CreateTable[Student])
	if _, err := orm.QueryMaps(ctx2, "SELECT course_id, student_id FROM enrolments"); err != nil {
		t.Fatalf("through table: %v", err)
	}
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
		if n != 2 || len(all) != 2 {
			t.Fatalf("count %d, all %d", n, len(all))
		}
		// From the other side.
		goStories, err := labels[0].Stories.Query(ctx).OrderBy("title").Get()
		must(t, err)
		if len(goStories) != 2 || goStories[0].Title != "A" {
			t.Fatalf("stories of go = %+v", goStories)
		}
		filtered, err := b.Labels.Filter(ctx, "name__startswith", "w").Get()
		must(t, err)
		if len(filtered) != 1 || filtered[0].Name != "web" {
			t.Fatalf("filtered = %+v", filtered)
		}
		ok, err := stories[2].Labels.Exists(ctx)
		must(t, err)
		if ok {
			t.Fatal("C has no labels")
		}

		t.Run("remove, set, clear", func(t *testing.T) {
			must(t, b.Labels.Remove(ctx, &labels[3]))
			if n, _ := b.Labels.Count(ctx); n != 2 {
				t.Fatalf("after remove: %d", n)
			}
			must(t, b.Labels.Set(ctx, &labels[1]))
			got, _ := b.Labels.All(ctx)
			if len(got) != 1 || got[0].Name != "sql" {
				t.Fatalf("after set: %+v", got)
			}
			unsaved := Label{Name: "unsaved"}
			err := b.Labels.Set(ctx, &labels[2], &unsaved)
			if !errors.Is(err, orm.ErrInvalid) {
				t.Fatalf("set with an unsaved row: %v", err)
			}
			got, _ = b.Labels.All(ctx)
			if len(got) != 1 || got[0].Name != "sql" {
				t.Fatalf("a failed set changed the links: %+v", got)
			}
			ghost := Label{Name: "ghost"}
			must(t, orm.Save(ctx, &ghost))
			must(t, orm.ForceDelete(ctx, &ghost)) // saved key, row gone: the insert breaks the foreign key
			err = b.Labels.Set(ctx, &labels[2], &ghost)
			if !errors.Is(err, orm.ErrConflict) {
				t.Fatalf("set with a deleted row: %v", err)
			}
			got, _ = b.Labels.All(ctx)
			if len(got) != 1 || got[0].Name != "sql" {
				t.Fatalf("a set that failed half-way changed the links: %+v", got)
			}
			must(t, b.Labels.Clear(ctx))
			if n, _ := b.Labels.Count(ctx); n != 0 {
				t.Fatalf("after clear: %d", n)
			}
			must(t, b.Labels.Add(ctx, &labels[0], &labels[2]))
		})
		t.Run("prefetch from both sides, one query per level", func(t *testing.T) {
			log.Reset()
			rows, err := orm.Query[Story](ctx).PrefetchRelated("labels.stories").
				IncludeLimits(orm.IncludeLimits{AllowRevisit: true}).OrderBy("id").Get()
			must(t, err)
			if log.Count() != 3 {
				t.Fatalf("%d statements", log.Count())
			}
			al, _ := rows[0].Labels.Loaded()
			bl, _ := rows[1].Labels.Loaded()
			cl, ok := rows[2].Labels.Loaded()
			if len(al) != 2 || len(bl) != 2 || len(cl) != 0 || !ok {
				t.Fatalf("labels %d %d %d", len(al), len(bl), len(cl))
			}
			back, _ := al[0].Stories.Loaded() // "go": A and B
			if len(back) != 2 {
				t.Fatalf("go's stories = %d", len(back))
			}
			js, err := orm.ToJSON(&rows[0], "title", "labels")
			must(t, err)
			if !strings.Contains(string(js), `"labels":[{`) {
				t.Fatalf("json = %s", js)
			}
		})
		t.Run("soft-deleted targets are hidden, deleting a row removes its pairs", func(t *testing.T) {
			must(t, orm.Delete(ctx, &labels[2])) // "web": soft delete
			if n, _ := b.Labels.Count(ctx); n != 1 {
				t.Fatalf("soft-deleted label counted: %d", n)
			}
			must(t, orm.ForceDelete(ctx, &labels[0]))
			rows, err := orm.QueryMaps(ctx, "SELECT COUNT(*) AS n FROM label_story WHERE label_id = ?", labels[0].ID)
			must(t, err)
			if rows[0]["n"] != int64(0) {
				t.Fatalf("junction rows survived: %v", rows)
			}
		})
		t.Run("unbound relation", func(t *testing.T) {
			var s Story
			if err := s.Labels.Add(context.Background(), &labels[1]); err == nil {
				t.Fatal("added through an unbound relation")
			}
		})
	})
}
