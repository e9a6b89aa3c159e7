package migrate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// ErrDrift is migrate:diff's answer when the database differs from the
// models: the command exits with status 1, for CI.
var ErrDrift = errors.New("migrate: the database differs from the models (see the SQL above)")

// registered returns the models the commands compare; tests replace it.
var registered = orm.Models

// The flags of migrate:create.
const (
	flagFromModels  = "--from-models"
	flagDestructive = "--destructive"
)

func hasFlag(args []string, flag string) bool {
	for _, a := range args {
		if a == flag {
			return true
		}
	}
	return false
}

// modelCommand runs migrate:diff and migrate:create --from-models: both
// compare the registered models with the live schema.
func modelCommand(ctx context.Context, args []string, dir string, open func() (*orm.DB, error), w io.Writer) error {
	var words []string
	destructive := false
	for _, a := range args[1:] {
		switch {
		case a == flagFromModels:
		case a == flagDestructive && args[0] == CmdCreate:
			destructive = true
		case strings.HasPrefix(a, "--"):
			return fmt.Errorf("migrate: %s: unknown flag %s", args[0], a)
		default:
			words = append(words, a)
		}
	}
	if args[0] == CmdDiff && len(words) > 0 {
		return fmt.Errorf("migrate: %s takes no arguments, got %q", CmdDiff, strings.Join(words, " "))
	}
	description := strings.Join(words, " ")
	if args[0] == CmdCreate && slugify(description) == "" {
		return fmt.Errorf("migrate: %s %s needs a description, for example: %s %s \"add subtitle\"",
			CmdCreate, flagFromModels, CmdCreate, flagFromModels)
	}
	models := registered()
	if len(models) == 0 {
		return fmt.Errorf("migrate: %s: no models are registered: run it from the app (go run . %s), whose init() functions register them", args[0], args[0])
	}
	db, err := open()
	if err != nil {
		return err
	}
	defer db.Close()
	m := New(db, os.DirFS(dir))
	list, err := m.Status(ctx)
	if err != nil {
		return err
	}
	pending := 0
	for _, s := range list {
		if !s.Applied {
			pending++
		}
	}
	d := db.Dialect()
	specs, err := orm.SchemaOf(d, models)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	live, err := Inspect(orm.Primary(orm.WithDB(ctx, db)), d.Name()) // never a lagging replica's schema
	if err != nil {
		return err
	}
	plan := Diff(specs, live, d)
	if args[0] == CmdCreate {
		if pending > 0 {
			return fmt.Errorf("migrate: %d migration%s pending: run %s first, so that the generated one does not repeat them", pending, plural(pending), CmdMigrate)
		}
		if plan.Empty() {
			fmt.Fprintln(w, "No differences: the database matches the models; nothing written")
			return nil
		}
		up, down, err := CreateFromPlan(dir, description, plan, destructive, time.Now())
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "Created %s\nCreated %s\n%s", up, down, plan.Report())
		if !destructive && hasSafety(plan, Destructive) {
			fmt.Fprintln(w, "WARNING: destructive statements are written commented out: review them, or generate with --destructive")
		}
		if hasSafety(plan, Unsupported) {
			fmt.Fprintln(w, "WARNING: some changes need a manual step, written as comments in the migration")
		}
		return nil
	}
	if pending > 0 {
		fmt.Fprintf(w, "-- Note: %d migration%s pending (not applied): this compares the models with the database as it is.\n", pending, plural(pending))
	}
	if plan.Empty() {
		fmt.Fprintf(w, "-- No differences: the %s database matches the models.\n", d.Name())
		for _, warn := range plan.Warnings {
			fmt.Fprintf(w, "-- WARNING: %s\n", warn)
		}
		return nil
	}
	up, _ := plan.Script(false)
	fmt.Fprintf(w, "-- %d difference%s between the models and the %s database:\n%s", len(plan.Changes), plural(len(plan.Changes)), d.Name(), up)
	return ErrDrift
}

func hasSafety(p Plan, s Safety) bool {
	for _, c := range p.Changes {
		if c.Safety == s {
			return true
		}
	}
	return false
}

// migrateUp applies the pending migrations for the migrate command. Run
// from the app, whose models are registered, it does what start-up does
// before its check (see Start): it also creates the missing model tables,
// so that on a fresh database (a deploy that migrates before it starts the
// app) the migrations generated from the models find the tables they
// alter, made from the models (their statements on those are left out).
func migrateUp(ctx context.Context, db *orm.DB, m *Migrator) (Result, error) {
	models := registered()
	if len(models) == 0 {
		return m.Up(ctx)
	}
	res, err := Start(ctx, db, StartOptions{Migrations: m.fs, Models: models, SkipCheck: true})
	return res.Migrations, err
}
