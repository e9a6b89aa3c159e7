package orm

import (
	"context"
	"fmt"
	"time"
)

// Transaction runs fn inside a transaction on the database of ctx. The
// context passed to fn carries the transaction: every ORM call made with it
// joins the transaction. It commits when fn returns nil and rolls back when
// fn returns an error or panics (the panic then continues). A Transaction
// inside another joins the outer one.
//
// When the database aborts the transaction for a serialization failure or a
// deadlock, Transaction rolls it back and runs fn again, from the start, in
// a new transaction, a bounded number of times with a jittered pause (see
// RetryPolicy and WithRetry; an inner Transaction leaves retrying to the
// outer one). fn must therefore be safe to run more than once: database
// work through the context it is given, no other effects that cannot be
// repeated.
//
// On SQLite the transaction starts with BEGIN IMMEDIATE on the single writer
// connection, so concurrent writers queue instead of failing with
// "database is locked". Inside fn, use the context fn was given: a call made
// with an outer context waits for the writer that fn holds.
func Transaction(ctx context.Context, fn func(ctx context.Context) error) error {
	if InTransaction(ctx) {
		return fn(ctx)
	}
	s, err := sessionFor(ctx)
	if err != nil {
		return err
	}
	return s.db.Transaction(ctx, fn)
}

// Transaction runs fn inside a transaction on db; see the package function.
func (db *DB) Transaction(ctx context.Context, fn func(ctx context.Context) error) error {
	if ts, ok := ctx.Value(txKey).(*txState); ok && ts.db == db {
		return fn(ctx)
	}
	if s, _ := sessionFor(ctx); s.db == db {
		s.wrote() // the reads after it go to the primary, which has its writes
	}
	return db.withRetries(ctx, func() error { return db.transactionOnce(ctx, fn) })
}

// transactionOnce runs fn inside one transaction.
func (db *DB) transactionOnce(ctx context.Context, fn func(ctx context.Context) error) (err error) {
	if db.begin == nil {
		return fmt.Errorf("orm: begin: this handle cannot start transactions")
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("orm: begin: %w", db.classify(err))
	}
	db.log(ctx, "BEGIN", 0, time.Now(), nil)
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			if rbErr := tx.Rollback(); rbErr != nil {
				err = fmt.Errorf("%w (rollback: %v)", err, rbErr)
			}
			db.log(ctx, "ROLLBACK", 0, time.Now(), nil)
			return
		}
		if cErr := tx.Commit(); cErr != nil {
			err = fmt.Errorf("orm: commit: %w", db.classify(cErr))
			return
		}
		db.log(ctx, "COMMIT", 0, time.Now(), nil)
		db.txStmts.prepareMissedLater()
	}()
	return fn(context.WithValue(ctx, txKey, &txState{db: db, tx: tx}))
}
