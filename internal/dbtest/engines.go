package dbtest

// The tests run on every engine.
import (
	_ "github.com/tina4stack/tina4-go/tina4/orm/mysqldb"
	_ "github.com/tina4stack/tina4-go/tina4/orm/postgresdb"
	_ "github.com/tina4stack/tina4-go/tina4/orm/sqlitedb"
)
