package orm_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

type noKey struct{ Name string }
type badType struct {
	ID int64
	Ch chan int
}
type badAutoNow struct {
	ID      int64
	Created string `db:"created,auto_now_add"`
}
type badSoftDelete struct {
	ID        int64
	DeletedAt time.Time `db:"deleted_at,soft_delete"`
}
type badSetNull struct {
	ID       int64
	AuthorID int64 `db:"author_id" references:"authors.id" on_delete:"set null"`
}
type badDefault struct {
	ID    int64
	Count int `default:"many"`
}
type badOption struct {
	ID   int64
	Name string `db:"name,primary"`
}
type dupColumn struct {
	ID int64
	A  string `db:"x"`
	B  string `db:"x"`
}
type badRegex struct {
	ID   int64
	Code string `regex:"([a-z"`
}

func TestRegisterPanicsOnMalformedModels(t *testing.T) {
	tests := []struct {
		name     string
		register func()
		want     []string
	}{
		{"no primary key", func() { orm.Register[noKey]() }, []string{"noKey", "no primary key"}},
		{"unsupported type", func() { orm.Register[badType]() }, []string{"badType", "Ch", "unsupported type chan int"}},
		{"auto_now on a string", func() { orm.Register[badAutoNow]() }, []string{"badAutoNow", "Created", "time.Time"}},
		{"soft delete not nullable", func() { orm.Register[badSoftDelete]() }, []string{"badSoftDelete", "DeletedAt", "nullable"}},
		{"set null on a non-null key", func() { orm.Register[badSetNull]() }, []string{"badSetNull", "AuthorID", "SET NULL"}},
		{"bad default", func() { orm.Register[badDefault]() }, []string{"badDefault", "Count", `"many"`}},
		{"unknown option", func() { orm.Register[badOption]() }, []string{"badOption", "Name", `"primary"`}},
		{"duplicate column", func() { orm.Register[dupColumn]() }, []string{"dupColumn", "B", `"x"`}},
		{"bad regex", func() { orm.Register[badRegex]() }, []string{"badRegex", "Code", "regex"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p any
			func() {
				defer func() { p = recover() }()
				tt.register()
			}()
			require.NotNil(t, p, "no panic")
			msg := fmt.Sprint(p)
			for _, w := range tt.want {
				require.Contains(t, msg, w, "panic %q does not mention %q", msg, w)
			}
		})
	}
}

func TestRegisterListsModels(t *testing.T) {
	m := orm.Register[Note]()
	require.Same(t, m, orm.Register[Note](), "registering twice made a second model")
	require.Contains(t, orm.Models(), m, "Models() does not list a registered model")
	require.True(t, m.PK.Column == "id" && m.PK.AutoIncrement && m.Field("title") != nil && m.Field("Title") != nil,
		"metadata: pk %+v", m.PK)
}

type Contact struct{ ID int64 }
type HTTPServerLog struct{ ID int64 }

func TestTableNames(t *testing.T) {
	t.Run("lower-case type name", func(t *testing.T) {
		m, _ := orm.ModelOf[Contact]()
		require.Equal(t, "contact", m.Table())
	})
	t.Run("snake case", func(t *testing.T) {
		m, _ := orm.ModelOf[HTTPServerLog]()
		require.Equal(t, "http_server_log", m.Table())
	})
	t.Run("TableName method", func(t *testing.T) {
		m, _ := orm.ModelOf[Account]()
		require.Equal(t, "user_accounts", m.Table())
	})
}

func TestCaseConversion(t *testing.T) {
	tests := []struct{ snake, camel string }{
		{"first_name", "firstName"},
		{"id", "id"},
		{"email_address", "emailAddress"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.snake, func(t *testing.T) {
			require.Equal(t, tt.camel, orm.SnakeToCamel(tt.snake), "SnakeToCamel(%q)", tt.snake)
			require.Equal(t, tt.snake, orm.CamelToSnake(tt.camel), "CamelToSnake(%q)", tt.camel)
		})
	}
	require.Equal(t, "user_id", orm.CamelToSnake("UserID"))
	require.Equal(t, "people", orm.Plural("person"))
}

func TestCreateTableSQL(t *testing.T) {
	tests := []struct {
		name string
		m    func() (*orm.Model, error)
		want []string
	}{
		{"note", orm.ModelOf[Note], []string{`CREATE TABLE IF NOT EXISTS "notes" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "title" VARCHAR(200) NOT NULL,
  "content" TEXT NOT NULL DEFAULT '',
  "category" TEXT NOT NULL DEFAULT 'general',
  "pinned" BOOLEAN NOT NULL,
  "views" INTEGER NOT NULL,
  "created_at" DATETIME NOT NULL,
  "updated_at" DATETIME NOT NULL
)`}},
		{"foreign keys and nullable columns", orm.ModelOf[Profile], []string{`CREATE TABLE IF NOT EXISTS "profile" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "author_id" INTEGER,
  "bio" TEXT NOT NULL,
  FOREIGN KEY ("author_id") REFERENCES "authors" ("id") ON DELETE SET NULL ON UPDATE RESTRICT
)`, `CREATE INDEX IF NOT EXISTS "idx_profile_author_id" ON "profile" ("author_id")`}},
		{"reserved words", orm.ModelOf[Order], []string{`CREATE TABLE IF NOT EXISTS "order" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "select" TEXT NOT NULL,
  "group" TEXT
)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := tt.m()
			require.NoError(t, err)
			got, err := orm.CreateTableSQL(m, dialect.SQLite{})
			require.NoError(t, err)
			require.Equal(t, strings.Join(tt.want, ";\n"), strings.Join(got, ";\n"))
		})
	}
}
