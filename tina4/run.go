package tina4

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// Run starts the app: LoadConfig, New, then Serve until SIGINT or SIGTERM,
// and Close. With a command as its first argument ("go run . migrate",
// see RunCommand) it carries that out instead of serving; with -h or help
// it prints the commands (WriteUsage) and exits with status 0. On any error
// it logs it through slog and exits with status 1; an unknown argument is
// an error. The first signal starts a graceful shutdown (see App.Serve); a
// second one ends the process at once.
func Run() {
	if err := run(); err != nil {
		slog.Error(err.Error())
		os.Exit(1)
	}
}

func run() error {
	if IsHelp(os.Args[1:]) {
		WriteUsage(os.Stdout, "go run .")
		return nil
	}
	cfg, err := LoadConfig()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	go func() {
		select {
		case <-sigs:
			// Stop catching before the shutdown starts, so that a second
			// signal ends the process at once (the default action).
			signal.Stop(sigs)
			cancel()
		case <-ctx.Done():
		}
	}()
	if args := os.Args[1:]; len(args) > 0 {
		if !IsCommand(args) {
			return fmt.Errorf("tina4: unknown command %q: run with no arguments to serve, or with help for the commands", args[0])
		}
		return RunCommand(ctx, cfg, args, os.Stdout)
	}
	app, err := New(cfg)
	if err != nil {
		return err
	}
	defer app.Close()
	return app.Serve(ctx)
}
