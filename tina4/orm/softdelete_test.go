package orm_test

import (
	"errors"
	"testing"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

func TestSoftDelete(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Task])
		keep := Task{Title: "keep"}
		gone := Task{Title: "gone", Completed: true}
		must(t, orm.Save(ctx, &keep))
		must(t, orm.Save(ctx, &gone))
		must(t, orm.Delete(ctx, &gone))
		if gone.DeletedAt == nil {
			t.Fatal("Delete did not set DeletedAt on the struct")
		}

		visible := map[string]func(t *testing.T) int{
			"find": func(t *testing.T) int {
				got, err := orm.Find[Task](ctx, gone.ID)
				must(t, err)
				if got != nil {
					return 1
				}
				return 0
			},
			"where": func(t *testing.T) int {
				rows, total, err := orm.Where[Task](ctx, "completed = ?", []any{true})
				must(t, err)
				if total != len(rows) {
					t.Fatalf("total %d != rows %d", total, len(rows))
				}
				return len(rows)
			},
			"all": func(t *testing.T) int {
				rows, _, err := orm.All[Task](ctx)
				must(t, err)
				return len(rows) - 1 // keep is always there
			},
			"count": func(t *testing.T) int {
				n, err := orm.Count[Task](ctx, "title = ?", []any{"gone"})
				must(t, err)
				return n
			},
			"query": func(t *testing.T) int {
				n, err := orm.Query[Task](ctx).Where("title = ?", "gone").Count()
				must(t, err)
				return n
			},
			"query first": func(t *testing.T) int {
				got, err := orm.Query[Task](ctx).Where("title = ?", "gone").First()
				must(t, err)
				if got != nil {
					return 1
				}
				return 0
			},
		}
		for name, count := range visible {
			t.Run(name+" skips soft-deleted rows", func(t *testing.T) {
				if n := count(t); n != 0 {
					t.Fatalf("saw %d soft-deleted rows", n)
				}
			})
		}

		t.Run("with trashed", func(t *testing.T) {
			rows, total, err := orm.WithTrashed[Task](ctx, "", nil)
			must(t, err)
			if total != 2 || len(rows) != 2 {
				t.Fatalf("%d rows, total %d", len(rows), total)
			}
			rows, _, err = orm.WithTrashed[Task](ctx, "completed = ?", []any{true})
			must(t, err)
			if len(rows) != 1 || rows[0].DeletedAt == nil {
				t.Fatalf("rows = %+v", rows)
			}
			got, err := orm.Find[Task](ctx, gone.ID, orm.Trashed())
			must(t, err)
			if got == nil {
				t.Fatal("Find with Trashed missed the row")
			}
		})
		t.Run("delete twice and save are not found", func(t *testing.T) {
			if err := orm.Delete(ctx, &gone); !errors.Is(err, orm.ErrNotFound) {
				t.Fatalf("second delete: %v", err)
			}
			gone.Title = "edited while deleted"
			if err := orm.Save(ctx, &gone); !errors.Is(err, orm.ErrNotFound) {
				t.Fatalf("save of a deleted row: %v", err)
			}
		})
		t.Run("restore", func(t *testing.T) {
			must(t, orm.Restore(ctx, &gone))
			if gone.DeletedAt != nil {
				t.Fatal("Restore left DeletedAt set")
			}
			got, err := orm.Find[Task](ctx, gone.ID)
			must(t, err)
			if got == nil || got.Title != "gone" {
				t.Fatalf("restored row = %+v", got)
			}
		})
		t.Run("force delete", func(t *testing.T) {
			must(t, orm.ForceDelete(ctx, &gone))
			rows, _, err := orm.WithTrashed[Task](ctx, "id = ?", []any{gone.ID})
			must(t, err)
			if len(rows) != 0 {
				t.Fatal("force delete left the row")
			}
		})
		t.Run("hard delete without soft delete", func(t *testing.T) {
			ctx, _, _ := openTestDB(t, orm.CreateTable[Note])
			n := Note{Title: "x"}
			must(t, orm.Save(ctx, &n))
			must(t, orm.Delete(ctx, &n))
			if err := orm.Delete(ctx, &n); !errors.Is(err, orm.ErrNotFound) {
				t.Fatalf("delete of a gone row: %v", err)
			}
			if err := orm.Restore(ctx, &n); !errors.Is(err, orm.ErrInvalid) {
				t.Fatalf("restore without soft delete: %v", err)
			}
		})
	})
}
