package engine_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// drivers are the import paths of the database drivers.
var drivers = []string{"github.com/mattn/go-sqlite3", "github.com/jackc/pgx/v5", "github.com/go-sql-driver/mysql", "modernc.org/sqlite"}

// deps lists the packages pkgs import, directly or not, as a build with
// CGO_ENABLED=0 sees them.
func deps(t *testing.T, pkgs ...string) []string {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list", "-deps", "-f", "{{.ImportPath}}"}, pkgs...)...)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	return strings.Fields(string(out))
}

func linked(list []string, prefix string) bool {
	for _, p := range list {
		if p == prefix || strings.HasPrefix(p, prefix+"/") {
			return true
		}
	}
	return false
}

// Package orm, the framework (tina4) and what it imports link no driver:
// an app picks its engines.
func TestFrameworkLinksNoDriver(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	list := deps(t, "github.com/tina4stack/tina4-go/tina4")
	for _, d := range drivers {
		assert.False(t, linked(list, d), "tina4 links %s", d)
	}
}

// The PostgreSQL-only and MySQL-only examples link their own driver and no
// cgo one (.ci/run also builds them with CGO_ENABLED=0).
func TestServerOnlyExamplesLinkNoSQLite(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	for example, driver := range map[string]string{
		"postgres-only": "github.com/jackc/pgx/v5",
		"mysql-only":    "github.com/go-sql-driver/mysql",
	} {
		t.Run(example, func(t *testing.T) {
			list := deps(t, "github.com/tina4stack/tina4-go/examples/"+example)
			assert.True(t, linked(list, driver), "%s does not link %s", example, driver)
			assert.False(t, linked(list, "github.com/mattn/go-sqlite3"), "%s links go-sqlite3", example)
		})
	}
}
