package orm

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"net"
	"strings"
	"syscall"

	"github.com/mattn/go-sqlite3"

	"github.com/tina4stack/tina4-go/tina4/errkind"
)

// The drivers are imported here, and only here.

// sqliteDriver is mattn/go-sqlite3 with unicode_lower(text) registered on
// every connection, for case-insensitive matching beyond ASCII.
const sqliteDriver = "tina4_sqlite3"

func init() {
	sql.Register(sqliteDriver, &sqlite3.SQLiteDriver{
		ConnectHook: func(c *sqlite3.SQLiteConn) error {
			return c.RegisterFunc("unicode_lower", unicodeLower, true)
		},
	})
}

// unicodeLower is SQL's LOWER folding beyond ASCII; NULL stays NULL.
func unicodeLower(v any) any {
	switch s := v.(type) {
	case string:
		return strings.ToLower(s)
	case []byte:
		return strings.ToLower(string(s))
	}
	return v
}

// classifyDriverError gives a kind to the errors of every driver: constraint
// violations become *ConstraintError (Conflict), lost connections and a busy
// database become Unavailable. Other errors are returned as they are.
func classifyDriverError(err error) error {
	if err == nil {
		return nil
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrConstraint:
			return &ConstraintError{Constraint: constraintOf(se.Error()), Err: err}
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return errkind.Wrap(errkind.Unavailable, err)
		}
		return err
	}
	if errors.Is(err, driver.ErrBadConn) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) {
		return errkind.Wrap(errkind.Unavailable, err)
	}
	var ne net.Error
	if errors.As(err, &ne) && !errors.Is(err, context.Canceled) {
		return errkind.Wrap(errkind.Unavailable, err)
	}
	return err
}
