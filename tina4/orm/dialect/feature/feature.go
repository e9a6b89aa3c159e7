// Package feature names the capabilities a SQL dialect declares, as a bit
// set: code that depends on an engine's behaviour asks
// d.Features().Has(feature.Returning) instead of comparing engine names or
// testing a rendered statement for "".
package feature

import "strings"

// Feature is a set of capabilities.
type Feature uint64

// The capabilities. Each names what the engine does, so that a new dialect
// declares its own set and every caller follows.
const (
	// Returning: INSERT ... RETURNING reads generated keys (otherwise the
	// driver's LastInsertId is used).
	Returning Feature = 1 << iota
	// SelectForUpdate: SELECT ... FOR UPDATE (Dialect.LockRows) locks the
	// rows read until the end of the transaction. Without it the engine's
	// write transaction already holds the whole database (SQLite).
	SelectForUpdate
	// SequenceSync: an auto-increment key inserted explicitly leaves the
	// key generator behind, so Dialect.SyncSequence must advance it.
	SequenceSync
	// ForeignKeyIndex: the engine indexes every foreign-key column itself
	// (InnoDB), under the constraint's name, so no index is created for it.
	ForeignKeyIndex
	// TxAbortsOnError: a failed statement aborts the transaction, so every
	// later statement in it fails until rollback (PostgreSQL).
	TxAbortsOnError
	// ConcurrentDDLRace: concurrent CREATE TABLE IF NOT EXISTS of one table
	// can fail (PostgreSQL's duplicate pg_type row), so schema changes are
	// serialised with a transaction-level advisory lock.
	ConcurrentDDLRace
	// AdvisoryLock: pg_advisory_lock and pg_advisory_xact_lock take
	// integer-keyed locks held by a session or a transaction.
	AdvisoryLock
	// NamedLock: GET_LOCK/RELEASE_LOCK take named session locks.
	NamedLock
	// DriverStatementCache: the engine's driver (pgx) prepares and caches
	// every statement per connection, so the ORM keeps no cache of its own.
	DriverStatementCache
	// AlterTable: ALTER TABLE can change a column's type and nullability,
	// add a constraint, and add a UNIQUE or NOT NULL column. Without it
	// (SQLite) such changes need the documented table rebuild.
	AlterTable
	// ModifyColumn: a column's type and nullability change with ALTER TABLE
	// ... MODIFY COLUMN (MySQL) rather than ALTER COLUMN ... TYPE.
	ModifyColumn
	// VarcharLength: the engine enforces VARCHAR(n) lengths (SQLite stores
	// any length).
	VarcharLength
	// TableCollation: CREATE TABLE names the table's character set and
	// collation (Dialect.CreateTableSuffix).
	TableCollation
	// MultiRowReturning: an INSERT of several rows can return their
	// columns with RETURNING (SQLite 3.35 and PostgreSQL), even where single
	// inserts read their key with LastInsertId.
	MultiRowReturning
	// TimeAsText: times are stored as text (dialect.TimeLayout), so a time
	// bound in raw SQL is bound as that text to compare with stored values.
	TimeAsText
	// ForwardForeignKeys: CREATE TABLE may reference a table that does not
	// exist yet (SQLite), so tables that reference each other need no
	// ALTER TABLE after.
	ForwardForeignKeys
	// IndexedText: a TEXT column can be in a key or an index (MySQL indexes
	// only VARCHAR: a text key there is VARCHAR(255), and so is a column
	// that references one).
	IndexedText
	// UpdateSelfSubquery: an UPDATE or DELETE may filter with a subquery on
	// its own table (MySQL refuses it, error 1093, unless the subquery is a
	// materialized derived table).
	UpdateSelfSubquery

	maxFeature
)

var names = []string{"Returning", "SelectForUpdate", "SequenceSync", "ForeignKeyIndex", "TxAbortsOnError",
	"ConcurrentDDLRace", "AdvisoryLock", "NamedLock", "DriverStatementCache", "AlterTable", "ModifyColumn",
	"VarcharLength", "TableCollation", "MultiRowReturning",
	"TimeAsText", "ForwardForeignKeys", "IndexedText", "UpdateSelfSubquery"}

// Has reports whether every capability in other is in f.
func (f Feature) Has(other Feature) bool { return f&other == other }

// All lists every capability, one bit each, in declaration order.
func All() []Feature {
	out := make([]Feature, 0, len(names))
	for b := Feature(1); b < maxFeature; b <<= 1 {
		out = append(out, b)
	}
	return out
}

// String lists the capabilities of f by name, separated by "|".
func (f Feature) String() string {
	var parts []string
	for i, b := range All() {
		if f.Has(b) {
			parts = append(parts, names[i])
		}
	}
	return strings.Join(parts, "|")
}
