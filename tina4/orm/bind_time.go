package orm

import (
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// textTimes rewrites the time.Time and *time.Time arguments of a statement
// into the text SQLite columns hold (dialect.TimeLayout, UTC), so a time
// bound in raw SQL (Where, Select, Builder.Where, Exec, QueryRows) compares
// with stored timestamps as Filter does: the driver would otherwise bind
// "2006-01-02 15:04:05.999999999-07:00", which neither equals nor orders
// with the stored text. Other engines bind times natively and args is
// returned as it is; so is an args without times. The caller's slice is
// never changed.
func textTimes(d dialect.Dialect, args []any) []any {
	if d.Name() != "sqlite" {
		return args
	}
	var out []any
	for i, a := range args {
		var v any
		switch t := a.(type) {
		case time.Time:
			v = d.BindTime(t)
		case *time.Time:
			if t == nil {
				continue
			}
			v = d.BindTime(*t)
		default:
			continue
		}
		if out == nil {
			out = append([]any(nil), args...)
		}
		out[i] = v
	}
	if out == nil {
		return args
	}
	return out
}
