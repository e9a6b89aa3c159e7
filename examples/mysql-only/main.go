// Command mysql-only is a Tina4 app on MySQL or MariaDB alone: it imports the
// mysqldb engine and no other, so it links no cgo driver and builds with
// CGO_ENABLED=0, the usual static container build:
//
//	CGO_ENABLED=0 go build ./examples/mysql-only
//	DATABASE_URL=mysql://root@127.0.0.1:3306/app ./mysql-only
//
// .ci/run builds it so and checks that go-sqlite3 is not in the binary.
package main

import (
	_ "github.com/tina4stack/tina4-go/app/src/orm"    // the example app's models
	_ "github.com/tina4stack/tina4-go/app/src/routes" // and routes

	"github.com/tina4stack/tina4-go/tina4"
	_ "github.com/tina4stack/tina4-go/tina4/orm/mysqldb"
)

func main() { tina4.Run() }
