package sqlitedb_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm/engine"
	"github.com/tina4stack/tina4-go/tina4/orm/sqlitedb"
)

// A real SQLite file reports each kind of constraint with its own code.
func TestConstraintsOfAFile(t *testing.T) {
	h, err := sqlitedb.Open("sqlite:///"+filepath.Join(t.TempDir(), "c.db"), engine.Config{})
	require.NoError(t, err)
	t.Cleanup(func() { h.Writer.Close(); h.Reader.Close() })
	ctx := context.Background()
	for _, q := range []string{
		"CREATE TABLE shelves (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE CHECK (name <> ''))",
		"CREATE TABLE items (id INTEGER PRIMARY KEY, shelf_id INTEGER REFERENCES shelves(id) ON DELETE RESTRICT)",
		"CREATE TABLE boxes (id INTEGER PRIMARY KEY, shelf_id INTEGER REFERENCES shelves(id))",
		"INSERT INTO shelves (id, name) VALUES (1, 'a')",
		"INSERT INTO items (id, shelf_id) VALUES (1, 1)",
	} {
		_, err := h.Writer.ExecContext(ctx, q)
		require.NoError(t, err, q)
	}
	tests := []struct{ name, sql, want string }{
		{"unique", "INSERT INTO shelves (name) VALUES ('a')", engine.ConstraintUnique},
		{"primary key", "INSERT INTO shelves (id, name) VALUES (1, 'b')", engine.ConstraintUnique},
		{"not null", "INSERT INTO shelves (name) VALUES (NULL)", engine.ConstraintNotNull},
		{"check", "INSERT INTO shelves (name) VALUES ('')", engine.ConstraintCheck},
		{"foreign key", "INSERT INTO boxes (shelf_id) VALUES (99)", engine.ConstraintForeignKey},
		{"foreign key RESTRICT", "DELETE FROM shelves WHERE id = 1", engine.ConstraintForeignKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := h.Writer.ExecContext(ctx, tt.sql)
			require.Error(t, err)
			f := sqlitedb.Classify(err)
			assert.Equal(t, engine.Constraint, f.Class)
			assert.Equal(t, tt.want, f.Constraint)
		})
	}
}

func TestOpenRefusesBadURLs(t *testing.T) {
	for _, u := range []string{"sqlite:", "sqlite:///", "sqlite:///x.db?journal_mode=DELETE"} {
		_, err := sqlitedb.Open(u, engine.Config{})
		assert.Error(t, err, u)
	}
}
