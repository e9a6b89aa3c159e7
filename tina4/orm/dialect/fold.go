package dialect

import "strings"

// FoldCase is the case folding of the i-operators (icontains, istartswith,
// ...), the same on every engine: lower case, with the Greek final sigma ς
// folded to σ as Unicode case folding does, so "ΣΊΣΥΦΟΣ" and "σίσυφος"
// match. Patterns are folded with it in Go; on the engine side the column
// goes through FoldSQL (SQLite's unicode_lower function applies FoldCase).
func FoldCase(s string) string {
	return strings.ReplaceAll(strings.ToLower(s), "ς", "σ")
}

// foldSQL folds expr on PostgreSQL and MySQL/MariaDB as FoldCase does.
func foldSQL(expr string) string {
	return "REPLACE(LOWER(" + expr + "), 'ς', 'σ')"
}
