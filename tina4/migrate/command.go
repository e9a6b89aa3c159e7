package migrate

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// The commands Command runs, as typed after "go run ." or "tina4".
const (
	CmdMigrate  = "migrate"
	CmdRollback = "migrate:rollback"
	CmdStatus   = "migrate:status"
	CmdCreate   = "migrate:create"
	CmdDiff     = "migrate:diff"
)

// IsCommand reports whether name is one of the migration commands.
func IsCommand(name string) bool {
	switch name {
	case CmdMigrate, CmdRollback, CmdStatus, CmdCreate, CmdDiff:
		return true
	}
	return false
}

// Command runs the migration command args[0] on the migrations in dir and
// prints what it did to w:
//
//	migrate                      apply the pending migrations as one batch
//	migrate:rollback             undo the last batch
//	migrate:status               list applied and pending migrations
//	migrate:create "add tags"    write a timestamped .sql and .down.sql
//	migrate:diff                 print the SQL that brings the database to the models
//	migrate:create --from-models [--destructive] "add subtitle"
//	                             write that SQL as a migration and its rollback
//
// open opens the database; migrate:create without --from-models does not
// call it. The database is closed before Command returns. migrate:diff
// returns ErrDrift (after printing the SQL) when there is a difference.
func Command(ctx context.Context, args []string, dir string, open func() (*orm.DB, error), w io.Writer) error {
	if len(args) == 0 || !IsCommand(args[0]) {
		return fmt.Errorf("migrate: unknown command %q (want %s, %s, %s, %s or %s \"description\")",
			strings.Join(args, " "), CmdMigrate, CmdRollback, CmdStatus, CmdDiff, CmdCreate)
	}
	if args[0] == CmdDiff || (args[0] == CmdCreate && hasFlag(args[1:], flagFromModels)) {
		return modelCommand(ctx, args, dir, open, w)
	}
	if args[0] == CmdCreate {
		if len(args) < 2 {
			return fmt.Errorf("migrate: %s needs a description, for example: %s \"add tags\"", CmdCreate, CmdCreate)
		}
		up, down, err := Create(dir, strings.Join(args[1:], " "), time.Now())
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "Created %s\nCreated %s\n", up, down)
		return nil
	}
	if len(args) > 1 {
		return fmt.Errorf("migrate: %s takes no arguments, got %q", args[0], strings.Join(args[1:], " "))
	}
	db, err := open()
	if err != nil {
		return err
	}
	defer db.Close()
	m := New(db, os.DirFS(dir))
	switch args[0] {
	case CmdMigrate:
		res, err := migrateUp(ctx, db, m)
		report(w, "UP", "applied", res)
		return err
	case CmdRollback:
		res, err := m.Rollback(ctx)
		report(w, "DOWN", "rolled back", res)
		return err
	default:
		list, err := m.Status(ctx)
		if err != nil {
			return err
		}
		printStatus(w, list)
		return nil
	}
}

// report prints the migrations a run applied or rolled back, also when it
// stopped at an error, so the user sees how far it got.
func report(w io.Writer, tag, verb string, res Result) {
	for _, id := range res.IDs {
		fmt.Fprintf(w, "  [%s] %s.sql\n", tag, id)
	}
	switch n := len(res.IDs); {
	case n == 0:
		fmt.Fprintf(w, "Nothing to do: no migration %s\n", verb)
	default:
		fmt.Fprintf(w, "%d migration%s %s (batch %d)\n", n, plural(n), verb, res.Batch)
	}
}

func printStatus(w io.Writer, list []Status) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Status\tBatch\tExecuted at (UTC)\tMigration")
	applied := 0
	for _, s := range list {
		state, batch, at := "Pending", "", ""
		if s.Applied {
			applied++
			state, batch, at = "Applied", fmt.Sprint(s.Batch), s.ExecutedAt.UTC().Format(time.DateTime)
		}
		if s.Missing {
			state = "Missing"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s.sql\n", state, batch, at, s.ID)
	}
	tw.Flush()
	fmt.Fprintf(w, "%d applied, %d pending\n", applied, len(list)-applied)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
