package schema

import (
	"strings"
	"unicode"

	"github.com/jinzhu/inflection"
)

// CamelToSnake converts "firstName", "FirstName" or "HTTPServerID" to
// "first_name", "first_name" and "http_server_id".
func CamelToSnake(s string) string {
	runes := []rune(s)
	var b strings.Builder
	b.Grow(len(s) + 4)
	for i, r := range runes {
		if unicode.IsUpper(r) {
			if i > 0 && (unicode.IsLower(runes[i-1]) || unicode.IsDigit(runes[i-1]) ||
				(i+1 < len(runes) && unicode.IsLower(runes[i+1]) && unicode.IsUpper(runes[i-1]))) {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// SnakeToCamel converts "first_name" to "firstName".
func SnakeToCamel(s string) string {
	parts := strings.Split(s, "_")
	var b strings.Builder
	b.Grow(len(s))
	first := true
	for _, p := range parts {
		if p == "" {
			continue
		}
		if first {
			b.WriteString(p)
			first = false
			continue
		}
		r := []rune(p)
		r[0] = unicode.ToUpper(r[0])
		b.WriteString(string(r))
	}
	return b.String()
}

// Plural returns the plural of an English noun ("category" -> "categories",
// "person" -> "people"), using the inflection library.
func Plural(s string) string { return inflection.Plural(s) }
