package tina4

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// Run starts the app: LoadConfig, New, then Serve until SIGINT or SIGTERM,
// and Close. On any error it logs it through slog and exits with status 1.
func Run() {
	if err := run(); err != nil {
		slog.Error(err.Error())
		os.Exit(1)
	}
}

func run() error {
	cfg, err := LoadConfig()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	app, err := New(cfg)
	if err != nil {
		return err
	}
	defer app.Close()
	return app.Serve(ctx)
}
