package mysqldb

import (
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm/engine"
)

func TestConfig(t *testing.T) {
	tests := []struct {
		name, url string
		cfg       engine.Config
		check     func(*mysql.Config) bool
	}{
		{"defaults", "mysql://root:pw@127.0.0.1/test", engine.Config{}, func(c *mysql.Config) bool {
			return c.Addr == "127.0.0.1:3306" && c.DBName == "test" && c.User == "root" && c.Passwd == "pw" &&
				c.Timeout == engine.DefaultConnectTimeout && c.ParseTime && c.Loc == time.UTC && c.Params["time_zone"] == "'+00:00'"
		}},
		{"driver parameters are the driver's, not session variables", "mysql://root@h:3307/db?timeout=2s&readTimeout=30s&charset=utf8mb4",
			engine.Config{}, func(c *mysql.Config) bool {
				return c.Addr == "h:3307" && c.Timeout == 2*time.Second && c.ReadTimeout == 30*time.Second &&
					c.Params["timeout"] == "" && c.Params["readTimeout"] == ""
			}},
		{"other keys are session variables", "mysql://root@h/db?time_zone=%27%2B02%3A00%27&sql_mode=ANSI", engine.Config{},
			func(c *mysql.Config) bool {
				return c.Params["time_zone"] == "'+02:00'" && c.Params["sql_mode"] == "ANSI"
			}},
		{"parseTime cannot be turned off", "mysql://root@h/db?parseTime=false", engine.Config{}, func(c *mysql.Config) bool { return c.ParseTime }},
		{"stacked statements cannot be turned on", "mysql://root@h/db?multiStatements=true", engine.Config{},
			func(c *mysql.Config) bool { return !c.MultiStatements }},
		{"credentials from the options", "mysql://root:pw@h/db", engine.Config{Username: "app", Password: "s3cret"},
			func(c *mysql.Config) bool { return c.User == "app" && c.Passwd == "s3cret" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := config(tt.url, tt.cfg)
			require.NoError(t, err)
			assert.True(t, tt.check(c), "%+v", c)
		})
	}
	_, err := config("mysql://root@h/db?timeout=soon", engine.Config{})
	assert.Error(t, err, "a timeout that is no duration was accepted")
}
