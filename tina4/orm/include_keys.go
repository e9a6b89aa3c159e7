package orm

import (
	"encoding/json"
	"math"
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
// On PostgreSQL up to pgListKeys integer keys that fit an int4 are an IN
// list of parameters instead (see pgKeyList).
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
	case ints != nil && d.Name() == "postgres" && kind == dialect.Int && len(ints) <= pgListKeys && fitInt32(ints):
		return []keyBatch{pgKeyList(keys)}
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

// pgListKeys is the most integer keys PostgreSQL gets as an IN list of
// parameters; more go as one array (the semi join above), which needs no
// planning per run.
const pgListKeys = 128

// pgKeyList is the IN list of keys for PostgreSQL, its length rounded up to
// a power of two (at least 8, at most pgListKeys) by repeating the last key,
// so that a relation has a handful of statement shapes for the statement
// cache rather than one per number of parents. With a hundred keys over a
// thousand rows, the planner hashes such a list (a custom plan, whose
// parameters are constants) and the level took 0.83-0.93 of the unnested
// array's time (two runs of BenchmarkORM/postgres/Eager100x10, six
// alternating rounds each).
func pgKeyList(keys []any) keyBatch {
	n := 8
	for n < len(keys) {
		n *= 2
	}
	args := make([]any, n)
	copy(args, keys)
	for i := len(keys); i < n; i++ {
		args[i] = keys[len(keys)-1]
	}
	return keyBatch{" IN (?" + strings.Repeat(", ?", n-1) + ")", args}
}

// fitInt32 reports whether every key fits an int4, the narrowest integer
// column PostgreSQL infers the list's parameters to be (a wider key there
// would fail to bind instead of matching nothing).
func fitInt32(keys []int64) bool {
	for _, k := range keys {
		if k < math.MinInt32 || k > math.MaxInt32 {
			return false
		}
	}
	return true
}
