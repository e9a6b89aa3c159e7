package bench

// The targets run on SQLite and PostgreSQL through orm.Open (and MySQL for
// completeness), so the suite links their engines.
import (
	_ "github.com/tina4stack/tina4-go/tina4/orm/mysqldb"
	_ "github.com/tina4stack/tina4-go/tina4/orm/postgresdb"
	_ "github.com/tina4stack/tina4-go/tina4/orm/sqlitedb"
)
