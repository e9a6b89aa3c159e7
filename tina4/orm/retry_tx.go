package orm

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"time"
)

// RetryPolicy says how Transaction runs its function again when the
// database aborted the transaction for a serialization failure or a
// deadlock, errors that another attempt normally gets through: PostgreSQL's
// 40001 and 40P01, MySQL/MariaDB's 1213 (deadlock) and 1205 (lock wait
// timeout; the whole transaction is rolled back before the retry, so the
// statements that did succeed are not kept twice).
//
// A retried function runs more than once: it must do nothing but database
// work through the context it is given, or make its other effects (sending
// mail, appending to a slice outside) safe to repeat. The error of the last
// attempt is returned.
type RetryPolicy struct {
	// Attempts is how many times the function may run in all; 1 turns
	// retrying off. Zero or less takes DefaultRetryPolicy's.
	Attempts int
	// BaseDelay is the pause after the first failed attempt; it doubles
	// after each one, up to MaxDelay. Each pause is jittered: a random time
	// between half of it and all of it, so that the transactions that
	// collided do not collide again.
	BaseDelay, MaxDelay time.Duration
}

// DefaultRetryPolicy is the policy of a DB that WithRetry did not set: up
// to 5 attempts, pauses from 10 ms to 1 s.
var DefaultRetryPolicy = RetryPolicy{Attempts: 5, BaseDelay: 10 * time.Millisecond, MaxDelay: time.Second}

// WithRetry sets how Transaction retries aborted transactions; see
// RetryPolicy.
func WithRetry(p RetryPolicy) Option { return func(db *DB) { db.retry = p.filled() } }

// filled takes the defaults for the fields that are not set.
func (p RetryPolicy) filled() RetryPolicy {
	if p.Attempts <= 0 {
		p.Attempts = DefaultRetryPolicy.Attempts
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = DefaultRetryPolicy.BaseDelay
	}
	if p.MaxDelay < p.BaseDelay {
		p.MaxDelay = max(p.BaseDelay, DefaultRetryPolicy.MaxDelay)
	}
	return p
}

// delay is the jittered pause after failed attempt n (1-based).
func (p RetryPolicy) delay(n int) time.Duration {
	d := p.BaseDelay
	for i := 1; i < n && d < p.MaxDelay; i++ {
		d *= 2
	}
	d = min(d, p.MaxDelay)
	return d/2 + rand.N(d/2+1)
}

// withRetries runs once (one whole transaction) until it succeeds, fails
// with an error another attempt cannot help, or the attempts run out.
func (db *DB) withRetries(ctx context.Context, once func() error) error {
	p := db.retry.filled()
	for n := 1; ; n++ {
		err := once()
		if err == nil || n >= p.Attempts || !isRetryable(err) {
			return err
		}
		if db.logger != nil {
			db.logger.LogAttrs(ctx, slog.LevelInfo, "sql: transaction aborted, retrying",
				slog.Int("attempt", n), slog.String("error", err.Error()))
		}
		t := time.NewTimer(p.delay(n))
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
	}
}
