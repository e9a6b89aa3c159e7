package bench

import (
	"context"
	"database/sql"
	"errors"
)

// Prepared is hand-written database/sql with every statement prepared once
// and reused: the floor no library can go under.
type Prepared struct {
	db                                                        *sql.DB
	returning                                                 bool
	insert, find, update, page, count, authors, postsOf, join *sql.Stmt
}

// OpenPrepared opens the prepared-statement contender.
func OpenPrepared(t Target) (Contender, error) {
	db, err := t.OpenSQL()
	if err != nil {
		return nil, err
	}
	q := newQueries(t.Engine)
	p := &Prepared{db: db, returning: q.returning}
	for _, s := range []struct {
		dst **sql.Stmt
		sql string
	}{{&p.insert, q.insert}, {&p.find, q.find}, {&p.update, q.update}, {&p.page, q.page}, {&p.count, q.count},
		{&p.authors, q.authors}, {&p.postsOf, q.postsOf}, {&p.join, q.join}} {
		if *s.dst, err = db.Prepare(s.sql); err != nil {
			return nil, errors.Join(err, p.Close())
		}
	}
	return p, nil
}

func (p *Prepared) Close() error {
	var errs []error
	for _, s := range []*sql.Stmt{p.insert, p.find, p.update, p.page, p.count, p.authors, p.postsOf, p.join} {
		if s != nil {
			errs = append(errs, s.Close())
		}
	}
	return errors.Join(append(errs, p.db.Close())...)
}

// stmtExecutor runs a prepared statement through the executor interface, so
// that insertNote serves both hand-written contenders.
type stmtExecutor struct{ s *sql.Stmt }

func (x stmtExecutor) ExecContext(ctx context.Context, _ string, args ...any) (sql.Result, error) {
	return x.s.ExecContext(ctx, args...)
}

func (x stmtExecutor) QueryContext(ctx context.Context, _ string, args ...any) (*sql.Rows, error) {
	return x.s.QueryContext(ctx, args...)
}

func (x stmtExecutor) QueryRowContext(ctx context.Context, _ string, args ...any) *sql.Row {
	return x.s.QueryRowContext(ctx, args...)
}

func (p *Prepared) InsertOne(ctx context.Context, i int) (int64, error) {
	n := newNote(i)
	n.CreatedAt = now()
	return insertNote(ctx, stmtExecutor{p.insert}, "", p.returning, n)
}

func (p *Prepared) FindByPK(ctx context.Context, id int64) (NoteSummary, error) {
	var n rawNote
	err := scanNote(p.find.QueryRowContext(ctx, id), &n)
	return n, err
}

func (p *Prepared) UpdateOne(ctx context.Context, n NoteSummary) error {
	_, err := p.update.ExecContext(ctx, n.Title, n.Content, n.Category, n.Pinned, n.Views, n.ID)
	return err
}

func (p *Prepared) Page(ctx context.Context) (int, int64, error) {
	return readPage(p.page.QueryContext(ctx, "work"))
}

func (p *Prepared) Count(ctx context.Context) (int, error) {
	var n int
	err := p.count.QueryRowContext(ctx, "work").Scan(&n)
	return n, err
}

func (p *Prepared) Eager(ctx context.Context) (int, int, error) {
	return eager(ctx,
		func() (*sql.Rows, error) { return p.authors.QueryContext(ctx) },
		func(ids []any) (*sql.Rows, error) { return p.postsOf.QueryContext(ctx, ids...) })
}

func (p *Prepared) Join(ctx context.Context) (int, int, error) {
	return readJoin(p.join.QueryContext(ctx))
}

func (p *Prepared) InsertBatch(ctx context.Context, i int) error {
	tx, err := p.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	ins := stmtExecutor{tx.StmtContext(ctx, p.insert)}
	stamp := now()
	for k := range BatchRows {
		n := newNote(i + k)
		n.CreatedAt = stamp
		if _, err := insertNote(ctx, ins, "", p.returning, n); err != nil {
			return err
		}
	}
	return tx.Commit()
}
