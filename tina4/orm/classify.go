package orm

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"syscall"

	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/orm/engine"
)

// The drivers' errors are read by the engines that imported them (see
// package engine); what is left here is driver-neutral.

// classifyDriverError gives a kind to the errors of every driver: constraint
// violations become *ConstraintError (Conflict), values the database
// refused *ValueError (Invalid); a server that cannot be reached, a
// connection that broke or timed out while connecting, a server shutting
// down and a busy database become Unavailable (503). Other errors are
// returned as they are.
func classifyDriverError(err error) error {
	if err == nil {
		return nil
	}
	f := fault(err)
	switch f.Class {
	case engine.Constraint:
		return &ConstraintError{Constraint: f.Constraint, Err: err}
	case engine.Value:
		return &ValueError{Problem: f.Problem, Err: err}
	case engine.Unavailable:
		return errkind.Wrap(errkind.Unavailable, err)
	}
	return err
}

// fault reads err: through the registered engines first, then as an error
// of the network or of database/sql.
func fault(err error) engine.Fault {
	if f := engine.Classify(err); f.Class != engine.Unknown {
		return f
	}
	// A connection that broke mid-conversation: the drivers pass on io's
	// EOF errors as they are.
	if errors.Is(err, driver.ErrBadConn) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
		return engine.Fault{Class: engine.Unavailable, BrokenConn: true}
	}
	if errors.Is(err, syscall.ECONNREFUSED) {
		return engine.Fault{Class: engine.Unavailable}
	}
	var ne net.Error
	if errors.As(err, &ne) && !errors.Is(err, context.Canceled) {
		return engine.Fault{Class: engine.Unavailable}
	}
	return engine.Fault{}
}

// isBrokenConn reports whether err says the connection broke under the
// statement, before or while it ran: the server ended the session
// (PostgreSQL's admin or crash shutdown, connection exceptions), or the
// socket was closed or reset. A read that failed so may run again on
// another connection (see retryRead).
func isBrokenConn(err error) bool { return fault(err).BrokenConn }

// isRetryable reports whether err aborted a transaction that running it
// again normally gets through: a serialization failure or a deadlock
// (PostgreSQL 40001, 40P01; MySQL/MariaDB 1213) or a lock wait timeout
// (MySQL/MariaDB 1205). See RetryPolicy.
func isRetryable(err error) bool { return fault(err).Retryable }

// connectFailed reports whether err came from opening a connection: the
// server refused the login or has no such database (PostgreSQL's
// ConnectError, whatever its code; MySQL's 1044, 1045, 1049). A read
// replica answering so cannot serve reads.
func connectFailed(err error) bool { return fault(err).ConnectFailed }
