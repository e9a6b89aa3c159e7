package orm

import (
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// keyBatch is the keys of one eager-loading statement: the condition to
// append to the key column ("IN (...)", "= ANY(?)") with ? placeholders,
// and its arguments.
type keyBatch struct {
	cond string
	args []any
}

// keyBatches splits the keys of one relation level into statements. Integer
// and text keys travel as one array-like parameter, so a level is one
// statement whatever the number of parents and never nears a bound-parameter
// limit: PostgreSQL "= ANY($1)" with an array (an integer column: "IN
// (SELECT unnest($1::bigint[]))", see below), SQLite "IN (SELECT value FROM
// json_each(?))" and MySQL/MariaDB "IN (SELECT k FROM JSON_TABLE(?, ...))"
// with a JSON array (text keys there up to 255 characters, the VARCHAR of a
// text key on MySQL). Other keys are bound one by one in IN lists of at most
// inChunk. kind is the kind of the column the keys are compared with.
//
// PostgreSQL plans a statement prepared once generically after five runs,
// with the array an opaque parameter: "col = ANY($1)" then compares each row
// with every key in turn (it hashes only a constant array), which for 100
// keys over 1,000 rows took about twice as long on the server as the same
// rows read with a hash of the keys. "col IN (SELECT unnest($1))" is a semi
// join the planner hashes (or runs as index lookups of each key): the same
// rows, each once. The array's type must be written out there (unnest takes
// any array), so it is used only for an integer column, which compares with
// bigint whatever its width; other columns keep "= ANY($1)", whose array
// takes the column's own type.
func keyBatches(d dialect.Dialect, keys []any, kind dialect.Kind) []keyBatch {
	if len(keys) == 0 {
		return nil
	}
	ints, strs := make([]int64, 0, len(keys)), []string(nil)
	for _, k := range keys {
		n, ok := k.(int64)
		if !ok {
			ints = nil
			break
		}
		ints = append(ints, n)
	}
	if ints == nil {
		strs = make([]string, 0, len(keys))
		for _, k := range keys {
			s, ok := k.(string)
			if !ok {
				strs = nil
				break
			}
			strs = append(strs, s)
		}
	}
	switch {
	case ints != nil && d.Name() == "postgres" && kind == dialect.Int:
		return []keyBatch{{" IN (SELECT unnest(CAST(? AS bigint[])))", []any{ints}}}
	case ints != nil && d.Name() == "postgres":
		return []keyBatch{{" = ANY(?)", []any{ints}}}
	case strs != nil && d.Name() == "postgres":
		return []keyBatch{{" = ANY(?)", []any{strs}}}
	case (ints != nil || strs != nil) && d.Name() == "sqlite":
		return []keyBatch{{" IN (SELECT value FROM json_each(?))", []any{jsonList(ints, strs)}}}
	case ints != nil && d.Name() == "mysql":
		return []keyBatch{{" IN (SELECT " + d.Quote("k") + " FROM JSON_TABLE(?, '$[*]' COLUMNS (" + d.Quote("k") +
			" BIGINT PATH '$')) AS " + d.Quote("keys") + ")", []any{jsonList(ints, nil)}}}
	case strs != nil && d.Name() == "mysql" && fitKeys(strs):
		// An explicit COLLATE wins over the column's own collation, so the
		// comparison never fails as an "illegal mix of collations"; binary
		// is how keys compare anyway.
		return []keyBatch{{" IN (SELECT " + d.Quote("k") + " COLLATE utf8mb4_bin FROM JSON_TABLE(?, '$[*]' COLUMNS (" + d.Quote("k") +
			" VARCHAR(255) CHARACTER SET utf8mb4 PATH '$')) AS " + d.Quote("keys") + ")", []any{jsonList(nil, strs)}}}
	}
	var out []keyBatch
	for start := 0; start < len(keys); start += inChunk {
		chunk := keys[start:min(start+inChunk, len(keys))]
		out = append(out, keyBatch{" IN (?" + strings.Repeat(", ?", len(chunk)-1) + ")", chunk})
	}
	return out
}

func jsonList(ints []int64, strs []string) string {
	var b []byte
	if ints != nil {
		b, _ = json.Marshal(ints)
	} else {
		b, _ = json.Marshal(strs)
	}
	return string(b)
}

// fitKeys reports whether every text key fits the VARCHAR(255) of MySQL's
// JSON_TABLE column (a longer one would be cut and match the wrong row).
func fitKeys(keys []string) bool {
	for _, k := range keys {
		if utf8.RuneCountInString(k) > 255 {
			return false
		}
	}
	return true
}
