package orm

// The package's tests open every engine. (The engines import package
// engine, never orm, so this is no import cycle.)
import (
	_ "github.com/tina4stack/tina4-go/tina4/orm/mysqldb"
	_ "github.com/tina4stack/tina4-go/tina4/orm/postgresdb"
	_ "github.com/tina4stack/tina4-go/tina4/orm/sqlitedb"
)
