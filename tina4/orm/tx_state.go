package orm

import "context"

// InTransaction reports whether ctx carries a transaction (it is the ctx a
// Transaction passes to its function): a Transaction started with it then
// joins that one, so an error its function returns does not roll anything
// back by itself.
func InTransaction(ctx context.Context) bool {
	_, ok := ctx.Value(txKey).(*txState)
	return ok
}
