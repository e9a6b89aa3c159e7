package tina4

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"

	"github.com/tina4stack/tina4-go/tina4/migrate"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// openDB opens and pings cfg.DatabaseURL, logging statements when
// cfg.DebugSQL is set.
func openDB(cfg Config, log *slog.Logger) (*orm.DB, error) {
	opts := cfg.ScaleConfig.options()
	if cfg.DebugSQL {
		opts = append(opts, orm.WithLogger(log))
	}
	db, err := orm.Open(cfg.DatabaseURL, opts...)
	if err != nil {
		return nil, fmt.Errorf("tina4: %w", err)
	}
	if err := db.Ping(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("tina4: database %s: %w", redact(cfg.DatabaseURL), err)
	}
	return db, nil
}

// migrate applies the pending migrations at start, when asked and when the
// migrations folder exists.
func (a *App) migrate(ctx context.Context) error {
	if !a.cfg.MigrateOnStart || a.cfg.MigrationsDir == "" {
		return nil
	}
	if _, err := os.Stat(a.cfg.MigrationsDir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	res, err := migrate.New(a.db, os.DirFS(a.cfg.MigrationsDir)).Up(ctx)
	for _, id := range res.IDs {
		a.log.Info("tina4: migration applied", "migration", id, "batch", res.Batch)
	}
	if err != nil {
		return fmt.Errorf("tina4: %w", err)
	}
	return nil
}

// IsCommand reports whether args (os.Args[1:]) name a command that Run
// carries out instead of serving: migrate, migrate:rollback,
// migrate:status or migrate:create.
func IsCommand(args []string) bool { return len(args) > 0 && migrate.IsCommand(args[0]) }

// RunCommand carries out the command in args on the app's database and
// migrations folder, printing to w:
//
//	go run . migrate                  apply pending migrations
//	go run . migrate:rollback         undo the last batch
//	go run . migrate:status           list applied and pending migrations
//	go run . migrate:create "add tags"  write a new .sql and .down.sql
func RunCommand(ctx context.Context, cfg Config, args []string, w io.Writer) error {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	open := func() (*orm.DB, error) { return openDB(cfg, cfg.Logger) }
	if err := migrate.Command(ctx, args, cfg.MigrationsDir, open, w); err != nil {
		return fmt.Errorf("tina4: %w", err)
	}
	return nil
}
