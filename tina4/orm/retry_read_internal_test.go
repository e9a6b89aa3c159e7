package orm

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"syscall"
	"testing"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/mattn/go-sqlite3"
	"github.com/stretchr/testify/assert"

	"github.com/tina4stack/tina4-go/tina4/errkind"
)

func TestIsBrokenConn(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"pg terminated", &pgconn.PgError{Code: "57P01"}, true},
		{"pg crash shutdown", &pgconn.PgError{Code: "57P02"}, true},
		{"pg connection failure", &pgconn.PgError{Code: "08006"}, true},
		{"pg classified", classifyDriverError(fmt.Errorf("x: %w", &pgconn.PgError{Code: "57P01"})), true},
		{"bad conn", driver.ErrBadConn, true},
		{"mysql invalid conn", mysql.ErrInvalidConn, true},
		{"unexpected EOF", fmt.Errorf("read: %w", io.ErrUnexpectedEOF), true},
		{"reset", fmt.Errorf("read: %w", syscall.ECONNRESET), true},
		{"broken pipe", syscall.EPIPE, true},
		{"pg unique", &pgconn.PgError{Code: "23505"}, false},
		{"pg cannot connect now", &pgconn.PgError{Code: "57P03"}, false},
		{"pg connect error", &pgconn.ConnectError{}, false},
		{"mysql error", &mysql.MySQLError{Number: 1062}, false},
		{"sqlite busy", sqlite3.Error{Code: sqlite3.ErrBusy}, false},
		{"canceled", context.Canceled, false},
		{"plain", errors.New("boom"), false},
		{"unavailable kind only", errkind.Wrap(errkind.Unavailable, errors.New("down")), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, isBrokenConn(tt.err))
		})
	}
}
