// Command tina4-go is the example app of the Tina4 ORM chapter: notes and
// tasks served by AutoCrud, products with validation, and a blog of
// authors, posts and comments. "go run ." serves it on port 7145; "go run .
// help" lists the commands it also takes (migrate, ...).
package main

import (
	_ "github.com/tina4stack/tina4-go/app/src/orm"
	_ "github.com/tina4stack/tina4-go/app/src/routes"

	"github.com/tina4stack/tina4-go/tina4"

	// The database engines DATABASE_URL may name, so that switching is one
	// line of .env. Keep only those you use: without sqlitedb (cgo) the app
	// builds with CGO_ENABLED=0.
	_ "github.com/tina4stack/tina4-go/tina4/orm/mysqldb"
	_ "github.com/tina4stack/tina4-go/tina4/orm/postgresdb"
	_ "github.com/tina4stack/tina4-go/tina4/orm/sqlitedb"
)

func main() { tina4.Run() }
