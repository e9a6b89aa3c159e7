package orm

import (
	"context"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect/feature"
)

// schemaLockKey is the PostgreSQL advisory-lock key that CreateTables
// holds: "tina5" in ASCII (migrations hold "tina4").
const schemaLockKey int64 = 0x74696e6135

// withSchemaLock runs fn, which creates tables, so that apps starting
// together on one PostgreSQL database do not race: in one transaction
// holding a transaction-level advisory lock (which PgBouncer's transaction
// pooling keeps, unlike a session lock), so the second app finds the tables
// the first committed. PostgreSQL's CREATE TABLE IF NOT EXISTS is not safe
// against a concurrent CREATE of the same table ("relation already exists",
// or a duplicate pg_type row); MySQL's is (its metadata locks serialise
// them), and SQLite has one writer. Inside a transaction fn runs as it is.
func withSchemaLock(ctx context.Context, fn func(ctx context.Context) error) error {
	s, err := sessionFor(ctx)
	if err != nil {
		return err
	}
	if s.inTx || !s.db.dialect.Features().Has(feature.ConcurrentDDLRace|feature.AdvisoryLock) || s.db.begin == nil {
		return fn(ctx)
	}
	return s.db.Transaction(ctx, func(ctx context.Context) error {
		if _, err := Exec(ctx, "SELECT pg_advisory_xact_lock(?)", schemaLockKey); err != nil {
			return err
		}
		return fn(ctx)
	})
}
