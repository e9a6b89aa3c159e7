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

// openDB opens and pings cfg.DatabaseURL with the options of cfg (see
// dbOptions), logging statements when cfg.DebugSQL is set.
func openDB(cfg Config, log *slog.Logger) (*orm.DB, error) {
	db, err := orm.Open(databaseURL(cfg), dbOptions(cfg, log)...)
	if err != nil {
		return nil, fmt.Errorf("tina4: %w", err)
	}
	if err := db.Ping(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("tina4: database %s: %w", redact(cfg.DatabaseURL), err)
	}
	return db, nil
}

// prepareSchema brings the database to the models before serving, under
// the migration lock (see migrate.Start): it creates the missing model
// tables (those a pending migration creates after it), applies the pending
// migrations (when cfg.MigrateOnStart and the folder exists), then compares
// every model with the live schema. With cfg.AutoMigrate the additive
// changes are applied, each statement logged; any difference left stops
// the start with an error naming each one and the commands that fix it.
func (a *App) prepareSchema(ctx context.Context) error {
	opts := migrate.StartOptions{
		AutoMigrate: a.cfg.AutoMigrate,
		SkipCheck:   a.cfg.SkipSchemaCheck,
		Log:         func(s string) { a.log.Info("tina4: schema", "sql", s) },
	}
	if a.cfg.MigrateOnStart && a.cfg.MigrationsDir != "" {
		if _, err := os.Stat(a.cfg.MigrationsDir); !errors.Is(err, fs.ErrNotExist) {
			opts.Migrations = os.DirFS(a.cfg.MigrationsDir)
		}
	}
	res, err := migrate.Start(ctx, a.db, opts)
	for _, id := range res.Migrations.IDs {
		a.log.Info("tina4: migration applied", "migration", id, "batch", res.Migrations.Batch)
	}
	if err != nil {
		return fmt.Errorf("tina4: %w", err)
	}
	return nil
}

// IsCommand reports whether args (os.Args[1:]) name a command that Run
// carries out instead of serving: migrate, migrate:rollback,
// migrate:status, migrate:diff or migrate:create.
func IsCommand(args []string) bool { return len(args) > 0 && migrate.IsCommand(args[0]) }

// RunCommand carries out the command in args on the app's database and
// migrations folder, printing to w:
//
//	go run . migrate                  apply pending migrations
//	go run . migrate:rollback         undo the last batch
//	go run . migrate:status           list applied and pending migrations
//	go run . migrate:create "add tags"  write a new .sql and .down.sql
//	go run . migrate:diff             print the SQL the models need; exit 1 if any
//	go run . migrate:create --from-models "add subtitle"   write it as a migration
func RunCommand(ctx context.Context, cfg Config, args []string, w io.Writer) error {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	applyModelOptions(cfg)
	open := func() (*orm.DB, error) { return openDB(cfg, cfg.Logger) }
	if err := migrate.Command(ctx, args, cfg.MigrationsDir, open, w); err != nil {
		return fmt.Errorf("tina4: %w", err)
	}
	return nil
}
