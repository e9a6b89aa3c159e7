package migrate_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/migrate"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// Two models that reference each other: a user's team (NULL-able) and a
// team's owner.
type cycUser struct {
	ID   int64                       `db:"id,pk,auto"`
	Name string                      `db:"name"`
	Team orm.NullForeignKey[cycTeam] `db:"team_id" on_delete:"set null"`
}

func (cycUser) TableName() string { return "cyc_users" }

type cycTeam struct {
	ID    int64                   `db:"id,pk,auto"`
	Owner orm.ForeignKey[cycUser] `db:"owner_id"`
}

func (cycTeam) TableName() string { return "cyc_teams" }

// TestForeignKeyCycle: models that reference each other start on a fresh
// database, and their generated migration applies and rolls back, on every
// engine (PostgreSQL and MySQL cannot reference a table a CREATE TABLE has
// not made yet: that key is added once both exist).
func TestForeignKeyCycle(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		models := []*orm.Model{model[cycUser](t), model[cycTeam](t)}
		check := func(t *testing.T, ctx context.Context, db *orm.DB) {
			t.Helper()
			cols := columns(t, ctx, db)
			assert.Contains(t, cols, "cyc_users.team_id -> cyc_teams")
			assert.Contains(t, cols, "cyc_teams.owner_id -> cyc_users")
			assert.True(t, plan(t, ctx, db, models...).Empty())
			u := &cycUser{Name: "ann"}
			require.NoError(t, orm.Create(ctx, u))
			tm := &cycTeam{}
			tm.Owner.SetID(u.ID)
			require.NoError(t, orm.Create(ctx, tm))
			u.Team.SetID(tm.ID)
			require.NoError(t, orm.Save(ctx, u))
			u.Team.SetID(tm.ID + 100)
			require.Error(t, orm.Save(ctx, u), "the key holds")
		}
		t.Run("start", func(t *testing.T) {
			ctx, db, _ := open(t)
			_, err := migrate.Start(ctx, db, migrate.StartOptions{Models: models})
			require.NoError(t, err)
			check(t, ctx, db)
		})
		t.Run("generate", func(t *testing.T) {
			ctx, db, url := open(t)
			before := columns(t, ctx, db)
			defer migrate.SetModels(models...)()
			dir := t.TempDir()
			out, err := command(t, url, dir, migrate.CmdCreate, "--from-models", "users and teams")
			require.NoError(t, err, out)
			out, err = command(t, url, dir, migrate.CmdMigrate)
			require.NoError(t, err, out)
			out, err = command(t, url, dir, migrate.CmdDiff)
			require.NoError(t, err, out)
			check(t, ctx, db)
			_, err = orm.ExecRaw(ctx, "DELETE FROM cyc_teams")
			require.NoError(t, err)
			out, err = command(t, url, dir, migrate.CmdRollback)
			require.NoError(t, err, out)
			assert.Equal(t, before, columns(t, ctx, db))
		})
	})
}
