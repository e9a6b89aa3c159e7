package mysqldb

import (
	"errors"

	"github.com/go-sql-driver/mysql"

	"github.com/tina4stack/tina4-go/tina4/orm/engine"
)

// Classify reads a go-sql-driver/mysql error by its number: duplicate
// entries, foreign keys, NOT NULL and CHECK violations, refused values,
// deadlocks and lock wait timeouts, refused logins; a connection the driver
// found broken is Unavailable.
func Classify(err error) engine.Fault {
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		f := engine.Fault{Class: engine.Other}
		if c := constraintOf(me.Number); c != "" {
			f.Class, f.Constraint = engine.Constraint, c
		} else if p := valueProblem(me.Number); p != "" {
			f.Class, f.Problem = engine.Value, p
		}
		f.Retryable = me.Number == 1213 || me.Number == 1205 // deadlock, lock wait timeout
		f.ConnectFailed = me.Number == 1044 || me.Number == 1045 || me.Number == 1049
		return f
	}
	if errors.Is(err, mysql.ErrInvalidConn) {
		return engine.Fault{Class: engine.Unavailable, BrokenConn: true}
	}
	return engine.Fault{}
}

// constraintOf names the constraint an error number reports, or "".
func constraintOf(number uint16) string {
	switch number {
	case 1062, 1169: // duplicate entry
		return engine.ConstraintUnique
	case 1451, 1452, 1216, 1217: // foreign key
		return engine.ConstraintForeignKey
	case 1048, 1364: // cannot be null, no default
		return engine.ConstraintNotNull
	case 3819, 4025: // check
		return engine.ConstraintCheck
	}
	return ""
}

// valueProblem names the problem of a data error, or "".
func valueProblem(number uint16) string {
	switch number {
	case 1366, 1300: // incorrect string value, invalid character string
		return engine.ProblemEncoding
	case 1406: // data too long
		return engine.ProblemTooLong
	case 1264, 1690: // out of range
		return engine.ProblemRange
	case 1292, 1367: // incorrect datetime value
		return engine.ProblemTime
	case 1265: // data truncated
		return engine.ProblemOther
	}
	return ""
}
