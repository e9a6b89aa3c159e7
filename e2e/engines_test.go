package e2e

// The example app is served from a SQLite file.
import _ "github.com/tina4stack/tina4-go/tina4/orm/sqlitedb"
