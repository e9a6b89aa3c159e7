// Package bench measures Tina4's ORM and AutoCrud against hand-written
// database/sql (plain, and with statements prepared once), GORM, bun and sqlx,
// on the same database files, in one run. It is its own module so that the
// peers never enter the framework's go.mod.
//
// Run it with ./run.sh (see BENCHMARKS.md at the top of the repository).
package bench
