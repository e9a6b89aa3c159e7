package tina4_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/orm/schema"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// ORM_PLURAL_TABLE_NAMES is read by LoadConfig (only tina4 reads the
// environment) and given to the model registry by New.
func TestPluralTableNamesSetting(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, m := range orm.Models() {
		m.Table() // the other tests' models keep their singular names
	}
	t.Cleanup(func() { schema.Default.SetPluralTableNames(false) })
	for _, tt := range []struct {
		env  string
		want bool
	}{{"", false}, {"true", true}, {"false", false}} {
		t.Run("ORM_PLURAL_TABLE_NAMES="+tt.env, func(t *testing.T) {
			t.Setenv("ORM_PLURAL_TABLE_NAMES", tt.env)
			if tt.env == "" {
				os.Unsetenv("ORM_PLURAL_TABLE_NAMES")
			}
			cfg, err := tina4.LoadConfig()
			require.NoError(t, err)
			assert.Equal(t, tt.want, cfg.PluralTableNames)
			schema.Default.SetPluralTableNames(!tt.want)
			cfg.DatabaseURL, cfg.Router = "sqlite::memory:", router.New()
			app, err := tina4.New(cfg)
			require.NoError(t, err)
			defer app.Close()
			assert.Equal(t, tt.want, schema.Default.PluralTableNames())
		})
	}
	t.Run("a bad value is an error naming the variable", func(t *testing.T) {
		t.Setenv("ORM_PLURAL_TABLE_NAMES", "perhaps")
		_, err := tina4.LoadConfig()
		require.Error(t, err)
		assert.Contains(t, err.Error(), "ORM_PLURAL_TABLE_NAMES")
	})
}
