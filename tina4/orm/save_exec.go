package orm

import (
	"context"
	"database/sql"
	"slices"
	"time"
)

// The typed Save binds its arguments into an array on its stack: a
// prepared statement (sql.Stmt.ExecContext) keeps none of the argument
// slice, so a Save allocates no slice for them. execSaved is execBound for
// such arguments: only its unprepared path, through the Executor
// interface, which may keep the slice, runs on a copy.

// savedArgs is the size of the typed Save's argument array; a model with
// more columns binds into a slice made for the call.
const savedArgs = 16

// execSaved runs query, a fixed write of the model, as execBound does, with
// args the caller may keep on its stack.
func execSaved(ctx context.Context, s *session, query string, args []any, raw bool) (sql.Result, error) {
	s.wrote()
	if raw {
		args = textTimes(s.db.dialect, args)
	}
	var start time.Time
	if s.db.logger != nil {
		start = time.Now()
	}
	var (
		res sql.Result
		err error
	)
	if cs := s.cached(ctx, s.wstmts, query); cs == nil {
		res, err = s.writer.ExecContext(ctx, query, slices.Clone(args)...)
	} else {
		res, err = s.stmt(ctx, cs).ExecContext(ctx, args...)
		cs.release()
	}
	s.db.log(ctx, query, len(args), start, err)
	if err != nil {
		return nil, s.db.classify(err)
	}
	return res, nil
}
