package orm_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// TestIncludeByKeyCounts eager-loads books for as many writers as take each
// form of the key condition: an IN list padded to 8 and to 16 keys, the
// longest list (128), the array beyond it, and a writer whose key does not
// fit an int4 among small ones (the array again). Every writer gets exactly
// its own book on every engine.
func TestIncludeByKeyCounts(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _ := seedLibrary(t, 0, 0, 0)
		var writers []Writer
		for i := range 129 {
			w := Writer{Name: fmt.Sprintf("writer %d", i)}
			must(t, orm.Save(ctx, &w))
			addBook(t, ctx, w)
			writers = append(writers, w)
		}
		// Last: a chosen key moves the engine's counter past it.
		wide := Writer{ID: math.MaxInt32 + 7, Name: "wide"}
		must(t, orm.Create(ctx, &wide))
		addBook(t, ctx, wide)
		for _, n := range []int{1, 9, 128, 129} {
			for _, withWide := range []bool{false, true} {
				t.Run(fmt.Sprintf("%d writers, wide key %v", n, withWide), func(t *testing.T) {
					q := orm.Query[Writer](ctx).Include("books").Where("id <= ?", writers[n-1].ID).OrderByField("id")
					want := n
					if withWide {
						q = orm.Query[Writer](ctx).Include("books").Where("id <= ? OR id = ?", writers[n-1].ID, wide.ID).OrderByField("id")
						want++
					}
					got, err := q.Limit(500).Get()
					require.NoError(t, err)
					require.Equal(t, want, len(got), "writers read")
					for _, w := range got {
						books, ok := w.Books.Loaded()
						require.True(t, ok)
						require.Len(t, books, 1, "writer %d", w.ID)
						require.Equal(t, "book of "+w.Name, books[0].Title)
						require.Equal(t, w.ID, books[0].Writer.ID)
					}
				})
			}
		}
	})
}

// addBook saves one book of writer w.
func addBook(t *testing.T, ctx context.Context, w Writer) {
	t.Helper()
	v := Volume{Title: "book of " + w.Name}
	v.Writer.SetID(w.ID)
	must(t, orm.Save(ctx, &v))
}
