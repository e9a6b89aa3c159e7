package tina4_test

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// boundSettings are the variables of crud.QueryLimits.
var boundSettings = map[string]int{
	"TINA4_AUTOCRUD_MAX_FILTERS":       5,
	"TINA4_AUTOCRUD_MAX_FILTER_VALUES": 50,
	"TINA4_AUTOCRUD_MAX_ORDER":         2,
	"TINA4_AUTOCRUD_MAX_FILTER_DEPTH":  1,
	"TINA4_AUTOCRUD_MAX_JOINS":         4,
	"TINA4_AUTOCRUD_MAX_INCLUDE_DEPTH": 2,
	"TINA4_AUTOCRUD_MAX_INCLUDES":      6,
	"TINA4_AUTOCRUD_MAX_INCLUDE_ROWS":  100,
}

func TestLoadConfigQueryLimits(t *testing.T) {
	clearEnv(t)
	t.Chdir(t.TempDir())
	def := tina4.DefaultConfig().CrudQueryLimits
	assert.Equal(t, crud.QueryLimits{MaxFilters: 32, MaxFilterValues: 2000, MaxOrder: 8, MaxFilterDepth: 3, MaxJoins: 16, MaxIncludeDepth: 3, MaxIncludes: 16, MaxIncludeRows: 5000}, def)
	for k, v := range boundSettings {
		t.Setenv(k, strconv.Itoa(v))
	}
	cfg, err := tina4.LoadConfig()
	require.NoError(t, err)
	assert.Equal(t, crud.QueryLimits{MaxFilters: 5, MaxFilterValues: 50, MaxOrder: 2, MaxFilterDepth: 1, MaxJoins: 4, MaxIncludeDepth: 2, MaxIncludes: 6, MaxIncludeRows: 100}, cfg.CrudQueryLimits)

	for k := range boundSettings {
		t.Run(k, func(t *testing.T) {
			for _, bad := range []string{"0", "-1", "many"} {
				t.Setenv(k, bad)
				_, err := tina4.LoadConfig()
				require.Error(t, err, "%s=%s", k, bad)
				assert.Contains(t, err.Error(), k)
			}
			t.Setenv(k, strconv.Itoa(boundSettings[k]))
		})
	}
}

// The App passes its limits to AutoCrud.
func TestAppQueryLimits(t *testing.T) {
	app, _ := newApp(t, router.New(), func(c *tina4.Config) { c.CrudQueryLimits.MaxFilters = 1 })
	h := app.Handler()
	code, body := get(t, h, "GET", "/api/widgets?id=1", "")
	assert.Equal(t, http.StatusOK, code, body)
	code, body = get(t, h, "GET", "/api/widgets?id=1&name=x", "")
	assert.Equal(t, http.StatusBadRequest, code)
	assert.Contains(t, body, "too many filters: at most 1")
}
