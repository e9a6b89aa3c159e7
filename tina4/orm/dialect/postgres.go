package dialect

import (
	"strconv"
	"time"
)

// Postgres is the dialect of PostgreSQL 12 and newer.
type Postgres struct{}

var _ Dialect = Postgres{}

// Name returns "postgres".
func (Postgres) Name() string { return "postgres" }

// Quote wraps ident in double quotes.
func (Postgres) Quote(ident string) string { return quoteWith(ident, '"') }

// Placeholder returns $n.
func (Postgres) Placeholder(n int) string { return "$" + strconv.Itoa(n) }

// Rebind rewrites ? into $1, $2, ...
func (Postgres) Rebind(query string) string { return rebindNumbered(query, "$") }

// ColumnDef renders a column; an auto-increment key is BIGSERIAL.
func (d Postgres) ColumnDef(c Column) string {
	if c.PrimaryKey && c.AutoIncrement {
		return d.Quote(c.Name) + " BIGSERIAL PRIMARY KEY"
	}
	return columnDef(d, c, postgresTypes)
}

var postgresTypes = map[Kind]string{Int: "BIGINT", String: "TEXT", Text: "TEXT", Float: "DOUBLE PRECISION", Bool: "BOOLEAN", Time: "TIMESTAMPTZ", Bytes: "BYTEA"}

// Literal renders a default value; booleans are TRUE and FALSE.
func (Postgres) Literal(k Kind, v string) (string, error) { return literal(k, v, "TRUE", "FALSE") }

// Limit renders LIMIT/OFFSET.
func (Postgres) Limit(limit, offset int) string {
	s := ""
	if limit > 0 {
		s += " LIMIT " + strconv.Itoa(limit)
	}
	if offset > 0 {
		s += " OFFSET " + strconv.Itoa(offset)
	}
	return s
}

// Returning reports true: INSERT ... RETURNING reads generated keys.
func (Postgres) Returning() bool { return true }

// BindTime binds times as UTC time.Time for TIMESTAMPTZ columns.
func (Postgres) BindTime(t time.Time) any { return t.UTC() }

// Like uses LOWER, which folds beyond ASCII in a UTF-8 database.
func (Postgres) Like(expr string, fold, escaped bool) string {
	if fold {
		expr = foldSQL(expr)
	}
	if escaped {
		return expr + ` LIKE ? ESCAPE '\'`
	}
	return expr + " LIKE ?"
}

// InsertIgnore renders INSERT ... ON CONFLICT DO NOTHING.
func (Postgres) InsertIgnore(table string, cols []string) string {
	return "INSERT" + insertRow(table, cols) + " ON CONFLICT DO NOTHING"
}

// CreateIndex renders CREATE INDEX IF NOT EXISTS.
func (d Postgres) CreateIndex(name, table, column string) string {
	return createIndex(d, name, table, column)
}

// CreateTableSuffix returns "".
func (Postgres) CreateTableSuffix() string { return "" }

// SyncSequence advances the column's sequence to at least the explicit key
// (taking one value, so a concurrent insert never gets a key twice).
func (d Postgres) SyncSequence(table, column string) string {
	seq := "pg_get_serial_sequence(" + stringLiteral(d.Quote(table)) + ", " + stringLiteral(column) + ")"
	return "SELECT setval(" + seq + ", GREATEST(nextval(" + seq + "), ?))"
}
