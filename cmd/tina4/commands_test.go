package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4"
)

// -h and help print the commands and succeed.
func TestHelp(t *testing.T) {
	for _, arg := range []string{"-h", "--help", "help"} {
		t.Run(arg, func(t *testing.T) {
			var out, errb bytes.Buffer
			require.NoError(t, run([]string{arg}, &out, &errb))
			assert.Contains(t, out.String(), "tina4 init")
			for _, c := range tina4.Commands() {
				assert.Contains(t, out.String(), c.Name)
			}
			assert.Empty(t, errb.String())
		})
	}
}

// goCmd runs go with args in dir and returns its output; it fails the test
// when go fails.
func goCmd(t *testing.T, dir string, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go %s:\n%s", strings.Join(args, " "), out)
	return string(out)
}

// A scaffolded app answers -h and help with the commands (exit 0) and runs
// the migration commands, through its own main.go (go run .) and through
// this tool run from the app's folder (go run
// github.com/tina4stack/tina4-go/cmd/tina4), on the database its settings
// name.
func TestScaffoldedAppCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	dir := filepath.Join(t.TempDir(), "myapp")
	var out bytes.Buffer
	require.NoError(t, run([]string{"init", "-replace", repoRoot(t), dir}, &out, &out), out.String())
	env := []string{"DATABASE_URL=sqlite:///" + filepath.Join(dir, "data", "app.db"), "TINA4_MIGRATIONS_DIR=migrations"}

	for _, arg := range []string{"-h", "help"} {
		help := goCmd(t, dir, env, "run", ".", arg)
		for _, c := range tina4.Commands() {
			assert.Contains(t, help, c.Name, "go run . %s", arg)
		}
	}
	assert.Contains(t, goCmd(t, dir, env, "run", "github.com/tina4stack/tina4-go/cmd/tina4", "-h"), "migrate:status")

	created := goCmd(t, dir, env, "run", ".", "migrate:create", "add", "tags")
	require.Contains(t, created, "Created")
	ups, err := filepath.Glob(filepath.Join(dir, "migrations", "*_add_tags.sql"))
	require.NoError(t, err)
	require.Len(t, ups, 1, created)
	require.NoError(t, os.WriteFile(ups[0], []byte("CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT);"), 0o644))

	status := goCmd(t, dir, env, "run", "github.com/tina4stack/tina4-go/cmd/tina4", "migrate:status")
	assert.Contains(t, status, "add_tags")
	assert.Contains(t, goCmd(t, dir, env, "run", ".", "migrate"), "1 migration applied (batch 1)")
	assert.Contains(t, goCmd(t, dir, env, "run", "github.com/tina4stack/tina4-go/cmd/tina4", "migrate"), "no migration applied")

	cmd := exec.Command("go", "run", ".", "no-such-command")
	cmd.Dir, cmd.Env = dir, append(os.Environ(), env...)
	b, err := cmd.CombinedOutput()
	assert.Error(t, err, "an unknown command fails")
	assert.Contains(t, string(b), "unknown command")
}
