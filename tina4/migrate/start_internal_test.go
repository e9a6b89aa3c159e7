package migrate

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCreatedTables(t *testing.T) {
	tests := []struct {
		sql  string
		want []string
	}{
		{"CREATE TABLE notes (id INTEGER)", []string{"notes"}},
		{"create table if not exists \"Notes\"(id int)", []string{"notes"}},
		{"CREATE TEMPORARY TABLE scratch (x int)", []string{"scratch"}},
		{"CREATE UNLOGGED TABLE public.logs (x int);\nCREATE TABLE `tags` (id int)", []string{"logs", "tags"}},
		{"CREATE INDEX idx ON notes (title); INSERT INTO notes VALUES (1)", nil},
	}
	for _, tt := range tests {
		t.Run(tt.sql, func(t *testing.T) {
			assert.Equal(t, tt.want, createdTables(tt.sql))
		})
	}
}
