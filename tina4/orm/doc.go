// Package orm maps plain Go structs to database tables: the Tina4 ORM in Go.
//
// A model is a struct with tags, registered from init():
//
//	type Note struct {
//		ID        int64     `db:"id"`                                  // integer id: auto-increment primary key
//		Title     string    `db:"title" validate:"required,max=200"`   // required: NOT NULL; max: VARCHAR(200)
//		Category  string    `db:"category" default:"general"`          // default on insert and in the DDL
//		Pinned    *bool     `db:"pinned" default:"false"`              // pointer: NULL-able
//		CreatedAt time.Time `db:"created_at,auto_now_add"`             // set on insert, UTC
//		UpdatedAt time.Time `db:"updated_at,auto_now"`                 // set on every save, UTC
//	}
//
//	func (Note) TableName() string { return "notes" }
//	func init() { orm.Register[Note]() }
//
// The metadata of a model (columns, kinds, tags, relations, the registry
// and each field's codecs) is read by package orm/schema; Model, Field and
// Relation here are aliases of its types.
//
// # Tags
//
// db:"column,options" names the column (default: the field name in
// snake_case; "-" skips the field) and takes these options: pk (the primary
// key; default: the field whose column is id), auto (auto-increment; implied
// for an integer id), auto_now_add, auto_now, unique, hidden (never
// serialised), readonly (never set from a request), soft_delete (on a
// *time.Time deleted_at; or embed SoftDeletes), text (TEXT rather than
// VARCHAR).
//
// validate:"..." holds go-playground/validator rules; Validate reports them
// with the Tina4 messages ("title: This field is required", "name: Must be at
// least 2 characters", "category: Must be one of: a, b"). regex:"..." is a
// pattern the value must match. default:"..." is the default value.
// references:"table.column" makes a foreign key, with on_delete and
// on_update of cascade, set null, restrict (the default) or no action.
//
// Field types: integers, string, float32/64, bool, time.Time, []byte; a
// pointer to any of them, or sql.Null[T] and the sql.NullX types, is a
// NULL-able column. A non-pointer field is NOT NULL. Embedded structs add
// their fields.
//
// # Rules worth knowing
//
//   - Save inserts when the primary key is zero and updates every column
//     otherwise, so false, 0 and "" are written. Save does not validate; use
//     Valid or ValidateAndSave.
//   - Defaults: on insert, a field holding its zero value gets its default.
//     When the zero value is meaningful (false for a field defaulting to
//     true), make the field a pointer: nil takes the default.
//   - Times are stored in UTC and read back as UTC time.Time values equal to
//     what was written; auto timestamps are truncated to the microsecond, which
//     every engine stores exactly.
//   - Find returns nil (no error) when no row matches; FindOrFail returns an
//     error matching ErrNotFound. Soft-deleted rows are invisible to Find,
//     Where, All, Count and Query unless asked for (Trashed, WithTrashed).
//   - A nil pointer or invalid sql.Null* field without a default tag is left
//     out of the INSERT, so the table's DEFAULT applies, and the stored value
//     is read back into the struct.
//   - Query[T](ctx)...Update(values), Delete and ForceDelete change every row
//     the builder selects and return how many; Exclude negates a filter
//     (NULL rows included); Last reads the last row; InsertMany inserts a
//     slice with multi-row INSERTs in one transaction.
//   - Errors are wrapped with the operation and table ("orm: save notes: ...")
//     and carry an errkind: ErrNotFound, ErrInvalid (ValidationError, bad
//     filters) and ErrConflict (ConstraintError: unique, foreign key, NOT NULL).
//
// # Databases and transactions
//
// Every call takes a context first. The database is the one of the context's
// transaction, else the one set with WithDB, else the default (SetDefault;
// tina4.Run opens it from DATABASE_URL). Transaction commits when its function
// returns nil and rolls back on an error or a panic; the ORM calls made with
// the context it passes join the transaction. Raw SQL with ? placeholders
// runs through Exec, QueryRows and QueryMaps on every engine.
//
// Package orm imports no database driver: Open finds the engine of a URL's
// scheme among those the program imports (sqlitedb, postgresdb, mysqldb;
// see package engine), and reads no environment: credentials, pool sizes
// and the SQL log are options (WithCredentials, WithPool, WithLogger) that
// tina4 fills from its Config. SQLite files are opened for a web server:
// WAL, busy timeout, foreign keys, synchronous=NORMAL and case-sensitive
// LIKE on every connection; one writer connection (transactions BEGIN
// IMMEDIATE) beside a pool of read-only readers, so concurrent writers
// queue rather than fail with "database is locked".
package orm
