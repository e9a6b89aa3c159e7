// Command postgres-only is a Tina4 app on PostgreSQL alone: it imports the
// postgresdb engine and no other, so it links no cgo driver and builds with
// CGO_ENABLED=0, the usual static container build:
//
//	CGO_ENABLED=0 go build ./examples/postgres-only
//	DATABASE_URL=postgres://postgres@127.0.0.1:5432/app ./postgres-only
//
// .ci/run builds it so and checks that go-sqlite3 is not in the binary.
package main

import (
	_ "github.com/tina4stack/tina4-go/app/src/orm"    // the example app's models
	_ "github.com/tina4stack/tina4-go/app/src/routes" // and routes

	"github.com/tina4stack/tina4-go/tina4"
	_ "github.com/tina4stack/tina4-go/tina4/orm/postgresdb"
)

func main() { tina4.Run() }
