package orm_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// TestCreateTableCreatesWhatItReferences: creating the table of a model at
// the end of a foreign-key chain (remark -> volume -> writer -> publisher)
// on a fresh database creates the chain first, on every engine, and the
// rows then save through it.
func TestCreateTableCreatesWhatItReferences(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Remark])
		w := &Writer{Name: "Ann"}
		must(t, orm.Save(ctx, w))
		v := &Volume{Title: "First", Year: 2026}
		v.Writer.SetID(w.ID)
		must(t, orm.Save(ctx, v))
		r := &Remark{Body: "good"}
		r.Volume.SetID(v.ID)
		must(t, orm.Save(ctx, r))
		n, err := orm.Count[Remark](ctx, "", nil)
		require.NoError(t, err, "Count")
		require.Equal(t, 1, n, "Count")
		must(t, orm.CreateTable[Remark](ctx)) // again: harmless
	})
}
