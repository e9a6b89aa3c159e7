//go:build sqlite_purego

package sqlitedb

import (
	"database/sql"
	"database/sql/driver"
	"errors"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/tina4stack/tina4-go/tina4/orm/engine"
)

// Built with the tag sqlite_purego, the engine uses modernc.org/sqlite, a
// translation of SQLite to Go: no cgo, no C compiler. The connections get
// the same settings as with go-sqlite3.

// driverName is modernc.org/sqlite's registered name.
const driverName = "sqlite"

func init() {
	sqlite.MustRegisterDeterministicScalarFunction("unicode_lower", 1,
		func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			return unicodeLower(args[0]), nil
		})
}

// connParams are the settings of every connection, file or memory.
const connParams = "_foreign_keys=1&_txlock=immediate&_time_format=sqlite&_pragma=case_sensitive_like(1)"

// fileParams are the settings of every connection to a file.
const fileParams = "_journal_mode=WAL&_busy_timeout=5000&_synchronous=NORMAL&" + connParams

// openMemory opens the private in-memory database name.
func openMemory(name string) (*sql.DB, error) {
	return sql.Open(driverName, "file:"+name+"?mode=memory&"+connParams)
}

// openFile opens a pool on the file at the escaped path, read-only when
// asked, whose every connection runs pragmas before its first use.
func openFile(escapedPath string, readOnly bool, pragmas []string) (*sql.DB, error) {
	dsn := "file:" + escapedPath + "?" + fileParams
	if readOnly {
		dsn += "&_query_only=1"
	}
	probe, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, err
	}
	drv := probe.Driver()
	probe.Close()
	return sql.OpenDB(pragmaConnector{drv: drv, dsn: dsn, pragmas: pragmas}), nil
}

// Classify reads a modernc.org/sqlite error: constraint violations by their
// extended codes (unique and primary key, foreign key, NOT NULL, CHECK), a
// busy or locked database as Unavailable, any other as the driver's own.
func Classify(err error) engine.Fault {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return engine.Fault{}
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_CONSTRAINT:
		return engine.Fault{Class: engine.Constraint, Constraint: constraintOf(se.Code())}
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return engine.Fault{Class: engine.Unavailable}
	}
	return engine.Fault{Class: engine.Other}
}

// constraintOf names the constraint of an extended SQLITE_CONSTRAINT code
// (see the go-sqlite3 build for why a trigger's code counts as a foreign
// key).
func constraintOf(code int) string {
	switch code {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY, sqlite3.SQLITE_CONSTRAINT_ROWID:
		return engine.ConstraintUnique
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY, sqlite3.SQLITE_CONSTRAINT_TRIGGER:
		return engine.ConstraintForeignKey
	case sqlite3.SQLITE_CONSTRAINT_NOTNULL:
		return engine.ConstraintNotNull
	case sqlite3.SQLITE_CONSTRAINT_CHECK:
		return engine.ConstraintCheck
	}
	return engine.ConstraintOther
}
