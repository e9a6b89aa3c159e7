package orm

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"testing"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/mattn/go-sqlite3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/errkind"
)

func TestClassifyDriverError(t *testing.T) {
	netErr := &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{}}
	tests := []struct {
		name string
		err  error
		want errkind.Kind
	}{
		{"sqlite unique", sqlite3.Error{Code: sqlite3.ErrConstraint, ExtendedCode: sqlite3.ErrConstraintUnique}, errkind.Conflict},
		{"sqlite busy", sqlite3.Error{Code: sqlite3.ErrBusy}, errkind.Unavailable},
		{"sqlite locked", sqlite3.Error{Code: sqlite3.ErrLocked}, errkind.Unavailable},
		{"sqlite other", sqlite3.Error{Code: sqlite3.ErrError}, errkind.Internal},
		{"postgres unique", &pgconn.PgError{Code: "23505"}, errkind.Conflict},
		{"postgres connection failure", &pgconn.PgError{Code: "08006"}, errkind.Unavailable},
		{"postgres admin shutdown", &pgconn.PgError{Code: "57P01"}, errkind.Unavailable},
		{"postgres starting up", &pgconn.PgError{Code: "57P03"}, errkind.Unavailable},
		{"postgres syntax", &pgconn.PgError{Code: "42601"}, errkind.Internal},
		{"postgres bad encoding", &pgconn.PgError{Code: "22021"}, errkind.Invalid},
		{"postgres too long", &pgconn.PgError{Code: "22001"}, errkind.Invalid},
		{"postgres bad number text", &pgconn.PgError{Code: "22P02"}, errkind.Invalid},
		{"mysql duplicate", &mysql.MySQLError{Number: 1062}, errkind.Conflict},
		{"mysql foreign key", &mysql.MySQLError{Number: 1452}, errkind.Conflict},
		{"mysql syntax", &mysql.MySQLError{Number: 1064}, errkind.Internal},
		{"mysql incorrect string", &mysql.MySQLError{Number: 1366}, errkind.Invalid},
		{"mysql too long", &mysql.MySQLError{Number: 1406}, errkind.Invalid},
		{"mysql invalid connection", fmt.Errorf("orm: save: %w", mysql.ErrInvalidConn), errkind.Unavailable},
		{"bad connection", driver.ErrBadConn, errkind.Unavailable},
		{"connection broke mid-answer", fmt.Errorf("orm: query: %w", io.ErrUnexpectedEOF), errkind.Unavailable},
		{"connection closed", io.EOF, errkind.Unavailable},
		{"refused", fmt.Errorf("dial: %w", syscall.ECONNREFUSED), errkind.Unavailable},
		{"reset", &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}, errkind.Unavailable},
		{"broken pipe", &net.OpError{Op: "write", Net: "tcp", Err: syscall.EPIPE}, errkind.Unavailable},
		{"net error", netErr, errkind.Unavailable},
		{"deadline", context.DeadlineExceeded, errkind.Unavailable},
		{"client went away", context.Canceled, errkind.Internal},
		{"anything else", errors.New("orm: something"), errkind.Internal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := classifyDriverError(tt.err)
			assert.Equal(t, tt.want, errkind.Of(got), "kind")
			assert.ErrorIs(t, got, tt.err, "the driver's error is lost")
		})
	}
	assert.NoError(t, classifyDriverError(nil), "nil is not nil")
}

// Each engine's constraint errors reach the caller as *ConstraintError
// naming the constraint; SQLite's by their extended codes.
func TestClassifyNamesTheConstraint(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"sqlite unique", sqlite3.Error{Code: sqlite3.ErrConstraint, ExtendedCode: sqlite3.ErrConstraintUnique}, "unique"},
		{"sqlite foreign key", sqlite3.Error{Code: sqlite3.ErrConstraint, ExtendedCode: sqlite3.ErrConstraintForeignKey}, "foreign key"},
		{"sqlite not null", sqlite3.Error{Code: sqlite3.ErrConstraint, ExtendedCode: sqlite3.ErrConstraintNotNull}, "not null"},
		{"sqlite check", sqlite3.Error{Code: sqlite3.ErrConstraint, ExtendedCode: sqlite3.ErrConstraintCheck}, "check"},
		{"postgres foreign key", &pgconn.PgError{Code: "23503"}, "foreign key"},
		{"mysql not null", &mysql.MySQLError{Number: 1048}, "not null"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ce *ConstraintError
			require.ErrorAs(t, classifyDriverError(tt.err), &ce)
			assert.Equal(t, tt.want, ce.Constraint)
		})
	}
}
