package migrate

import (
	"context"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// StartOptions configure Start.
type StartOptions struct {
	// Migrations is the folder of SQL migrations to apply; nil for none.
	Migrations fs.FS
	// AutoMigrate applies the additive changes (see Additive) that the
	// models need; without it only missing tables are created.
	AutoMigrate bool
	// SkipCheck skips the comparison of the models with the live schema
	// (the tables are still created).
	SkipCheck bool
	// Log receives every schema statement Start runs; nil for none.
	Log func(statement string)
	// Models are the models to compare; nil means orm.Models().
	Models []*orm.Model
}

// StartResult is what Start did.
type StartResult struct {
	// Migrations are the migrations applied.
	Migrations Result
	// Statements are the schema statements run for the models, in order.
	Statements []string
}

// DriftError is Start's refusal: the live schema differs from the models
// in ways it may not change by itself.
type DriftError struct{ Plan Plan }

// Error names each difference and the commands that resolve them.
func (e *DriftError) Error() string {
	return "migrate: the database schema does not match the models:\n" + e.Plan.Report() +
		"See the SQL with `go run . migrate:diff`; write it as a migration with " +
		"`go run . migrate:create --from-models \"describe the change\"`, review it, then `go run . migrate`" +
		" (additive changes are applied at start-up with TINA4_AUTO_MIGRATE=true)"
}

// Start brings the database of db to the models at start-up, holding the
// migration lock throughout, so that instances starting together on one
// server do it once:
//
//  1. create the missing tables of the registered models, except those a
//     pending migration creates (and the tables that reference them);
//  2. apply the pending migrations (which may refer to those tables);
//  3. create the remaining missing tables;
//  4. compare the models with the live schema: with AutoMigrate the
//     additive changes are applied; any difference left is a *DriftError.
func Start(ctx context.Context, db *orm.DB, opts StartOptions) (StartResult, error) {
	var res StartResult
	base := New(db, opts.Migrations)
	ldb, unlock, err := base.lock(ctx)
	if err != nil {
		return res, err
	}
	defer unlock()
	m := &Migrator{db: ldb, fs: opts.Migrations, now: time.Now, held: true}
	ctx = orm.Primary(orm.WithDB(ctx, ldb)) // the schema as written, never a lagging replica's
	d := ldb.Dialect()
	models := opts.Models
	if models == nil {
		models = orm.Models()
	}
	specs, err := orm.SchemaOf(d, models)
	if err != nil {
		return res, fmt.Errorf("migrate: %w", err)
	}
	// The live schema is read again only after a statement ran: an app with
	// nothing to change inspects it twice (here, and under the write lock
	// of the check below), not once per step.
	var live *Live
	inspect := func() (*Live, error) {
		if live == nil {
			l, err := Inspect(ctx, d.Name())
			if err != nil {
				return nil, err
			}
			live = l
		}
		return live, nil
	}
	run := func(ctx context.Context, stmts []string) error {
		if len(stmts) > 0 {
			live = nil
		}
		for _, s := range stmts {
			if _, err := orm.ExecRaw(ctx, s); err != nil {
				return fmt.Errorf("migrate: %s: %w", s, err)
			}
			res.Statements = append(res.Statements, s)
			if opts.Log != nil {
				opts.Log(s)
			}
		}
		return nil
	}
	createMissing := func(skip map[string]bool) error {
		current, err := inspect()
		if err != nil {
			return err
		}
		var order []orm.TableSpec
		for _, t := range createOrder(specs, current) {
			if !skip[strings.ToLower(t.Name)] {
				order = append(order, t)
			}
		}
		cyclic := cyclicKeys(order, d)
		for _, t := range order {
			if err := run(ctx, createSQL(t, cyclic[t.Name], d)); err != nil {
				return err
			}
		}
		g := ddl{d: d}
		for _, t := range order {
			for _, fk := range cyclic[t.Name] {
				if err := run(ctx, g.addCyclicKey(t.Name, fk).Up); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if opts.Migrations != nil {
		made, err := m.pendingTables(ctx)
		if err != nil {
			return res, err
		}
		before, err := inspect()
		if err != nil {
			return res, err
		}
		m.skip = modelMadeSkip(specs, before, made)
		if err := createMissing(deferred(specs, made)); err != nil {
			return res, err
		}
		if res.Migrations, err = m.Up(ctx); err != nil {
			return res, err
		}
		live = nil // the migrations may have changed the schema
	}
	if err := createMissing(nil); err != nil {
		return res, err
	}
	if opts.SkipCheck {
		return res, nil
	}
	var plan Plan
	check := func(ctx context.Context) error {
		fresh, err := Inspect(ctx, d.Name())
		if err != nil {
			return err
		}
		plan = Diff(specs, fresh, d)
		if plan.Empty() || !opts.AutoMigrate {
			return nil
		}
		for _, c := range plan.Changes {
			if c.Safety == Additive && !c.Ambiguous {
				if err := run(ctx, c.Up); err != nil {
					return err
				}
			}
		}
		if fresh, err = Inspect(ctx, d.Name()); err != nil {
			return err
		}
		plan = Diff(specs, fresh, d)
		return nil
	}
	if err := underWriteLock(ctx, d.Name(), opts.AutoMigrate, check); err != nil {
		return res, err
	}
	if !plan.Empty() {
		return res, &DriftError{Plan: plan}
	}
	return res, nil
}

// underWriteLock runs fn, which compares the models with the live schema
// and may change it. On SQLite, where no advisory lock serialises apps
// starting together on one file (see Migrator.lock), a fn that writes runs
// in one write transaction (BEGIN IMMEDIATE): the comparison and the
// changes are one step, so a second app sees the first one's columns and
// finds nothing left to add, instead of failing on "duplicate column name".
// The server engines hold the migration lock already.
func underWriteLock(ctx context.Context, engine string, writes bool, fn func(context.Context) error) error {
	if engine != "sqlite" || !writes {
		return fn(ctx)
	}
	return orm.Transaction(ctx, fn)
}

// createTable finds the tables a statement creates.
var createTable = regexp.MustCompile(`(?is)\bCREATE\s+(?:[a-z]+\s+){0,2}TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([^\s(]+)`)

// pendingTables returns the tables (lower case) that the pending
// migrations create.
func (m *Migrator) pendingTables(ctx context.Context) (map[string]bool, error) {
	_, files, done, _, err := m.state(ctx, false)
	if err != nil {
		return nil, err
	}
	applied := map[string]bool{}
	for _, r := range done {
		applied[r.MigrationID] = true
	}
	out := map[string]bool{}
	for _, f := range files {
		if applied[f.ID] {
			continue
		}
		for _, name := range createdTables(f.Up) {
			out[name] = true
		}
	}
	return out, nil
}

// createdTables returns the tables (lower case, without quotes or schema)
// that the CREATE TABLE statements of script create.
func createdTables(script string) []string {
	var out []string
	for _, match := range createTable.FindAllStringSubmatch(script, -1) {
		name := match[1]
		if i := strings.LastIndexByte(name, '.'); i >= 0 {
			name = name[i+1:]
		}
		out = append(out, strings.ToLower(strings.Trim(name, "`\"[];")))
	}
	return out
}

// deferred returns the model tables to create after the migrations: those
// a migration creates, and those whose foreign keys reach one of them.
func deferred(specs []orm.TableSpec, made map[string]bool) map[string]bool {
	out := map[string]bool{}
	for k := range made {
		out[k] = true
	}
	for changed := true; changed; {
		changed = false
		for _, t := range specs {
			key := strings.ToLower(t.Name)
			if out[key] {
				continue
			}
			for _, fk := range t.ForeignKeys {
				if out[strings.ToLower(fk.RefTable)] {
					out[key], changed = true, true
					break
				}
			}
		}
	}
	return out
}

// modelMadeSkip returns the statements of generated migrations to leave out
// at start-up: those on a model table that does not exist yet and that no
// pending migration creates, so that Start makes it from the models (live
// is the schema before it does). A migration generated from the models
// brings an existing table to them; on a table made from the models (or
// newer ones) its ALTERs would add columns and keys that are there already
// ("duplicate column"), as on a fresh database started after the migration
// was written. Its other statements, and every statement of hand-written
// migrations, run.
func modelMadeSkip(specs []orm.TableSpec, live *Live, made map[string]bool) func(Statement) bool {
	fresh := map[string]bool{}
	for _, t := range specs {
		key := strings.ToLower(t.Name)
		if live.Table(t.Name) == nil && !made[key] {
			fresh[key] = true
		}
	}
	if len(fresh) == 0 {
		return nil
	}
	return func(st Statement) bool {
		t := statementTable(st.SQL)
		return t != "" && fresh[t]
	}
}

// generatedTable finds the table of a statement a generated migration
// holds: ALTER TABLE, CREATE [UNIQUE] INDEX ... ON, DROP INDEX ... ON,
// UPDATE, and the steps of a SQLite rebuild (on tina4_rebuild_<table>).
var generatedTable = regexp.MustCompile("(?is)^\\s*(?:ALTER\\s+TABLE|CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?\\S+\\s+ON|" +
	"DROP\\s+INDEX\\s+\\S+\\s+ON|UPDATE|CREATE\\s+TABLE|INSERT\\s+INTO|DROP\\s+TABLE)\\s+([^\\s(]+)")

// statementTable returns the table (lower case, without quotes or schema)
// of a statement of a generated migration, or "" for any other statement.
// A statement on tina4_rebuild_<table> counts as one on <table>; a CREATE
// TABLE or INSERT INTO counts only as such a step of a rebuild.
func statementTable(stmt string) string {
	match := generatedTable.FindStringSubmatch(stmt)
	if match == nil {
		return ""
	}
	name := match[1]
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	name = strings.ToLower(strings.Trim(name, "`\"[];"))
	if rest, ok := strings.CutPrefix(name, "tina4_rebuild_"); ok {
		return rest
	}
	switch head := strings.Fields(strings.ToUpper(match[0])); head[0] + " " + head[1] {
	case "CREATE TABLE", "INSERT INTO":
		return ""
	}
	return name
}
