package postgresdb

import (
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/tina4stack/tina4-go/tina4/orm/engine"
)

// Classify reads a pgx error by its SQLSTATE: integrity constraint
// violations (class 23), data exceptions (class 22), a connection exception
// or a server shutting down or starting (class 08, 57P01-57P03), a
// serialization failure or deadlock (40001, 40P01); a connection that could
// not be opened is Unavailable.
func Classify(err error) engine.Fault {
	var pe *pgconn.PgError
	isPg := errors.As(err, &pe)
	connect := errors.As(err, new(*pgconn.ConnectError))
	if !isPg && !connect {
		return engine.Fault{}
	}
	f := engine.Fault{Class: engine.Other, ConnectFailed: connect}
	if !isPg {
		f.Class = engine.Unavailable
		return f
	}
	code := pe.Code
	switch {
	case strings.HasPrefix(code, "23"): // integrity constraint violation
		f.Class, f.Constraint = engine.Constraint, constraintOf(code)
	case strings.HasPrefix(code, "08"), code == "57P01", code == "57P02", code == "57P03":
		f.Class = engine.Unavailable
	default:
		if p := valueProblem(code); p != "" {
			f.Class, f.Problem = engine.Value, p
		}
	}
	// No connection was made under a ConnectError: a retry would wait as
	// long again.
	f.BrokenConn = !connect && (code == "57P01" || code == "57P02" || strings.HasPrefix(code, "08"))
	f.Retryable = code == "40001" || code == "40P01"
	return f
}

// constraintOf names the constraint of a class 23 SQLSTATE.
func constraintOf(code string) string {
	switch code {
	case "23505":
		return engine.ConstraintUnique
	case "23503":
		return engine.ConstraintForeignKey
	case "23502":
		return engine.ConstraintNotNull
	case "23514":
		return engine.ConstraintCheck
	}
	return engine.ConstraintOther
}

// valueProblem names the problem of a data exception (SQLSTATE class 22),
// or "" for another error.
func valueProblem(code string) string {
	switch {
	case code == "22021" || code == "22P05":
		return engine.ProblemEncoding
	case code == "22001":
		return engine.ProblemTooLong
	case code == "22003":
		return engine.ProblemRange
	case code == "22007" || code == "22008":
		return engine.ProblemTime
	case len(code) == 5 && code[:2] == "22":
		return engine.ProblemOther
	}
	return ""
}
