package migrate

import (
	"context"
	"fmt"
	"io/fs"
	"sort"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// Migrator applies and rolls back the migrations of one folder on one
// database.
type Migrator struct {
	db   *orm.DB
	fs   fs.FS
	now  func() time.Time
	held bool // db is the connection holding the migration lock (Start)
	// skip, when set, leaves out statements of generated migrations whose
	// table Start makes from the models (see modelMadeSkip).
	skip func(Statement) bool
}

// New returns a Migrator for the migrations in fsys (os.DirFS("migrations"),
// or an embed.FS sub-folder for migrations built into the binary) on db.
func New(db *orm.DB, fsys fs.FS) *Migrator {
	return &Migrator{db: db, fs: fsys, now: time.Now}
}

// Result is what a run did: the batch number and the migrations it applied
// or rolled back, in the order it did so.
type Result struct {
	Batch int
	IDs   []string
}

// Status is one migration's state: applied (with its batch and time) or
// pending. Missing marks a recorded migration whose file is gone.
type Status struct {
	ID          string
	Description string
	Applied     bool
	Batch       int
	ExecutedAt  time.Time
	Missing     bool
}

// Up applies every pending migration, in name order, as one new batch. Each
// file runs in its own transaction with its record in the tracking table,
// so a file that fails is rolled back and not recorded, and the files
// before it stay applied. (MySQL and MariaDB commit each DDL statement at
// once: there a failing file can leave the statements before the failing
// one applied; the error says which statement failed.) Two processes
// migrating one database at once apply each file once.
func (m *Migrator) Up(ctx context.Context) (Result, error) {
	d := m.db.Dialect()
	ctx, files, done, unlock, err := m.state(ctx, true)
	if err != nil {
		return Result{}, err
	}
	defer unlock()
	applied := map[string]bool{}
	for _, r := range done {
		applied[r.MigrationID] = true
	}
	var res Result
	for _, f := range files {
		if applied[f.ID] {
			continue
		}
		stmts, err := statements(f.Up, d.Name())
		if err != nil {
			return res, fmt.Errorf("migrate: %s.sql: %w", f.ID, err)
		}
		if m.skip != nil && generated(f.Up) {
			kept := stmts[:0:0]
			for _, st := range stmts {
				if !m.skip(st) {
					kept = append(kept, st)
				}
			}
			stmts = kept
		}
		ran := false
		err = orm.Transaction(ctx, func(ctx context.Context) error {
			// Checked again inside the transaction: on SQLite it holds the
			// write lock, so a second process sees the first one's record.
			recorded, last, err := isRecorded(ctx, d, f.ID)
			if err != nil || recorded {
				return err
			}
			if res.Batch == 0 {
				res.Batch = last + 1
			}
			if err := run(ctx, stmts); err != nil {
				return err
			}
			ran = true
			return record(ctx, d, f, res.Batch, m.now())
		})
		if err != nil {
			return res, fmt.Errorf("migrate: %s.sql: %w", f.ID, err)
		}
		if ran {
			res.IDs = append(res.IDs, f.ID)
		}
	}
	return res, nil
}

// Rollback undoes the last batch: the .down.sql of each of its migrations,
// newest first, each in its own transaction with the removal of its record.
// Every migration of the batch must have a .down.sql (and still exist);
// otherwise nothing is rolled back. With nothing applied it does nothing.
func (m *Migrator) Rollback(ctx context.Context) (Result, error) {
	d := m.db.Dialect()
	ctx, files, done, unlock, err := m.state(ctx, true)
	if err != nil {
		return Result{}, err
	}
	defer unlock()
	if len(done) == 0 {
		return Result{}, nil
	}
	var res Result
	for _, r := range done {
		res.Batch = max(res.Batch, r.Batch)
	}
	byID := map[string]Migration{}
	for _, f := range files {
		byID[f.ID] = f
	}
	type step struct {
		id    string
		stmts []Statement
	}
	var plan []step
	for i := len(done) - 1; i >= 0; i-- {
		if done[i].Batch != res.Batch {
			continue
		}
		f, ok := byID[done[i].MigrationID]
		switch {
		case !ok:
			return Result{}, fmt.Errorf("migrate: rollback: %s.sql is missing; nothing rolled back", done[i].MigrationID)
		case !f.HasDown:
			return Result{}, fmt.Errorf("migrate: rollback: %s has no .down.sql; nothing rolled back", f.ID)
		}
		stmts, err := statements(f.Down, d.Name())
		if err != nil {
			return Result{}, fmt.Errorf("migrate: rollback: %s.down.sql: %w; nothing rolled back", f.ID, err)
		}
		plan = append(plan, step{f.ID, stmts})
	}
	for _, f := range plan {
		err := orm.Transaction(ctx, func(ctx context.Context) error {
			if err := run(ctx, f.stmts); err != nil {
				return err
			}
			return forget(ctx, d, f.id)
		})
		if err != nil {
			return res, fmt.Errorf("migrate: rollback: %s.down.sql: %w", f.id, err)
		}
		res.IDs = append(res.IDs, f.id)
	}
	return res, nil
}

// Status lists every migration, applied or pending, in the order Up applies
// them (see Load), with the
// recorded migrations whose file is gone marked Missing.
func (m *Migrator) Status(ctx context.Context) ([]Status, error) {
	_, files, done, _, err := m.state(ctx, false)
	if err != nil {
		return nil, err
	}
	byID := map[string]*Status{}
	out := make([]*Status, 0, len(files)+len(done))
	for _, f := range files {
		s := &Status{ID: f.ID, Description: f.Description}
		byID[f.ID] = s
		out = append(out, s)
	}
	for _, r := range done {
		s, ok := byID[r.MigrationID]
		if !ok {
			s = &Status{ID: r.MigrationID, Description: r.Description, Missing: true}
			out = append(out, s)
		}
		s.Applied, s.Batch, s.ExecutedAt = true, r.Batch, r.ExecutedAt
	}
	sort.SliceStable(out, func(i, j int) bool { return before(out[i].ID, out[j].ID) })
	list := make([]Status, len(out))
	for i, s := range out {
		list[i] = *s
	}
	return list, nil
}

// state reads the migration files and the tracking table (made if
// missing). With lock set it first takes the server's migration lock; the
// context it returns then runs every statement on the connection holding
// the lock (so a pool of one connection cannot deadlock), and the caller
// releases the lock with unlock.
func (m *Migrator) state(ctx context.Context, lock bool) (_ context.Context, files []Migration, done []Record, unlock func(), err error) {
	unlock = func() {}
	if files, err = Load(m.fs); err != nil {
		return ctx, nil, nil, unlock, err
	}
	db := m.db
	if lock && !m.held {
		if db, unlock, err = m.lock(ctx); err != nil {
			return ctx, nil, nil, func() {}, err
		}
	}
	ctx = orm.Primary(orm.WithDB(ctx, db)) // never a read replica: it may lag
	if err = ensureTable(ctx, m.db.Dialect()); err == nil {
		done, err = records(ctx, m.db.Dialect())
	}
	if err != nil {
		unlock()
		return ctx, nil, nil, func() {}, err
	}
	return ctx, files, done, unlock, nil
}

// statements splits a file, which must hold at least one statement: a file
// of comments (as migrate:create writes) is not yet a migration, and
// recording it as applied would skip the SQL written into it later.
func statements(script, engine string) ([]Statement, error) {
	stmts, err := Split(script, engine)
	if err == nil && len(stmts) == 0 {
		err = fmt.Errorf("no SQL statements in the file (write its SQL, or delete it)")
	}
	return stmts, err
}

// run executes a file's statements, naming the one that fails.
func run(ctx context.Context, stmts []Statement) error {
	for i, st := range stmts {
		if _, err := orm.ExecRaw(ctx, st.SQL); err != nil {
			return fmt.Errorf("statement %d (line %d): %w", i+1, st.Line, err)
		}
	}
	return nil
}
