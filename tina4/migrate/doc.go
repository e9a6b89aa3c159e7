// Package migrate applies versioned SQL migrations and keeps the schema in
// step with the models.
//
// Migrations are NUMBER_description.sql files with an optional .down.sql
// (Load, Migrator.Up, Migrator.Rollback, Migrator.Status), recorded in the
// tracking table tina4_migration, each run holding a server-wide lock.
//
// Drift: Inspect reads a database's live schema (SQLite pragmas,
// PostgreSQL's pg_catalog, MySQL's information_schema), Diff compares it
// with the tables the registered models need (orm.Schema) and returns a
// Plan: each difference with its safety class (Additive, Manual,
// Destructive, Unsupported) and the statements, in the engine's dialect,
// that resolve it and undo it (on SQLite, a table rebuild where ALTER TABLE
// cannot make a change and the rebuild is safe). Start runs at an app's start-up: missing
// tables, pending migrations, then the comparison, applying additive
// changes when asked and refusing (DriftError) otherwise. The commands
// migrate:diff and migrate:create --from-models print the plan and write it
// as a migration (Command).
package migrate
