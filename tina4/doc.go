// Package tina4 is the App: it reads the settings (.env and the
// environment), opens the database, creates the tables of the registered
// models, mounts AutoCrud for them after the app's own routes, and serves
// HTTP with request logging, timeouts, a /health endpoint and graceful
// shutdown.
//
// An app's main.go blank-imports its models and routes, whose init functions
// register them, and calls Run:
//
//	package main
//
//	import (
//		_ "myapp/app/src/orm"
//		_ "myapp/app/src/routes"
//
//		"github.com/tina4stack/tina4-go/tina4"
//	)
//
//	func main() { tina4.Run() }
//
// Run is LoadConfig, New, Serve and Close, exiting non-zero on error; tests
// and programs that want control use those directly, and serve App.Handler
// with httptest. With a command ("go run . migrate", see Commands) Run
// carries it out instead of serving; "go run . help" lists them.
package tina4
