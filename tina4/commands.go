package tina4

import (
	"fmt"
	"io"
	"slices"
	"text/tabwriter"
)

// Command describes a command an app's binary carries out instead of
// serving ("go run . migrate"), for its help text.
type Command struct {
	Name    string // migrate:create
	Args    string // "description", or empty
	Summary string // write a new .sql and .down.sql
}

// commands lists the commands RunCommand carries out, in the order help
// shows them. A command added to RunCommand (and IsCommand) is added here;
// TestCommandsAreRunnable checks that each one listed is.
var commands = []Command{
	{Name: "migrate", Summary: "apply the pending migrations as one batch"},
	{Name: "migrate:rollback", Summary: "undo the last batch"},
	{Name: "migrate:status", Summary: "list applied and pending migrations"},
	{Name: "migrate:create", Args: `"description"`, Summary: "write a new timestamped .sql and .down.sql in TINA4_MIGRATIONS_DIR"},
	{Name: "migrate:create", Args: `--from-models [--destructive] "description"`, Summary: "write the SQL that brings the database to the models as a migration"},
	{Name: "migrate:diff", Summary: "print the SQL that would bring the database to the models; exit 1 when there is any"},
}

// Commands returns the commands RunCommand carries out, for help texts such
// as the tina4 tool's.
func Commands() []Command { return slices.Clone(commands) }

// IsHelp reports whether args ask for help: -h, -help, --help or help.
func IsHelp(args []string) bool {
	return len(args) > 0 && slices.Contains([]string{"-h", "-help", "--help", "help"}, args[0])
}

// WriteUsage writes the help of an app's binary run as prog ("go run ."):
// serving, and each command with its summary. The settings come from .env
// and the environment.
func WriteUsage(w io.Writer, prog string) {
	fmt.Fprintf(w, "usage: %s              serve the app (HOST, PORT, DATABASE_URL from .env or the environment)\n", prog)
	fmt.Fprintf(w, "       %s COMMAND [ARGS]\n\ncommands:\n", prog)
	WriteCommands(w)
}

// WriteCommands writes one line per command: its name, arguments and
// summary.
func WriteCommands(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, c := range commands {
		fmt.Fprintf(tw, "  %s %s\t%s\n", c.Name, c.Args, c.Summary)
	}
	tw.Flush()
}
