package migrate

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSplit(t *testing.T) {
	plpgsql := `CREATE FUNCTION touch() RETURNS trigger AS $$
BEGIN
  NEW.updated_at := now(); -- a ; inside the body
  RETURN NEW;
END;
$$ LANGUAGE plpgsql`
	tagged := `CREATE FUNCTION f() RETURNS text AS $fn$ SELECT 'a;b' || $$;$$ $fn$ LANGUAGE sql`
	trigger := `CREATE TRIGGER notes_touch AFTER UPDATE ON notes BEGIN
  UPDATE notes SET n = CASE WHEN NEW.n > 0 THEN 1 ELSE 0 END WHERE id = NEW.id;
  INSERT INTO log (msg) VALUES ('end;');
END`
	tests := []struct {
		name, engine, script string
		want                 []Statement
	}{
		{"empty", "sqlite", "", nil},
		{"only comments", "sqlite", "-- nothing\n/* here */\n  \n", nil},
		{"one without semicolon", "sqlite", "CREATE TABLE a (id INT)", []Statement{{"CREATE TABLE a (id INT)", 1}}},
		{"several with lines", "postgres", "-- header\nCREATE TABLE a (id INT);\n\nINSERT INTO a VALUES (1);\n-- trailer\n",
			[]Statement{{"CREATE TABLE a (id INT)", 2}, {"INSERT INTO a VALUES (1)", 4}}},
		{"semicolons in strings and comments", "sqlite", "INSERT INTO t VALUES ('a;b', 'it''s;'); /* ; */ SELECT \"x;y\" -- ;\n;",
			[]Statement{{"INSERT INTO t VALUES ('a;b', 'it''s;')", 1}, {"SELECT \"x;y\" -- ;", 1}}},
		{"sqlite brackets and backticks", "sqlite", "SELECT [a;b], `c;d` FROM t; SELECT 2",
			[]Statement{{"SELECT [a;b], `c;d` FROM t", 1}, {"SELECT 2", 1}}},
		{"postgres dollar body", "postgres", plpgsql + ";\nSELECT touch();",
			[]Statement{{plpgsql, 1}, {"SELECT touch()", 7}}},
		{"postgres tagged body holding $$", "postgres", tagged + "; SELECT 1", []Statement{{tagged, 1}, {"SELECT 1", 1}}},
		{"postgres parameter is not a tag", "postgres", "PREPARE p AS SELECT $1; SELECT 2",
			[]Statement{{"PREPARE p AS SELECT $1", 1}, {"SELECT 2", 1}}},
		{"postgres E string escapes", "postgres", `SELECT E'a\';b'; SELECT 'c:\'; SELECT 3`,
			[]Statement{{`SELECT E'a\';b'`, 1}, {`SELECT 'c:\'`, 1}, {"SELECT 3", 1}}},
		{"postgres nested comment", "postgres", "/* a /* b; */ c; */ SELECT 1; SELECT 2",
			[]Statement{{"SELECT 1", 1}, {"SELECT 2", 1}}},
		{"mysql backslash and hash comment", "mysql", "INSERT INTO t VALUES ('a\\';b', \"c\\\";d\"); # ;\nSELECT 1",
			[]Statement{{"INSERT INTO t VALUES ('a\\';b', \"c\\\";d\")", 1}, {"SELECT 1", 2}}},
		{"mysql delimiter", "mysql", "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END//\nDELIMITER ;\nCALL p();",
			[]Statement{{"CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END", 2}, {"CALL p()", 4}}},
		{"mysql delimiter $$", "mysql", "DELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END$$\nDELIMITER ;\nCALL p();",
			[]Statement{{"CREATE PROCEDURE p() BEGIN SELECT 1; END", 2}, {"CALL p()", 4}}},
		{"mysql -- needs a blank", "mysql", "SELECT 1--1;\nSELECT 2 --;\n;",
			[]Statement{{"SELECT 1--1", 1}, {"SELECT 2 --", 2}}},
		{"mysql executable comment is code", "mysql", "/*!40101 SET NAMES utf8 */; SELECT 1",
			[]Statement{{"/*!40101 SET NAMES utf8 */", 1}, {"SELECT 1", 1}}},
		{"/*! is a comment elsewhere", "postgres", "/*! hi; there */ SELECT 1; SELECT 2",
			[]Statement{{"SELECT 1", 1}, {"SELECT 2", 1}}},
		{"sqlite trigger with case", "sqlite", trigger + ";\nSELECT 1;",
			[]Statement{{trigger, 1}, {"SELECT 1", 5}}},
		{"sqlite temp trigger", "sqlite", "CREATE TEMP TRIGGER t AFTER INSERT ON a BEGIN DELETE FROM b; END; SELECT 1",
			[]Statement{{"CREATE TEMP TRIGGER t AFTER INSERT ON a BEGIN DELETE FROM b; END", 1}, {"SELECT 1", 1}}},
		{"begin outside trigger", "sqlite", "BEGIN; SELECT 1; END;",
			[]Statement{{"BEGIN", 1}, {"SELECT 1", 1}, {"END", 1}}},
		{"unicode", "sqlite", "INSERT INTO t VALUES ('héllo; 世界'); SELECT 'ü'",
			[]Statement{{"INSERT INTO t VALUES ('héllo; 世界')", 1}, {"SELECT 'ü'", 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Split(tt.script, tt.engine)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got, "Split")
		})
	}
}

func TestSplitErrors(t *testing.T) {
	tests := []struct{ name, engine, script, want string }{
		{"open string", "sqlite", "SELECT 1;\nSELECT 'abc", "line 2: unterminated ' quote"},
		{"open identifier", "postgres", `SELECT "abc`, `line 1: unterminated " quote`},
		{"open comment", "mysql", "SELECT 1;\n\n/* never closed", "line 3: unterminated /* comment"},
		{"open dollar body", "postgres", "CREATE FUNCTION f() AS $body$\nSELECT 1;", "line 1: unterminated $body$ body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Split(tt.script, tt.engine)
			require.Error(t, err, "err")
			require.Contains(t, err.Error(), tt.want, "err")
		})
	}
}

// FuzzSplit checks that splitting never panics and that every statement is
// a trimmed, non-empty piece of the script.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{"SELECT 1; SELECT 2", "$$;$$", "DELIMITER //\nx//", "'a''b'", "/* /* */", "CREATE TRIGGER t BEGIN CASE END; END;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, script string) {
		for _, engine := range []string{"sqlite", "postgres", "mysql"} {
			stmts, err := Split(script, engine)
			if err != nil {
				continue
			}
			for _, st := range stmts {
				require.NotEqual(t, "", st.SQL, "%s: bad statement %q from %q", engine, st.SQL, script)
				require.Equal(t, strings.TrimSpace(st.SQL), st.SQL, "%s: bad statement %q from %q", engine, st.SQL, script)
				require.Contains(t, script, st.SQL, "%s: bad statement %q from %q", engine, st.SQL, script)
			}
		}
	})
}
