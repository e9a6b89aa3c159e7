package migrate

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// Live is the schema of a database as its catalog describes it: the tables
// of the current schema (PostgreSQL), database (MySQL) or file (SQLite).
type Live struct {
	// Tables are keyed by lower-case name.
	Tables map[string]*LiveTable
}

// LiveTable is one table of a Live schema.
type LiveTable struct {
	Name        string
	Columns     []LiveColumn
	Indexes     []LiveIndex
	ForeignKeys []LiveForeignKey
	// SQL is the table's CREATE TABLE statement and Attached the CREATE
	// statements of its own indexes and triggers, as SQLite stores them
	// (SQLite only: a table rebuild needs them).
	SQL      string
	Attached []string
}

// LiveColumn is one column: its declared type as the catalog writes it
// (lower case, "character varying(50)", "bigint(20)", "text"), whether it is
// NOT NULL, and whether the database fills it by itself (a DEFAULT, an
// auto-increment or identity, a generated column, an integer primary key).
type LiveColumn struct {
	Name       string
	Type       string
	NotNull    bool
	HasDefault bool
}

// LiveIndex is an index (or a unique or primary-key constraint) and its
// columns in order.
type LiveIndex struct {
	Name    string
	Columns []string
	Unique  bool
}

// LiveForeignKey is one column of a foreign key.
type LiveForeignKey struct {
	Name, Column, RefTable, RefColumn string
}

// Table returns the table named name (any case), or nil.
func (l *Live) Table(name string) *LiveTable { return l.Tables[strings.ToLower(name)] }

// Column returns the column named name (any case), or nil.
func (t *LiveTable) Column(name string) *LiveColumn {
	for i := range t.Columns {
		if strings.EqualFold(t.Columns[i].Name, name) {
			return &t.Columns[i]
		}
	}
	return nil
}

// Inspect reads the live schema of the database of ctx (orm.WithDB), whose
// dialect is engine ("sqlite", "postgres" or "mysql").
func Inspect(ctx context.Context, engine string) (*Live, error) {
	l := &Live{Tables: map[string]*LiveTable{}}
	var err error
	switch engine {
	case "postgres":
		err = inspectPostgres(ctx, l)
	case "mysql":
		err = inspectMySQL(ctx, l)
	case "sqlite":
		err = inspectSQLite(ctx, l)
	default:
		err = fmt.Errorf("engine %q is not supported", engine)
	}
	if err != nil {
		return nil, fmt.Errorf("migrate: inspect schema: %w", err)
	}
	return l, nil
}

// add records a table, or returns the one recorded.
func (l *Live) add(name string) *LiveTable {
	key := strings.ToLower(name)
	if t, ok := l.Tables[key]; ok {
		return t
	}
	t := &LiveTable{Name: name}
	l.Tables[key] = t
	return t
}

// each runs query and calls scan for every row, passing the row's values
// as strings (NULL as "") to fn.
func each(ctx context.Context, query string, args []any, ncol int, fn func(v []string) error) error {
	rows, err := orm.QueryRows(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	vals := make([]sql.NullString, ncol)
	ptrs := make([]any, ncol)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		out := make([]string, ncol)
		for i, v := range vals {
			out[i] = v.String
		}
		if err := fn(out); err != nil {
			return err
		}
	}
	return rows.Err()
}

// indexOf returns the index named name of t, added if missing.
func (t *LiveTable) indexOf(name string, unique bool) *LiveIndex {
	for i := range t.Indexes {
		if t.Indexes[i].Name == name {
			return &t.Indexes[i]
		}
	}
	t.Indexes = append(t.Indexes, LiveIndex{Name: name, Unique: unique})
	return &t.Indexes[len(t.Indexes)-1]
}
