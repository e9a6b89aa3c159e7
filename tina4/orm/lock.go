package orm

import (
	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
	"github.com/tina4stack/tina4-go/tina4/orm/dialect/feature"
)

// ForUpdate makes Find lock the row it reads until the end of the
// transaction of its context, so that no other transaction changes it
// between the read and the caller's write: SELECT ... FOR UPDATE on
// PostgreSQL and MySQL; on SQLite a write transaction (Transaction) already
// keeps every other writer out. Find with ForUpdate outside a transaction is
// an error matching ErrInvalid, since the lock would end with the statement.
//
//	err := orm.Transaction(ctx, func(ctx context.Context) error {
//		n, err := orm.Find[Note](ctx, id, orm.ForUpdate())
//		...
//		return orm.Update(ctx, n, "views")
//	})
func ForUpdate() QueryOption { return func(o *queryOptions) { o.forUpdate = true } }

// lockClause returns what Find appends to lock its row on d.
func lockClause(d dialect.Dialect) string {
	if l, ok := d.(dialect.RowLocker); ok && d.Features().Has(feature.SelectForUpdate) {
		return l.LockRows()
	}
	return ""
}
