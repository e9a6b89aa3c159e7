package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// repoRoot is the checkout this test runs in (the package is cmd/tina4).
func repoRoot(tb testing.TB) string {
	tb.Helper()
	root, err := filepath.Abs("../..")
	if err != nil || !isCheckout(root) {
		tb.Fatalf("not in a checkout: %s %v", root, err)
	}
	return root
}

func TestScaffoldFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "myapp")
	if err := Scaffold(dir, Options{Replace: repoRoot(t)}); err != nil {
		t.Fatal(err)
	}
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
			t.Errorf("%s: %v", tt.file, err)
			continue
		}
		if !strings.Contains(string(b), tt.want) {
			t.Errorf("%s does not contain %q:\n%s", tt.file, tt.want, b)
		}
	}
	if err := Scaffold(dir, Options{}); err == nil {
		t.Error("Scaffold into a non-empty folder succeeded")
	}
}

// The scaffold's .env.example is the repository's.
func TestScaffoldEnvExampleInSync(t *testing.T) {
	want, err := os.ReadFile(filepath.Join(repoRoot(t), ".env.example"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := templates.ReadFile("template/env.example")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("cmd/tina4/template/env.example differs from .env.example: copy it over")
	}
}

func TestRunArgs(t *testing.T) {
	var out, errb bytes.Buffer
	for _, args := range [][]string{nil, {"serve"}, {"init"}, {"init", "a", "b"}, {"init", "-replace", t.TempDir(), filepath.Join(t.TempDir(), "x")}} {
		if err := run(args, &out, &errb); err == nil {
			t.Errorf("run(%q) succeeded", args)
		}
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
	if err := run([]string{"init", "-replace", repoRoot(t), dir}, &out, &out); err != nil {
		t.Fatalf("init: %v\n%s", err, out.String())
	}
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, b)
		}
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
	if err := run([]string{"migrate:create", "first", "table"}, &out, &errb); err != nil {
		t.Fatal(err)
	}
	ups, _ := filepath.Glob(filepath.Join(dir, "migrations", "*_first_table.sql"))
	if len(ups) != 1 {
		t.Fatalf("migrate:create wrote %v (output %q)", ups, out.String())
	}
	if err := os.WriteFile(ups[0], []byte("CREATE TABLE first (id INTEGER PRIMARY KEY);"), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := run([]string{"migrate"}, &out, &errb); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "1 migration applied (batch 1)") {
		t.Fatalf("migrate printed %q", out.String())
	}
	// The .down.sql is still migrate:create's comment: nothing to run.
	if err := run([]string{"migrate:rollback"}, &out, &errb); err == nil || !strings.Contains(err.Error(), "no SQL statements") {
		t.Fatalf("rollback with an unwritten .down.sql = %v, want refused", err)
	}
}
