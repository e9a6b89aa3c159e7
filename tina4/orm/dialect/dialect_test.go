package dialect_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

func TestRebind(t *testing.T) {
	tests := []struct{ in, want string }{
		{"SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = $1 AND b = $2"},
		{"SELECT '?', \"?\" FROM t WHERE a = ?", "SELECT '?', \"?\" FROM t WHERE a = $1"},
		{"SELECT 'it''s ?' WHERE a = ?", "SELECT 'it''s ?' WHERE a = $1"},
		{"-- a comment?\nSELECT ?", "-- a comment?\nSELECT $1"},
		{"/* ? */ SELECT ?", "/* ? */ SELECT $1"},
		{"CREATE FUNCTION f() AS $$ SELECT '?' $$; SELECT ?", "CREATE FUNCTION f() AS $$ SELECT '?' $$; SELECT $1"},
		{"SELECT $tag$ ? $tag$, ?", "SELECT $tag$ ? $tag$, $1"},
		{"SELECT data ?? 'key' FROM t WHERE id = ?", "SELECT data ? 'key' FROM t WHERE id = $1"},
		{"no placeholders", "no placeholders"},
		{"SELECT 'unterminated ?", "SELECT 'unterminated ?"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := (dialect.Postgres{}).Rebind(tt.in)
			require.Equal(t, tt.want, got)
			got = (dialect.SQLite{}).Rebind(tt.in)
			require.Equal(t, tt.in, got, "SQLite rewrote")
		})
	}
}

func FuzzRebind(f *testing.F) {
	for _, s := range []string{"SELECT ?", "'?'", "$$?$$", "--?\n?", "/*?", "$a$?"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_ = (dialect.Postgres{}).Rebind(s) // must not panic or loop
	})
}

func TestColumnDefs(t *testing.T) {
	def := "general"
	cols := []dialect.Column{
		{Name: "id", Kind: dialect.Int, PrimaryKey: true, AutoIncrement: true},
		{Name: "title", Kind: dialect.String, Size: 200, NotNull: true},
		{Name: "slug", Kind: dialect.String, NotNull: true, Unique: true},
		{Name: "category", Kind: dialect.String, NotNull: true, Default: &def},
		{Name: "body", Kind: dialect.Text},
		{Name: "price", Kind: dialect.Float, NotNull: true},
		{Name: "on", Kind: dialect.Bool, NotNull: true},
		{Name: "at", Kind: dialect.Time},
		{Name: "blob", Kind: dialect.Bytes},
	}
	want := map[string][]string{
		"sqlite": {`"id" INTEGER PRIMARY KEY AUTOINCREMENT`, `"title" VARCHAR(200) NOT NULL`, `"slug" TEXT NOT NULL UNIQUE`,
			`"category" TEXT NOT NULL DEFAULT general`, `"body" TEXT`, `"price" REAL NOT NULL`, `"on" BOOLEAN NOT NULL`, `"at" DATETIME`, `"blob" BLOB`},
		"postgres": {`"id" BIGSERIAL PRIMARY KEY`, `"title" VARCHAR(200) NOT NULL`, `"slug" TEXT NOT NULL UNIQUE`,
			`"category" TEXT NOT NULL DEFAULT general`, `"body" TEXT`, `"price" DOUBLE PRECISION NOT NULL`, `"on" BOOLEAN NOT NULL`, `"at" TIMESTAMPTZ`, `"blob" BYTEA`},
		"mysql": {"`id` BIGINT AUTO_INCREMENT PRIMARY KEY", "`title` VARCHAR(200) NOT NULL", "`slug` VARCHAR(255) NOT NULL UNIQUE",
			"`category` TEXT NOT NULL DEFAULT general", "`body` LONGTEXT", "`price` DOUBLE NOT NULL", "`on` BOOLEAN NOT NULL", "`at` DATETIME(6)", "`blob` LONGBLOB"},
	}
	for _, d := range []dialect.Dialect{dialect.SQLite{}, dialect.Postgres{}, dialect.MySQL{}} {
		t.Run(d.Name(), func(t *testing.T) {
			for i, c := range cols {
				got := d.ColumnDef(c)
				assert.Equal(t, want[d.Name()][i], got, "%s: got %s, want %s", c.Name, got, want[d.Name()][i])
			}
		})
	}
}

func TestDialectDetails(t *testing.T) {
	tests := []struct {
		d                         dialect.Dialect
		quote, limit, offsetOnly  string
		like, ilike, insertIgnore string
		index                     string
		trueLit                   string
	}{
		{dialect.SQLite{}, `"we""ird"`, " LIMIT 10 OFFSET 20", " LIMIT -1 OFFSET 5", `x LIKE ? ESCAPE '\'`, `unicode_lower(x) LIKE ? ESCAPE '\'`,
			`INSERT OR IGNORE INTO t (a, b) VALUES (?, ?)`, `CREATE INDEX IF NOT EXISTS "i" ON "t" ("c")`, "1"},
		{dialect.Postgres{}, `"we""ird"`, " LIMIT 10 OFFSET 20", " OFFSET 5", `x LIKE ? ESCAPE '\'`, `REPLACE(LOWER(x), 'ς', 'σ') LIKE ? ESCAPE '\'`,
			`INSERT INTO t (a, b) VALUES (?, ?) ON CONFLICT DO NOTHING`, `CREATE INDEX IF NOT EXISTS "i" ON "t" ("c")`, "TRUE"},
		{dialect.MySQL{}, "`we\"ird`", " LIMIT 10 OFFSET 20", " LIMIT 18446744073709551615 OFFSET 5", `x LIKE ?`, `REPLACE(LOWER(x), 'ς', 'σ') LIKE ?`,
			`INSERT INTO t (a, b) VALUES (?, ?) ON DUPLICATE KEY UPDATE a = a`, "CREATE INDEX `i` ON `t` (`c`)", "1"},
	}
	for _, tt := range tests {
		t.Run(tt.d.Name(), func(t *testing.T) {
			check := func(what, got, want string) {
				t.Helper()
				assert.Equal(t, want, got, "%s: got %q, want %q", what, got, want)
			}
			check("quote", tt.d.Quote(`we"ird`), tt.quote)
			check("limit", tt.d.Limit(10, 20), tt.limit)
			check("offset only", tt.d.Limit(0, 5), tt.offsetOnly)
			check("no limit", tt.d.Limit(0, 0), "")
			check("like", tt.d.Like("x", false, true), tt.like)
			check("ilike", tt.d.Like("x", true, true), tt.ilike)
			check("insert ignore", tt.d.InsertIgnore("t", []string{"a", "b"}), tt.insertIgnore)
			check("index", tt.d.CreateIndex("i", "t", "c"), tt.index)
			lit, err := tt.d.Literal(dialect.Bool, "true")
			require.NoError(t, err)
			check("true", lit, tt.trueLit)
			_, err = tt.d.Literal(dialect.Int, "x")
			assert.Error(t, err, "a bad integer default was accepted")
			s, _ := tt.d.Literal(dialect.String, "it's")
			check("string literal", s, "'it''s'")
		})
	}
}

func TestTimes(t *testing.T) {
	at := time.Date(2026, 3, 22, 14, 30, 0, 123456789, time.FixedZone("X", 3600))
	got := (dialect.SQLite{}).BindTime(at)
	require.Equal(t, "2026-03-22 13:30:00.123456789", got, "sqlite time")
	for _, s := range []string{"2026-03-22 13:30:00.123456789", "2026-03-22T13:30:00.123456789Z", "2026-03-22T14:30:00.123456789+01:00"} {
		got, err := dialect.ParseTime(s)
		if assert.NoError(t, err, "ParseTime(%q) = %v, %v", s, got, err) {
			assert.True(t, got.Equal(at), "ParseTime(%q) = %v, %v", s, got, err)
		}
	}
	_, err := dialect.ParseTime("yesterday")
	assert.Error(t, err, "ParseTime accepted nonsense")
	require.Equal(t, `100\%\_\\x`, dialect.EscapeLike(`100%_\x`), "EscapeLike")
}
