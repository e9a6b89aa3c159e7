package migrate_test

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// TestStartTogetherSQLite: apps starting at once on one SQLite file (each
// with its own handle, as separate processes) create the tables, apply the
// migration and add a new field's columns once, and all start.
func TestStartTogetherSQLite(t *testing.T) {
	for round := range 3 {
		url := dbtest.URL(t)
		db, err := orm.Open(url) // the file exists before the apps start
		require.NoError(t, err)
		ctx := orm.WithDB(context.Background(), db)
		fsys := fstest.MapFS{"000001_seed.sql": file("INSERT INTO notes (title) VALUES ('seeded');")}
		for _, note := range []*orm.Model{model[noteV1](t), model[noteV2](t)} {
			models := []*orm.Model{note, model[bookV1](t), model[writerV1](t)}
			for i, err := range startTogether(url, fsys, models, 3) {
				require.NoError(t, err, "round %d, model %s, app %d", round, note.Name, i)
			}
		}
		assert.Equal(t, 1, count(ctx, "notes"))
		assert.Contains(t, columns(t, ctx, db), "notes.subtitle text")
		db.Close()
	}
}
