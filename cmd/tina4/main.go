// Command tina4 is the Tina4 for Go command-line tool. It creates new apps
// and runs an app's SQL migrations:
//
//	go run ./cmd/tina4 init ../myapp
//
// writes a new module in ../myapp with main.go, a model in app/src/orm, a
// route in app/src/routes, .env.example, .gitignore and a README, then runs
// "go mod tidy" there. Run from a checkout of tina4-go, the new go.mod
// requires github.com/tina4stack/tina4-go with a replace directive pointing
// at the checkout's absolute path, so the app builds against it; -replace
// sets another path, -replace="" none.
//
// In an app's folder, the app commands (tina4.Commands: migrate,
// migrate:rollback, migrate:status, migrate:create, ...) read its .env
// (DATABASE_URL, TINA4_MIGRATIONS_DIR) as the app does, so "tina4 migrate"
// is the same as "go run . migrate" there. In any app whose go.mod requires
// tina4-go, the tool runs without installing it:
//
//	go run github.com/tina4stack/tina4-go/cmd/tina4 migrate:status
//
// Usage:
//
//	tina4 init [-module name] [-replace dir] [-tidy=false] DIR
//	tina4 COMMAND [ARGS]
//	tina4 help (or -h): the commands; exits 0
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/tina4stack/tina4-go/tina4"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "tina4:", err)
		os.Exit(1)
	}
}

// writeUsage writes the tool's help: init, then the app commands of
// package tina4 (tina4.Commands), which this tool dispatches to as they are.
func writeUsage(w io.Writer) {
	fmt.Fprint(w, `usage: tina4 init [-module name] [-replace dir] [-tidy=false] DIR
       tina4 COMMAND [ARGS]    (in an app's folder; the same as "go run . COMMAND [ARGS]")
       tina4 help

init creates a new Tina4 app in DIR (which must not exist or be empty).
The commands run on the app in the working directory, with the settings of
its .env and the environment (DATABASE_URL, TINA4_MIGRATIONS_DIR):

`)
	tina4.WriteCommands(w)
	fmt.Fprint(w, `
From any app's folder: go run github.com/tina4stack/tina4-go/cmd/tina4 COMMAND
`)
}

func run(args []string, stdout, stderr io.Writer) error {
	if tina4.IsHelp(args) {
		writeUsage(stdout)
		return nil
	}
	if tina4.IsCommand(args) {
		cfg, err := tina4.LoadConfig()
		if err != nil {
			return err
		}
		return tina4.RunCommand(context.Background(), cfg, args, stdout)
	}
	if len(args) == 0 || args[0] != "init" {
		writeUsage(stderr)
		if len(args) == 0 {
			return fmt.Errorf("missing command")
		}
		return fmt.Errorf("unknown command %q", args[0])
	}
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	fs.SetOutput(stderr)
	module := fs.String("module", "", "module path of the new app (default: the folder's name)")
	replace := fs.String("replace", checkoutDir(), "path of a tina4-go checkout to build against (empty: none)")
	tidy := fs.Bool("tidy", true, "run go mod tidy in the new app")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		writeUsage(stderr)
		return fmt.Errorf("init needs one folder")
	}
	dir := fs.Arg(0)
	opts := Options{Module: *module, Replace: *replace}
	if err := Scaffold(dir, opts); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created a Tina4 app in %s\n", dir)
	if *tidy {
		cmd := exec.Command("go", "mod", "tidy")
		cmd.Dir, cmd.Stdout, cmd.Stderr = dir, stdout, stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go mod tidy in %s: %w", dir, err)
		}
	}
	fmt.Fprintf(stdout, "next: cd %s && go run .   (then open http://localhost:7145/hello/world)\n", dir)
	return nil
}

// checkoutDir returns the root of the tina4-go checkout containing the
// working directory, or "".
func checkoutDir() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if isCheckout(dir) {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
