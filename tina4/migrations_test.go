package tina4_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// writeFiles writes name -> content into a new folder and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "migrations")
	err := os.MkdirAll(dir, 0o755)
	require.NoError(t, err)
	for name, text := range files {
		err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
		require.NoError(t, err)
	}
	return dir
}

func migrationConfig(t *testing.T, dir string) tina4.Config {
	cfg := tina4.DefaultConfig()
	cfg.DatabaseURL = dbtest.URL(t)
	cfg.Router = router.New()
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg.MigrationsDir = dir
	return cfg
}

// TestNewAppliesMigrationsFirst: the migrations run before the models'
// tables are created, so a migration that creates a model's table (with a
// seed row) wins, and AutoCrud serves what it made.
func TestNewAppliesMigrationsFirst(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		dir := writeFiles(t, map[string]string{
			"000001_widgets.sql":      "CREATE TABLE widgets (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL);\nINSERT INTO widgets (id, name) VALUES (7, 'seeded');",
			"000001_widgets.down.sql": "DROP TABLE widgets;",
		})
		app, err := tina4.New(migrationConfig(t, dir))
		require.NoError(t, err)
		defer app.Close()
		rec := httptest.NewRecorder()
		app.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/widgets/7", nil))
		require.Equal(t, http.StatusOK, rec.Code, "GET /api/widgets/7 = %d %s, want the seeded row", rec.Code, rec.Body)
		require.Contains(t, rec.Body.String(), `"seeded"`, "GET /api/widgets/7 = %d %s, want the seeded row", rec.Code, rec.Body)
	})
}

func TestNewMigrationOptions(t *testing.T) {
	broken := map[string]string{"000001_broken.sql": "CREATE TABLE ok_table (id INTEGER);\nNOT SQL AT ALL;"}
	t.Run("a failing migration stops the start, naming the file", func(t *testing.T) {
		_, err := tina4.New(migrationConfig(t, writeFiles(t, broken)))
		require.Error(t, err, "New = %v, want the broken migration named", err)
		require.Contains(t, err.Error(), "000001_broken.sql: statement 2 (line 2)", "New = %v, want the broken migration named", err)
	})
	t.Run("TINA4_MIGRATE_ON_START=false leaves them pending", func(t *testing.T) {
		cfg := migrationConfig(t, writeFiles(t, broken))
		cfg.MigrateOnStart = false
		app, err := tina4.New(cfg)
		require.NoError(t, err)
		app.Close()
	})
	t.Run("no migrations folder is fine", func(t *testing.T) {
		app, err := tina4.New(migrationConfig(t, filepath.Join(t.TempDir(), "none")))
		require.NoError(t, err)
		app.Close()
	})
}

// TestRunCommand drives the commands as "go run . migrate..." does.
func TestRunCommand(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "migrations")
		cfg := migrationConfig(t, dir)
		ctx := context.Background()
		runCmd := func(args ...string) string {
			t.Helper()
			var out bytes.Buffer
			err := tina4.RunCommand(ctx, cfg, args, &out)
			require.NoError(t, err, "%v: %v", args, err)
			return out.String()
		}

		out := runCmd("migrate:create", "Add", "gadgets!")
		require.Contains(t, out, "_add_gadgets.sql", "create printed")
		require.Contains(t, out, "_add_gadgets.down.sql", "create printed")
		ups, _ := filepath.Glob(filepath.Join(dir, "*_add_gadgets.sql"))
		downs, _ := filepath.Glob(filepath.Join(dir, "*_add_gadgets.down.sql"))
		require.Len(t, ups, 1, "create wrote %v and %v", ups, downs)
		require.Len(t, downs, 1, "create wrote %v and %v", ups, downs)
		err := os.WriteFile(ups[0], []byte("CREATE TABLE gadgets (id INTEGER PRIMARY KEY);"), 0o644)
		require.NoError(t, err)
		err = os.WriteFile(downs[0], []byte("DROP TABLE gadgets;"), 0o644)
		require.NoError(t, err)

		out = runCmd("migrate:status")
		assert.Contains(t, out, "Pending", "status before migrate")
		assert.Contains(t, out, "0 applied, 1 pending", "status before migrate")
		out = runCmd("migrate")
		assert.Contains(t, out, "[UP]", "migrate")
		assert.Contains(t, out, "1 migration applied (batch 1)", "migrate")
		out = runCmd("migrate")
		assert.Contains(t, out, "Nothing to do", "second migrate")
		out = runCmd("migrate:status")
		assert.Contains(t, out, "Applied", "status after migrate")
		assert.Contains(t, out, "1 applied, 0 pending", "status after migrate")
		out = runCmd("migrate:rollback")
		assert.Contains(t, out, "[DOWN]", "rollback")
		assert.Contains(t, out, "1 migration rolled back (batch 1)", "rollback")
	})
}

func TestRunCommandErrors(t *testing.T) {
	cfg := migrationConfig(t, filepath.Join(t.TempDir(), "migrations"))
	for _, args := range [][]string{
		{"migrate:create"},
		{"migrate:create", "!!!"},
		{"migrate", "extra"},
		{"migrate:sideways"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			err := tina4.RunCommand(context.Background(), cfg, args, io.Discard)
			require.Error(t, err, "%v succeeded", args)
		})
	}
	assert.False(t, tina4.IsCommand([]string{"serve"}), "IsCommand does not know the migration commands")
	assert.True(t, tina4.IsCommand([]string{"migrate:status"}), "IsCommand does not know the migration commands")
}
