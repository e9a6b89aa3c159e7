package main

// The tool runs the commands of any app, so it links every engine.
import (
	_ "github.com/tina4stack/tina4-go/tina4/orm/mysqldb"
	_ "github.com/tina4stack/tina4-go/tina4/orm/postgresdb"
	_ "github.com/tina4stack/tina4-go/tina4/orm/sqlitedb"
)
