package migrate

import (
	"strconv"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// A type family groups the column types that hold the same Go values.
const (
	famAny   = "any" // SQLite's untyped column
	famInt   = "integer"
	famBool  = "boolean"
	famText  = "text"
	famFloat = "float"
	famTime  = "timestamp"
	famDate  = "date"
	famBytes = "binary"
	famOther = "other"
)

// family classifies a live column type and returns its length for
// character types (0 when unbounded).
func family(typ string) (fam string, size int) {
	t := strings.ToLower(strings.TrimSpace(typ))
	base, args, _ := strings.Cut(t, "(")
	base = strings.TrimSpace(base)
	if n, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(strings.TrimSuffix(args, ")"), ",", 2)[0])); err == nil {
		size = n
	}
	switch {
	case base == "":
		return famAny, 0
	case base == "tinyint" && size == 1, base == "boolean", base == "bool", base == "bit":
		return famBool, 0
	case strings.Contains(base, "int"), strings.HasSuffix(base, "serial"):
		return famInt, 0
	case strings.Contains(base, "char"), strings.Contains(base, "text"), strings.Contains(base, "clob"), base == "citext":
		if strings.Contains(base, "text") || strings.Contains(base, "clob") {
			size = 0
		}
		return famText, size
	case strings.HasPrefix(base, "timestamp"), strings.HasPrefix(base, "datetime"):
		return famTime, 0
	case base == "date":
		return famDate, 0
	case strings.Contains(base, "real"), strings.Contains(base, "floa"), strings.Contains(base, "doub"),
		base == "numeric", base == "decimal":
		return famFloat, 0
	case strings.Contains(base, "blob"), base == "bytea", strings.Contains(base, "binary"):
		return famBytes, 0
	}
	return famOther, 0
}

// holds reports whether a live column of type typ holds every value of a
// field of kind k and maximum length size, and when not, whether the only
// problem is a character column too short (widening is safe).
func holds(typ string, k dialect.Kind, size int) (ok, tooShort bool) {
	fam, n := family(typ)
	switch fam {
	case famAny:
		return true, false
	case famInt:
		return k == dialect.Int || k == dialect.Bool, false
	case famBool:
		return k == dialect.Bool, false
	case famFloat:
		return k == dialect.Float || (k == dialect.Int && !strings.Contains(typ, "real") && !strings.Contains(typ, "doub") && !strings.Contains(typ, "floa")), false
	case famText:
		if k != dialect.String && k != dialect.Text {
			return false, false
		}
		if n > 0 && size > n {
			return false, true
		}
		return true, false
	case famTime:
		return k == dialect.Time, false
	case famBytes:
		return k == dialect.Bytes, false
	}
	return false, false
}
