package orm

import "context"

// A read outside a transaction that fails because its pooled connection was
// broken under the app (the server restarted, an operator ran
// pg_terminate_backend or KILL, a proxy dropped it) runs once more: the
// pool has discarded the broken connection, so the retry runs on another,
// opened fresh when need be. A read changes nothing, so running it twice is
// safe. Writes are never retried: the first attempt may have been applied,
// and the caller gets the error (503) instead. Inside a transaction nothing
// is retried either: the transaction died with its connection.

// retryRead reports whether a read that failed with err may run once more.
func (s session) retryRead(ctx context.Context, err error) bool {
	return err != nil && s.ts == nil && ctx.Err() == nil && isBrokenConn(err)
}
