package dialect

import (
	"time"
)

// MySQL is the dialect of MySQL 8 and MariaDB 10.6 and newer (eager loading
// uses JSON_TABLE). Tables use
// utf8mb4 with a binary collation, so that = and LIKE are case-sensitive as
// on the other engines; the i-operators fold case explicitly.
type MySQL struct {
	// Collation is the collation of the tables it creates. orm.Open sets
	// the server's NO PAD binary collation (utf8mb4_0900_bin on MySQL 8,
	// utf8mb4_nopad_bin on MariaDB), under which trailing spaces count in
	// comparisons and unique keys as on the other engines; "" means
	// utf8mb4_bin, which ignores them (PAD SPACE: "x" = "x ").
	Collation string
}

var _ Dialect = MySQL{}

// Name returns "mysql".
func (MySQL) Name() string { return "mysql" }

// Quote wraps ident in backticks.
func (MySQL) Quote(ident string) string { return quoteWith(ident, '`') }

// Placeholder returns "?".
func (MySQL) Placeholder(int) string { return "?" }

// Rebind returns query unchanged: MySQL understands ?.
func (MySQL) Rebind(query string) string { return query }

// ColumnDef renders a column. Unbounded strings are TEXT, except unique ones,
// which MySQL can only index as VARCHAR(255).
func (d MySQL) ColumnDef(c Column) string {
	if c.PrimaryKey && c.AutoIncrement {
		return d.Quote(c.Name) + " BIGINT AUTO_INCREMENT PRIMARY KEY"
	}
	if c.Kind == String && c.Size == 0 && (c.Unique || c.PrimaryKey) {
		c.Size = 255 // MySQL indexes VARCHAR, not TEXT
	}
	return columnDef(d, c, mysqlTypes)
}

var mysqlTypes = map[Kind]string{Int: "BIGINT", String: "TEXT", Text: "LONGTEXT", Float: "DOUBLE", Bool: "BOOLEAN", Time: "DATETIME(6)", Bytes: "LONGBLOB"}

// Literal renders a default value; booleans are 1 and 0.
func (MySQL) Literal(k Kind, v string) (string, error) { return literal(k, v, "1", "0") }

// Limit renders LIMIT/OFFSET; MySQL needs a LIMIT before an OFFSET.
func (MySQL) Limit(limit, offset int) string {
	return limitClause(limit, offset, "18446744073709551615")
}

// Returning reports false: the driver's LastInsertId is used.
func (MySQL) Returning() bool { return false }

// BindTime binds times as UTC time.Time (the connection uses loc=UTC).
func (MySQL) BindTime(t time.Time) any { return t.UTC() }

// Like relies on MySQL's default LIKE escape character, the backslash.
func (MySQL) Like(expr string, fold, _ bool) string {
	if fold {
		expr = foldSQL(expr)
	}
	return expr + " LIKE ?"
}

// InsertIgnore renders INSERT ... ON DUPLICATE KEY UPDATE with a no-op:
// unlike INSERT IGNORE, it still fails on a broken foreign key.
func (MySQL) InsertIgnore(table string, cols []string) string {
	return "INSERT" + insertRow(table, cols) + " ON DUPLICATE KEY UPDATE " + cols[0] + " = " + cols[0]
}

// CreateIndex returns "": InnoDB indexes every foreign-key column itself,
// and MySQL has no CREATE INDEX IF NOT EXISTS.
func (MySQL) CreateIndex(name, table, column string) string { return "" }

// CreateTableSuffix sets the engine, the character set and the binary
// collation (see Collation).
func (d MySQL) CreateTableSuffix() string {
	c := d.Collation
	if c == "" {
		c = DefaultMySQLCollation
	}
	return " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=" + c
}

// DefaultMySQLCollation is the collation of MySQL tables when the server
// has no NO PAD binary one (or could not be asked).
const DefaultMySQLCollation = "utf8mb4_bin"

// NoPadCollations are the NO PAD binary utf8mb4 collations, in order of
// preference: MySQL 8's, then MariaDB's.
var NoPadCollations = []string{"utf8mb4_0900_bin", "utf8mb4_nopad_bin"}

// SyncSequence returns "": AUTO_INCREMENT moves past explicit keys itself.
func (MySQL) SyncSequence(string, string) string { return "" }
