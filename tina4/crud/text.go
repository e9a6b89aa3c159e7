package crud

import (
	"strings"
	"unicode/utf8"
)

// badText reports whether s is text no database should be sent: bytes that
// are not UTF-8, or a NUL. PostgreSQL refuses both in text (an error that
// would otherwise surface as a 500), and SQLite would store or compare them
// as given. Query-string keys and values and string ids are checked with it;
// bodies are checked by jsoncheck.
func badText(s string) bool {
	return !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0
}
