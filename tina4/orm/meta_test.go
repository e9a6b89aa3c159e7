package orm_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

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
			defer func() {
				msg := fmt.Sprint(recover())
				for _, w := range tt.want {
					if !strings.Contains(msg, w) {
						t.Fatalf("panic %q does not mention %q", msg, w)
					}
				}
			}()
			tt.register()
			t.Fatal("no panic")
		})
	}
}

func TestRegisterListsModels(t *testing.T) {
	m := orm.Register[Note]()
	if orm.Register[Note]() != m {
		t.Fatal("registering twice made a second model")
	}
	found := false
	for _, x := range orm.Models() {
		found = found || x == m
	}
	if !found {
		t.Fatal("Models() does not list a registered model")
	}
	if m.PK.Column != "id" || !m.PK.AutoIncrement || m.Field("title") == nil || m.Field("Title") == nil {
		t.Fatalf("metadata: pk %+v", m.PK)
	}
}

type Contact struct{ ID int64 }
type Category struct{ ID int64 }
type HTTPServerLog struct{ ID int64 }

func TestTableNames(t *testing.T) {
	t.Run("lower-case type name", func(t *testing.T) {
		m, _ := orm.ModelOf[Contact]()
		if m.Table() != "contact" {
			t.Fatalf("table = %q", m.Table())
		}
	})
	t.Run("snake case", func(t *testing.T) {
		m, _ := orm.ModelOf[HTTPServerLog]()
		if m.Table() != "http_server_log" {
			t.Fatalf("table = %q", m.Table())
		}
	})
	t.Run("plural when ORM_PLURAL_TABLE_NAMES=true", func(t *testing.T) {
		t.Setenv("ORM_PLURAL_TABLE_NAMES", "true")
		m, _ := orm.ModelOf[Category]()
		if m.Table() != "categories" {
			t.Fatalf("table = %q", m.Table())
		}
	})
	t.Run("TableName method", func(t *testing.T) {
		m, _ := orm.ModelOf[Account]()
		if m.Table() != "user_accounts" {
			t.Fatalf("table = %q", m.Table())
		}
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
			if got := orm.SnakeToCamel(tt.snake); got != tt.camel {
				t.Fatalf("SnakeToCamel(%q) = %q", tt.snake, got)
			}
			if got := orm.CamelToSnake(tt.camel); got != tt.snake {
				t.Fatalf("CamelToSnake(%q) = %q", tt.camel, got)
			}
		})
	}
	if got := orm.CamelToSnake("UserID"); got != "user_id" {
		t.Fatalf("CamelToSnake(UserID) = %q", got)
	}
	if got := orm.Plural("person"); got != "people" {
		t.Fatalf("Plural(person) = %q", got)
	}
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
			must(t, err)
			got, err := m.CreateTableSQL(dialect.SQLite{})
			must(t, err)
			if strings.Join(got, ";\n") != strings.Join(tt.want, ";\n") {
				t.Fatalf("got:\n%s\nwant:\n%s", strings.Join(got, ";\n"), strings.Join(tt.want, ";\n"))
			}
		})
	}
}
