package tina4_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/migrate"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// driftThing has a field its hand-made table lacks.
type driftThing struct {
	ID   int64   `db:"id,pk,auto"`
	Name string  `db:"name" validate:"max=50"`
	Note *string `db:"note"`
}

func (driftThing) TableName() string { return "drift_things" }

func init() { orm.Register[driftThing]() }

// TestStartWithFieldAdded: a model field the table lacks stops the start,
// naming the column and the command, unless auto-migrate adds it (logged).
func TestStartWithFieldAdded(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		url := dbtest.URL(t)
		db, err := orm.Open(url)
		require.NoError(t, err)
		pk := map[string]string{"sqlite": "INTEGER PRIMARY KEY AUTOINCREMENT", "postgres": "BIGSERIAL PRIMARY KEY",
			"mysql": "BIGINT AUTO_INCREMENT PRIMARY KEY"}[dbtest.Engine(t)]
		_, err = orm.ExecRaw(orm.WithDB(context.Background(), db), "CREATE TABLE drift_things (id "+pk+", name VARCHAR(50) NOT NULL)")
		require.NoError(t, err)
		db.Close()

		var logs bytes.Buffer
		cfg := tina4.DefaultConfig()
		cfg.DatabaseURL = url
		cfg.Router = router.New()
		cfg.Logger = slog.New(slog.NewTextHandler(&logs, nil))
		_, err = tina4.New(cfg)
		require.Error(t, err, "production: refuse to start")
		assert.Contains(t, err.Error(), `table "drift_things" has no column "note"`)
		assert.Contains(t, err.Error(), `go run . migrate:create --from-models`)

		cfg.SkipSchemaCheck = true
		cfg.Router = router.New()
		app, err := tina4.New(cfg)
		require.NoError(t, err, "TINA4_SCHEMA_CHECK=false starts anyway")
		app.Close()

		cfg.SkipSchemaCheck, cfg.AutoMigrate = false, true
		cfg.Router = router.New()
		app, err = tina4.New(cfg)
		require.NoError(t, err, "development: the column is added")
		defer app.Close()
		assert.Contains(t, logs.String(), "ADD COLUMN")
		assert.Contains(t, logs.String(), "note")
		code, body := get(t, app.Handler(), http.MethodGet, "/api/drift_things", "")
		assert.Equal(t, http.StatusOK, code, body)
	})
}

func TestAutoMigrateSetting(t *testing.T) {
	tests := []struct {
		env        map[string]string
		auto, skip bool
	}{
		{map[string]string{}, false, false},
		{map[string]string{"TINA4_DEBUG": "true"}, true, false},
		{map[string]string{"TINA4_DEBUG": "true", "TINA4_AUTO_MIGRATE": "false"}, false, false},
		{map[string]string{"TINA4_AUTO_MIGRATE": "true"}, true, false},
		{map[string]string{"TINA4_SCHEMA_CHECK": "false"}, false, true},
	}
	for _, tt := range tests {
		t.Run(tina4Env(tt.env), func(t *testing.T) {
			clearEnv(t)
			t.Chdir(t.TempDir())
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			cfg, err := tina4.LoadConfig()
			require.NoError(t, err)
			assert.Equal(t, tt.auto, cfg.AutoMigrate)
			assert.Equal(t, tt.skip, cfg.SkipSchemaCheck)
		})
	}
}

func tina4Env(env map[string]string) string {
	s := "default"
	for _, k := range []string{"TINA4_DEBUG", "TINA4_AUTO_MIGRATE", "TINA4_SCHEMA_CHECK"} {
		if v, ok := env[k]; ok {
			s += " " + k + "=" + v
		}
	}
	return s
}

// TestStartMigrationRefersToModelTable: on a fresh database a migration
// may index and seed a model's table: the table exists before it runs.
func TestStartMigrationRefersToModelTable(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		dir := writeFiles(t, map[string]string{
			"000001_things.sql": "CREATE INDEX idx_things_name ON drift_things (name);\nINSERT INTO drift_things (name) VALUES ('seeded');",
		})
		app, err := tina4.New(migrationConfig(t, dir))
		require.NoError(t, err)
		defer app.Close()
		code, body := get(t, app.Handler(), http.MethodGet, "/api/drift_things", "")
		assert.Equal(t, http.StatusOK, code)
		assert.Contains(t, body, "seeded")
	})
}

// TestDiffCommandExitCodes: migrate:diff fails (exit 1 from Run) while the
// database differs from the models, and succeeds once it matches.
func TestDiffCommandExitCodes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		cfg := migrationConfig(t, t.TempDir())
		var out bytes.Buffer
		err := tina4.RunCommand(context.Background(), cfg, []string{"migrate:diff"}, &out)
		require.ErrorIs(t, err, migrate.ErrDrift)
		assert.Contains(t, out.String(), "CREATE TABLE")

		app, err := tina4.New(cfg)
		require.NoError(t, err)
		app.Close()
		out.Reset()
		require.NoError(t, tina4.RunCommand(context.Background(), cfg, []string{"migrate:diff"}, &out))
		assert.Contains(t, out.String(), "No differences")
	})
}
