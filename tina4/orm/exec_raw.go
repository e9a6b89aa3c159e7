package orm

import (
	"context"
	"database/sql"
	"fmt"
)

// ExecRaw runs one statement exactly as written, with no arguments and no
// placeholder rewriting, on the database of ctx (joining its transaction,
// if any). It is for DDL and scripts such as migrations, where a ? or $1 in
// the text belongs to the SQL. The statement is never prepared or cached.
func ExecRaw(ctx context.Context, statement string) (sql.Result, error) {
	s, err := sessionFor(ctx)
	if err != nil {
		return nil, err
	}
	res, err := s.execDirect(ctx, statement)
	if err != nil {
		return nil, fmt.Errorf("orm: exec: %w", err)
	}
	return res, nil
}
