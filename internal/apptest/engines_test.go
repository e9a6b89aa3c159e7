package apptest_test

// The tests serve their apps from SQLite files.
import _ "github.com/tina4stack/tina4-go/tina4/orm/sqlitedb"
