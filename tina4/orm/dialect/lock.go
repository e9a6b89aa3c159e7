package dialect

// RowLocker is implemented by the dialects with feature.SelectForUpdate:
// engines that lock the rows a SELECT reads until the end of the
// transaction when the SELECT ends with the clause LockRows returns. SQLite
// has none: its write transaction already holds the whole database.
type RowLocker interface {
	// LockRows returns the clause appended to a SELECT: " FOR UPDATE".
	LockRows() string
}

// LockRows returns " FOR UPDATE".
func (Postgres) LockRows() string { return " FOR UPDATE" }

// LockRows returns " FOR UPDATE".
func (MySQL) LockRows() string { return " FOR UPDATE" }

var _, _ RowLocker = Postgres{}, MySQL{}
