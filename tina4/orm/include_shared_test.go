package orm_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// TestIncludeRowsAreEachOwners checks what the fast eager and join paths
// hand out: each owner's prefetched rows are its own (an append to one
// owner's never shows in another's, and two copies of one owner do not
// share rows), an owner without rows gets an empty list, not nil, and every
// joined row is its own struct.
func TestIncludeRowsAreEachOwners(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _ := seedLibrary(t, 3, 2, 1)
		loner := Writer{Name: "loner"}
		must(t, orm.Save(ctx, &loner))

		// Books saved writer by writer come grouped by writer (their rows are
		// used in place); a later book of the first writer breaks that (the
		// rows are then copied into groups): both must read the same.
		var writers []Writer
		for phase, perFirst := range []int{2, 3} {
			if phase == 1 {
				extra := Volume{Title: "late"}
				extra.Writer.SetID(writers[0].ID)
				must(t, orm.Save(ctx, &extra))
			}
			var err error
			writers, err = orm.Query[Writer](ctx).Include("books").OrderByField("id").Get()
			must(t, err)
			require.Len(t, writers, 4)
			for i, w := range writers {
				books, ok := w.Books.Loaded()
				require.True(t, ok)
				want := map[int]int{0: perFirst, 1: 2, 2: 2, 3: 0}[i]
				require.Len(t, books, want, "writer %d", i)
				for j, b := range books {
					require.Equal(t, w.ID, b.Writer.ID, "a book under the wrong writer")
					if j > 0 {
						require.Less(t, books[j-1].ID, b.ID, "books out of key order")
					}
				}
			}
		}
		first, _ := writers[0].Books.Loaded()
		second, _ := writers[1].Books.Loaded()
		want := append([]Volume(nil), second...)
		first = append(first, Volume{Title: "extra"})
		first[0].Title = "changed"
		again, _ := writers[1].Books.Loaded()
		require.Equal(t, want, again, "one owner's rows changed another's")
		none, ok := writers[3].Books.Loaded()
		require.True(t, ok, "a writer without books is loaded too")
		require.NotNil(t, none, "no books: an empty list, not nil")
		require.Empty(t, none)

		vols, err := orm.Query[Volume](ctx).SelectRelated("writer").OrderByField("id").Limit(10).Get()
		must(t, err)
		require.Len(t, vols, 7)
		a, b := vols[0].Writer.Loaded(), vols[1].Writer.Loaded()
		require.NotNil(t, a)
		require.NotNil(t, b)
		require.Equal(t, a.ID, b.ID, "the seed gives the first writer two books")
		require.NotSame(t, a, b, "two rows share a joined row")
		a.Name = "renamed"
		require.NotEqual(t, "renamed", b.Name, "two rows share a joined row")
		_, bound := b.Books.Loaded()
		require.False(t, bound, "a joined row's own relations are not prefetched")
		books, err := b.Books.All(ctx)
		must(t, err)
		require.Len(t, books, 3, "a joined row's reverse relation queries by its key")
	})
}
