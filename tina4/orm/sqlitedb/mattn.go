//go:build !sqlite_purego

package sqlitedb

import (
	"database/sql"
	"errors"

	"github.com/mattn/go-sqlite3"

	"github.com/tina4stack/tina4-go/tina4/orm/engine"
)

// driverName is mattn/go-sqlite3 with unicode_lower(text) registered on
// every connection, for case-insensitive matching beyond ASCII.
const driverName = "tina4_sqlite3"

var drv = &sqlite3.SQLiteDriver{
	ConnectHook: func(c *sqlite3.SQLiteConn) error {
		return c.RegisterFunc("unicode_lower", unicodeLower, true)
	},
}

func init() { sql.Register(driverName, drv) }

// fileParams are the settings of every connection to a file.
const fileParams = "_journal_mode=WAL&_busy_timeout=5000&_foreign_keys=1&_synchronous=NORMAL&_txlock=immediate&_cslike=1"

// openMemory opens the private in-memory database name.
func openMemory(name string) (*sql.DB, error) {
	return sql.Open(driverName, "file:"+name+"?mode=memory&_foreign_keys=1&_txlock=immediate&_cslike=1")
}

// openFile opens a pool on the file at the escaped path, read-only when
// asked, whose every connection runs pragmas before its first use.
func openFile(escapedPath string, readOnly bool, pragmas []string) (*sql.DB, error) {
	dsn := "file:" + escapedPath + "?" + fileParams
	if readOnly {
		dsn += "&_query_only=1"
	}
	return sql.OpenDB(pragmaConnector{drv: drv, dsn: dsn, pragmas: pragmas}), nil
}

// Classify reads a go-sqlite3 error: constraint violations by their
// extended codes (unique and primary key, foreign key, NOT NULL, CHECK), a
// busy or locked database as Unavailable, any other as the driver's own.
func Classify(err error) engine.Fault {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return engine.Fault{}
	}
	switch se.Code {
	case sqlite3.ErrConstraint:
		return engine.Fault{Class: engine.Constraint, Constraint: constraintOf(se.ExtendedCode)}
	case sqlite3.ErrBusy, sqlite3.ErrLocked:
		return engine.Fault{Class: engine.Unavailable}
	}
	return engine.Fault{Class: engine.Other}
}

// constraintOf names the constraint of an extended SQLITE_CONSTRAINT code.
// SQLite reports a foreign key's RESTRICT action (a delete or key update
// that referencing rows block) as SQLITE_CONSTRAINT_TRIGGER, and the ORM
// creates no triggers of its own, so that code counts as a foreign key.
func constraintOf(code sqlite3.ErrNoExtended) string {
	switch code {
	case sqlite3.ErrConstraintUnique, sqlite3.ErrConstraintPrimaryKey, sqlite3.ErrConstraintRowID:
		return engine.ConstraintUnique
	case sqlite3.ErrConstraintForeignKey, sqlite3.ErrConstraintTrigger:
		return engine.ConstraintForeignKey
	case sqlite3.ErrConstraintNotNull:
		return engine.ConstraintNotNull
	case sqlite3.ErrConstraintCheck:
		return engine.ConstraintCheck
	}
	return engine.ConstraintOther
}
