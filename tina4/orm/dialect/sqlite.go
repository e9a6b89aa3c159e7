package dialect

import (
	"strings"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect/feature"
)

// SQLite is the dialect of SQLite 3.35 and newer.
type SQLite struct{}

var _ Dialect = SQLite{}

// Features returns SQLite's capabilities: RETURNING for inserts of several
// rows only (single keys are read with LastInsertId, exact and cheaper);
// its write transaction holds the whole database, its ALTER TABLE is
// limited, and max(rowid)+1 moves past explicit keys itself.
func (SQLite) Features() feature.Feature {
	return feature.MultiRowReturning | feature.TimeAsText | feature.ForwardForeignKeys | feature.IndexedText |
		feature.UpdateSelfSubquery
}

// Name returns "sqlite".
func (SQLite) Name() string { return "sqlite" }

// Quote wraps ident in double quotes, doubling any quote inside it.
func (SQLite) Quote(ident string) string { return quoteWith(ident, '"') }

// Placeholder returns "?".
func (SQLite) Placeholder(int) string { return "?" }

// Rebind returns query unchanged: SQLite understands ?.
func (SQLite) Rebind(query string) string { return query }

// ColumnDef renders a column; an auto-increment key is INTEGER PRIMARY KEY
// AUTOINCREMENT, so ids of deleted rows are never reused.
func (d SQLite) ColumnDef(c Column) string {
	if c.PrimaryKey && c.AutoIncrement {
		return d.Quote(c.Name) + " INTEGER PRIMARY KEY AUTOINCREMENT"
	}
	return columnDef(d, c, sqliteTypes)
}

var sqliteTypes = map[Kind]string{Int: "INTEGER", String: "TEXT", Text: "TEXT", Float: "REAL", Bool: "BOOLEAN", Time: "DATETIME", Bytes: "BLOB"}

// Literal renders a default value.
func (SQLite) Literal(k Kind, v string) (string, error) { return literal(k, v, "1", "0") }

// Limit renders LIMIT/OFFSET; SQLite needs a LIMIT before an OFFSET.
func (SQLite) Limit(limit, offset int) string { return limitClause(limit, offset, "-1") }

// BindTime stores times as fixed-width UTC text (TimeLayout).
func (SQLite) BindTime(t time.Time) any { return FormatTime(t) }

// Like uses LIKE, which the ORM's connections make case-sensitive
// (PRAGMA case_sensitive_like), and for fold the function unicode_lower that
// the ORM registers on every connection (SQLite's LOWER folds ASCII only).
func (SQLite) Like(expr string, fold, escaped bool) string {
	if fold {
		expr = "unicode_lower(" + expr + ")"
	}
	if escaped {
		return expr + ` LIKE ? ESCAPE '\'`
	}
	return expr + " LIKE ?"
}

// InsertIgnore renders INSERT OR IGNORE.
func (SQLite) InsertIgnore(table string, cols []string) string {
	return "INSERT OR IGNORE" + insertRow(table, cols)
}

// CreateIndex renders CREATE INDEX IF NOT EXISTS.
func (d SQLite) CreateIndex(name, table, column string) string {
	return createIndex(d, name, table, column)
}

// DropIndex renders DROP INDEX name (index names are per database).
func (d SQLite) DropIndex(name, _ string) string { return "DROP INDEX " + d.Quote(name) }

// DropForeignKey renders ALTER TABLE ... DROP CONSTRAINT, which SQLite
// refuses: without feature.AlterTable callers plan a table rebuild instead.
func (d SQLite) DropForeignKey(name, table string) string {
	return "ALTER TABLE " + d.Quote(table) + " DROP CONSTRAINT " + d.Quote(name)
}

// CreateTableSuffix returns "": no table options.
func (SQLite) CreateTableSuffix() string { return "" }

func quoteWith(ident string, q byte) string {
	var b strings.Builder
	b.Grow(len(ident) + 2)
	b.WriteByte(q)
	for i := 0; i < len(ident); i++ {
		if ident[i] == q {
			b.WriteByte(q)
		}
		b.WriteByte(ident[i])
	}
	b.WriteByte(q)
	return b.String()
}

func columnTail(def string, c Column) string {
	if c.PrimaryKey {
		def += " PRIMARY KEY"
	} else if c.NotNull {
		def += " NOT NULL"
	}
	if c.Unique && !c.PrimaryKey {
		def += " UNIQUE"
	}
	if c.Default != nil {
		def += " DEFAULT " + *c.Default
	}
	return def
}
