package engine_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/orm/engine"
)

// This test binary imports orm and no engine: package orm links no driver,
// and opening a URL names the import that would open it.
func TestOpenWithoutTheEngine(t *testing.T) {
	for _, s := range []string{"sqlite", "postgres", "mysql"} {
		_, ok := engine.ForScheme(s)
		require.False(t, ok, "the %s engine is linked without being imported", s)
	}
	tests := []struct{ url, want string }{
		{"sqlite:///data/app.db", `add import _ "github.com/tina4stack/tina4-go/tina4/orm/sqlitedb"`},
		{"postgres://u@127.0.0.1/db", `add import _ "github.com/tina4stack/tina4-go/tina4/orm/postgresdb"`},
		{"postgresql://u@127.0.0.1/db", `add import _ "github.com/tina4stack/tina4-go/tina4/orm/postgresdb"`},
		{"mysql://root@127.0.0.1/db", `add import _ "github.com/tina4stack/tina4-go/tina4/orm/mysqldb"`},
		{"MariaDB://root@127.0.0.1/db", `add import _ "github.com/tina4stack/tina4-go/tina4/orm/mysqldb"`},
		{"oracle://x", `unsupported database scheme "oracle"`},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			db, err := orm.Open(tt.url)
			assert.Nil(t, db)
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

func TestRegister(t *testing.T) {
	open := func(string, engine.Config) (*engine.Handle, error) { return nil, nil }
	classify := func(error) engine.Fault { return engine.Fault{} }
	assert.Panics(t, func() { engine.Register(engine.Engine{Name: "x", Schemes: []string{"x"}}) }, "no Open")
	engine.Register(engine.Engine{Name: "fake", Schemes: []string{"fake"}, Open: open, Classify: classify})
	assert.Panics(t, func() {
		engine.Register(engine.Engine{Name: "fake2", Schemes: []string{"FAKE"}, Open: open, Classify: classify})
	}, "a scheme registered twice")
	e, ok := engine.ForScheme("Fake")
	require.True(t, ok)
	assert.Equal(t, "fake", e.Name)
}
