package dialect

import (
	"strconv"
	"strings"
)

// The SQL that several dialects write the same way.

func createIndex(d Dialect, name, table, column string) string {
	return "CREATE INDEX IF NOT EXISTS " + d.Quote(name) + " ON " + d.Quote(table) + " (" + d.Quote(column) + ")"
}

// insertRow renders " INTO table (cols) VALUES (?, ...)".
func insertRow(table string, cols []string) string {
	return " INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES (?" + strings.Repeat(", ?", len(cols)-1) + ")"
}

// limitClause renders LIMIT/OFFSET for engines that need a LIMIT before an
// OFFSET; noLimit is the engine's "all rows" value.
func limitClause(limit, offset int, noLimit string) string {
	switch {
	case limit > 0 && offset > 0:
		return " LIMIT " + strconv.Itoa(limit) + " OFFSET " + strconv.Itoa(offset)
	case limit > 0:
		return " LIMIT " + strconv.Itoa(limit)
	case offset > 0:
		return " LIMIT " + noLimit + " OFFSET " + strconv.Itoa(offset)
	}
	return ""
}

// columnDef renders a column with the dialect's type names; a String with a
// size is VARCHAR(size).
func columnDef(d Dialect, c Column, types map[Kind]string) string {
	typ := types[c.Kind]
	if c.Kind == String && c.Size > 0 {
		typ = "VARCHAR(" + strconv.Itoa(c.Size) + ")"
	}
	return columnTail(d.Quote(c.Name)+" "+typ, c)
}
