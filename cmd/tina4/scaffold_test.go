package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// repoRoot is the checkout this test runs in (the package is cmd/tina4).
func repoRoot(tb testing.TB) string {
	tb.Helper()
	root, err := filepath.Abs("../..")
	require.NoError(tb, err, "not in a checkout")
	require.True(tb, isCheckout(root), "not in a checkout")
	return root
}

func TestScaffoldFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "myapp")
	err := Scaffold(dir, Options{Replace: repoRoot(t)})
	require.NoError(t, err)
	for _, tt := range []struct{ file, want string }{
		{"go.mod", "module myapp"},
		{"go.mod", "replace github.com/tina4stack/tina4-go => " + repoRoot(t)},
		{"main.go", `_ "myapp/app/src/orm"`},
		{"main.go", "tina4.Run()"},
		{"app/src/orm/note.go", "orm.Register[Note]()"},
		{"app/src/routes/hello.go", `router.Get("/hello/{name}"`},
		{".env.example", "DATABASE_URL=sqlite:///data/app.db"},
		{".gitignore", "/data/"},
		{"README.md", "# myapp"},
		{"README.md", "go run . help"},
		{"README.md", "go run github.com/tina4stack/tina4-go/cmd/tina4 migrate:status"},
	} {
		b, err := os.ReadFile(filepath.Join(dir, tt.file))
		if err != nil {
			assert.Fail(t, fmt.Sprintf("%s: %v", tt.file, err))
			continue
		}
		assert.Contains(t, string(b), tt.want, "%s does not contain %q:\n%s", tt.file, tt.want, b)
	}
	err = Scaffold(dir, Options{})
	assert.Error(t, err, "Scaffold into a non-empty folder succeeded")
}

// The scaffold's .env.example is the repository's.
func TestScaffoldEnvExampleInSync(t *testing.T) {
	want, err := os.ReadFile(filepath.Join(repoRoot(t), ".env.example"))
	require.NoError(t, err)
	got, err := templates.ReadFile("template/env.example")
	require.NoError(t, err)
	assert.True(t, bytes.Equal(got, want), "cmd/tina4/template/env.example differs from .env.example: copy it over")
}

func TestRunArgs(t *testing.T) {
	var out, errb bytes.Buffer
	for _, args := range [][]string{nil, {"serve"}, {"init"}, {"init", "a", "b"}, {"init", "-replace", t.TempDir(), filepath.Join(t.TempDir(), "x")}} {
		err := run(args, &out, &errb)
		assert.Error(t, err, "run(%q) succeeded", args)
	}
}

// The generated app builds (go mod tidy resolves its dependencies from the
// module cache or the proxy).
func TestScaffoldBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	dir := filepath.Join(t.TempDir(), "myapp")
	var out bytes.Buffer
	err := run([]string{"init", "-replace", repoRoot(t), dir}, &out, &out)
	require.NoError(t, err, "init: %v\n%s", err, out.String())
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		b, err := cmd.CombinedOutput()
		require.NoError(t, err, "go %s: %v\n%s", strings.Join(args, " "), err, b)
	}
}

// The migration commands run in an app's folder, on the database its
// settings name.
func TestRunMigrate(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("DATABASE_URL", "sqlite:///app.db")
	t.Setenv("TINA4_MIGRATIONS_DIR", "migrations")
	var out, errb bytes.Buffer
	err := run([]string{"migrate:create", "first", "table"}, &out, &errb)
	require.NoError(t, err)
	ups, _ := filepath.Glob(filepath.Join(dir, "migrations", "*_first_table.sql"))
	require.Len(t, ups, 1, "migrate:create wrote %v (output %q)", ups, out.String())
	err = os.WriteFile(ups[0], []byte("CREATE TABLE first (id INTEGER PRIMARY KEY);"), 0o644)
	require.NoError(t, err)
	out.Reset()
	err = run([]string{"migrate"}, &out, &errb)
	require.NoError(t, err)
	require.Contains(t, out.String(), "1 migration applied (batch 1)", "migrate printed")
	// The .down.sql is still migrate:create's comment: nothing to run.
	err = run([]string{"migrate:rollback"}, &out, &errb)
	require.Error(t, err, "rollback with an unwritten .down.sql = %v, want refused", err)
	require.Contains(t, err.Error(), "no SQL statements", "rollback with an unwritten .down.sql = %v, want refused", err)
}
