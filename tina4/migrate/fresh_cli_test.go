package migrate_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/migrate"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// TestMigrateCommandOnFreshDatabase: a deploy that runs `go run . migrate`
// before it starts the app, on a fresh database, after a migration was
// generated from the models: the command makes the model tables as
// start-up does, applies the migration, and the app then starts.
func TestMigrateCommandOnFreshDatabase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		ctx, db, url := open(t)
		dir := t.TempDir()
		_, err := migrate.Start(ctx, db, migrate.StartOptions{Models: []*orm.Model{model[noteV1](t)}})
		require.NoError(t, err)
		v2 := []*orm.Model{model[noteV2](t)}
		restore := migrate.SetModels(v2...)
		out, err := command(t, url, dir, migrate.CmdCreate, "--from-models", "add subtitle")
		require.NoError(t, err, out)
		restore()

		ctx2, db2, url2 := open(t)
		defer migrate.SetModels(v2...)()
		out, err = command(t, url2, dir, migrate.CmdMigrate)
		require.NoError(t, err, out)
		assert.Contains(t, out, "add_subtitle")
		out, err = command(t, url2, dir, migrate.CmdDiff)
		require.NoError(t, err, out)
		_, err = migrate.Start(ctx2, db2, migrate.StartOptions{Models: v2})
		require.NoError(t, err)
	})
}
