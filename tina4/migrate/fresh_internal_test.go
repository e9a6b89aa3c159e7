package migrate

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestStatementTable(t *testing.T) {
	tests := []struct{ sql, want string }{
		{`ALTER TABLE "notes" ADD COLUMN "subtitle" TEXT`, "notes"},
		{"ALTER TABLE `Notes` MODIFY COLUMN `sub` varchar(50) NOT NULL", "notes"},
		{`CREATE UNIQUE INDEX "uq_notes_code" ON "notes" ("code")`, "notes"},
		{`CREATE INDEX IF NOT EXISTS "idx_notes_writer_id" ON "notes" ("writer_id")`, "notes"},
		{"DROP INDEX `uq_notes_code` ON `notes`", "notes"},
		{`UPDATE "notes" SET "sub" = '' WHERE "sub" IS NULL`, "notes"},
		{"\n  alter table public.notes add column x int", "notes"},
		// the steps of a SQLite rebuild
		{`CREATE TABLE "tina4_rebuild_notes" ("id" INTEGER PRIMARY KEY)`, "notes"},
		{`INSERT INTO "tina4_rebuild_notes" ("id") SELECT "id" FROM "notes"`, "notes"},
		{`DROP TABLE "notes"`, "notes"},
		{`ALTER TABLE "tina4_rebuild_notes" RENAME TO "notes"`, "notes"},
		// never left out
		{`CREATE TABLE IF NOT EXISTS "notes" ("id" INTEGER)`, ""},
		{`INSERT INTO "notes" (title) VALUES ('seed')`, ""},
		{`CREATE TRIGGER t AFTER INSERT ON notes BEGIN SELECT 1; END`, ""},
		{`DROP INDEX "uq_notes_code"`, ""},
		{`SELECT 1`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.sql, func(t *testing.T) {
			assert.Equal(t, tt.want, statementTable(tt.sql))
		})
	}
}

func TestGenerated(t *testing.T) {
	assert.True(t, generated("-- Migration: x\n"+generatedMark+" for sqlite at 2026-01-01 00:00:00 UTC:\nSELECT 1;"))
	assert.False(t, generated("-- Migration: x\nALTER TABLE notes ADD COLUMN y INT;"))
}
