// Command loadtest drives the example app's /api/notes with concurrent
// keep-alive clients (create, update, delete, get, list) for a fixed time,
// then checks that every acknowledged write is there, and prints requests
// per second and p50/p99 latency. It exits non-zero when any answer was a
// 5xx, mentioned "database is locked", or never came, or when an
// acknowledged write was lost.
//
// With no -url it starts the example app itself, in this process, on a new
// SQLite file, and afterwards also runs PRAGMA integrity_check on it:
//
//	go run ./cmd/loadtest                     # 200 clients for 30s
//	go run ./cmd/loadtest -duration 5s -clients 50
//	go run ./cmd/loadtest -url http://127.0.0.1:7145   # an app already running
//
// It only sends to loopback addresses.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"

	"github.com/tina4stack/tina4-go/internal/loadtest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

// run parses args, runs the load and prints the report to out. It returns an
// error when the run could not be done or broke a requirement.
func run(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(errOut)
	var o loadtest.Options
	var dbPath string
	fs.StringVar(&o.BaseURL, "url", "", "the app to load, e.g. http://127.0.0.1:7145 (loopback only); empty starts the example app in this process on a new SQLite file")
	fs.StringVar(&dbPath, "db", "", "with no -url: the SQLite file for the example app (default: a new file in a temporary folder, removed afterwards)")
	fs.IntVar(&o.Clients, "clients", loadtest.DefaultClients, "concurrent keep-alive clients")
	fs.DurationVar(&o.Duration, "duration", loadtest.DefaultDuration, "how long the clients send requests")
	fs.Int64Var(&o.MaxRequests, "max-requests", loadtest.DefaultMaxRequests, "stop after this many requests")
	fs.DurationVar(&o.Timeout, "timeout", loadtest.DefaultTimeout, "the longest one request may take")
	fs.Int64Var(&o.Seed, "seed", 1, "seeds the clients' choices")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if o.BaseURL != "" {
		if err := loadtest.CheckLoopback(o.BaseURL); err != nil {
			return err
		}
		fmt.Fprintf(out, "target %s\n", o.BaseURL)
		return load(ctx, o, out, nil)
	}
	app, err := startApp(ctx, dbPath, errOut)
	if err != nil {
		return err
	}
	o.BaseURL = app.url
	fmt.Fprintf(out, "target: the example app in process at %s, SQLite %s\n", app.url, app.dbPath)
	return load(ctx, o, out, app)
}

// load runs the load and, for an app of this process, its checks.
func load(ctx context.Context, o loadtest.Options, out io.Writer, app *inProcess) error {
	fmt.Fprintf(out, "machine: %s/%s, %d CPUs, %s\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())
	rep, err := loadtest.Run(ctx, o)
	if rep != nil {
		fmt.Fprint(out, rep)
	}
	var failures []string
	if rep != nil {
		failures = rep.Failures()
	}
	if app != nil {
		if err := app.stop(); err != nil {
			failures = append(failures, err.Error())
		}
		fmt.Fprintf(out, "server log: %d lines mention \"database is locked\"; integrity_check %s\n", app.locked.Load(), app.integrity)
	}
	if len(failures) > 0 {
		err = errors.Join(err, errors.New(strings.Join(failures, "; ")))
	}
	return err
}
