package orm

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	"github.com/mattn/go-sqlite3"

	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// The drivers are imported here, and only here.

// sqliteDriver is mattn/go-sqlite3 with unicode_lower(text) registered on
// every connection, for case-insensitive matching beyond ASCII.
const (
	sqliteDriver = "tina4_sqlite3"
	pgxDriver    = "pgx"
)

func init() {
	sql.Register(sqliteDriver, &sqlite3.SQLiteDriver{
		ConnectHook: func(c *sqlite3.SQLiteConn) error {
			return c.RegisterFunc("unicode_lower", unicodeLower, true)
		},
	})
}

func pgConstraint(code string) string {
	switch code {
	case "23505":
		return "unique"
	case "23503":
		return "foreign key"
	case "23502":
		return "not null"
	case "23514":
		return "check"
	}
	return "constraint"
}

// unicodeLower is SQL's LOWER folding beyond ASCII; NULL stays NULL.
func unicodeLower(v any) any {
	switch s := v.(type) {
	case string:
		return dialect.FoldCase(s)
	case []byte:
		return dialect.FoldCase(string(s))
	}
	return v
}

// isBrokenConn reports whether err says the connection broke under the
// statement, before or while it ran: the server ended the session
// (PostgreSQL's admin or crash shutdown, connection exceptions), or the
// socket was closed or reset. A read that failed so may run again on
// another connection (see retryRead).
func isBrokenConn(err error) bool {
	if errors.As(err, new(*pgconn.ConnectError)) {
		return false // no connection was made: a retry would wait as long again
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "57P01" || pe.Code == "57P02" || strings.HasPrefix(pe.Code, "08")
	}
	if errors.As(err, new(*mysql.MySQLError)) || errors.As(err, new(sqlite3.Error)) {
		return false
	}
	return errors.Is(err, driver.ErrBadConn) || errors.Is(err, mysql.ErrInvalidConn) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

// classifyDriverError gives a kind to the errors of every driver: constraint
// violations become *ConstraintError (Conflict); a server that cannot be
// reached, a connection that broke or timed out while connecting, a server
// shutting down and a busy database become Unavailable (503). Other errors
// are returned as they are.
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
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case strings.HasPrefix(pe.Code, "23"): // integrity constraint violation
			return &ConstraintError{Constraint: pgConstraint(pe.Code), Err: err}
		case strings.HasPrefix(pe.Code, "08"), pe.Code == "57P01", pe.Code == "57P02", pe.Code == "57P03":
			return errkind.Wrap(errkind.Unavailable, err)
		}
		if p := pgValueProblem(pe.Code); p != "" {
			return &ValueError{Problem: p, Err: err}
		}
		return err
	}
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		switch me.Number {
		case 1062, 1169: // duplicate entry
			return &ConstraintError{Constraint: "unique", Err: err}
		case 1451, 1452, 1216, 1217: // foreign key
			return &ConstraintError{Constraint: "foreign key", Err: err}
		case 1048, 1364: // cannot be null, no default
			return &ConstraintError{Constraint: "not null", Err: err}
		case 3819, 4025: // check
			return &ConstraintError{Constraint: "check", Err: err}
		}
		if p := mysqlValueProblem(me.Number); p != "" {
			return &ValueError{Problem: p, Err: err}
		}
		return err
	}
	if errors.Is(err, mysql.ErrInvalidConn) {
		return errkind.Wrap(errkind.Unavailable, err)
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return errkind.Wrap(errkind.Unavailable, err)
	}
	// A connection that broke mid-conversation: the drivers pass on io's
	// EOF errors as they are.
	if errors.Is(err, driver.ErrBadConn) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
		return errkind.Wrap(errkind.Unavailable, err)
	}
	var ne net.Error
	if errors.As(err, &ne) && !errors.Is(err, context.Canceled) {
		return errkind.Wrap(errkind.Unavailable, err)
	}
	return err
}

// isRetryable reports whether err aborted a transaction that running it
// again normally gets through: a serialization failure or a deadlock
// (PostgreSQL 40001, 40P01; MySQL/MariaDB 1213) or a lock wait timeout
// (MySQL/MariaDB 1205). See RetryPolicy.
func isRetryable(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "40001" || pe.Code == "40P01"
	}
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		return me.Number == 1213 || me.Number == 1205
	}
	return false
}

// connectFailed reports whether err came from opening a connection: the
// server refused the login or has no such database (PostgreSQL's
// ConnectError, whatever its code; MySQL's 1044, 1045, 1049). A read
// replica answering so cannot serve reads.
func connectFailed(err error) bool {
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return true
	}
	var me *mysql.MySQLError
	return errors.As(err, &me) && (me.Number == 1044 || me.Number == 1045 || me.Number == 1049)
}
