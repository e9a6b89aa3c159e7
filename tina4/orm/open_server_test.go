package orm

import (
	"net/url"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
)

func TestCredentials(t *testing.T) {
	tests := []struct {
		name, url, user, pass, want string
	}{
		{"URL as given", "postgres://u:p@h/db", "", "", "postgres://u:p@h/db"},
		{"username replaced", "postgres://u:p@h/db", "admin", "", "postgres://admin:p@h/db"},
		{"password replaced", "postgres://u:p@h/db", "", "s3cret", "postgres://u:s3cret@h/db"},
		{"both, URL had none", "mysql://h/db", "root", "pw", "mysql://root:pw@h/db"},
		{"empty settings keep the URL's", "mysql://root:pw@h/db", "", "", "mysql://root:pw@h/db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("DATABASE_USERNAME", tt.user)
			t.Setenv("DATABASE_PASSWORD", tt.pass)
			u, err := url.Parse(tt.url)
			if err != nil {
				t.Fatal(err)
			}
			credentials(u)
			if u.String() != tt.want {
				t.Fatalf("got %s, want %s", u, tt.want)
			}
		})
	}
}

func TestPoolFromEnv(t *testing.T) {
	t.Setenv("DATABASE_MAX_OPEN_CONNS", "")
	p, err := poolFromEnv()
	if err != nil || p.MaxOpen != 25 || p.MaxIdle != 25 || p.MaxLifetime != 30*time.Minute {
		t.Fatalf("defaults = %+v, %v", p, err)
	}
	t.Setenv("DATABASE_MAX_OPEN_CONNS", "7")
	t.Setenv("DATABASE_CONN_MAX_LIFETIME", "90s")
	if p, err = poolFromEnv(); err != nil || p.MaxOpen != 7 || p.MaxLifetime != 90*time.Second {
		t.Fatalf("set = %+v, %v", p, err)
	}
	for name, bad := range map[string]string{"DATABASE_MAX_IDLE_CONNS": "-1", "DATABASE_CONN_MAX_LIFETIME": "soon"} {
		t.Setenv(name, bad)
		if _, err := poolFromEnv(); err == nil {
			t.Errorf("%s=%s accepted", name, bad)
		}
		t.Setenv(name, "")
	}
}

func TestPostgresDSN(t *testing.T) {
	tests := []struct {
		name, url, env, want string
	}{
		{"loopback: no TLS, default connect timeout", "postgres://u@127.0.0.1:5432/db", "", "postgres://u@127.0.0.1:5432/db?connect_timeout=5&sslmode=disable"},
		{"own connect timeout kept", "postgres://u@localhost/db?connect_timeout=1", "", "postgres://u@localhost/db?connect_timeout=1&sslmode=disable"},
		{"PGCONNECT_TIMEOUT left to pgx", "postgres://u@db.internal/db", "9", "postgres://u@db.internal/db"},
		{"remote keeps its TLS", "postgres://u@db.internal/db?sslmode=require", "", "postgres://u@db.internal/db?connect_timeout=5&sslmode=require"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("PGCONNECT_TIMEOUT", tt.env)
			got, err := postgresDSN(tt.url)
			if err != nil || got != tt.want {
				t.Fatalf("got %s, %v, want %s", got, err, tt.want)
			}
		})
	}
}

func TestMySQLConfig(t *testing.T) {
	tests := []struct {
		name, url string
		check     func(*mysql.Config) bool
	}{
		{"defaults", "mysql://root:pw@127.0.0.1/test", func(c *mysql.Config) bool {
			return c.Addr == "127.0.0.1:3306" && c.DBName == "test" && c.User == "root" && c.Passwd == "pw" &&
				c.Timeout == DefaultConnectTimeout && c.ParseTime && c.Loc == time.UTC && c.Params["time_zone"] == "'+00:00'"
		}},
		{"driver parameters are the driver's, not session variables", "mysql://root@h:3307/db?timeout=2s&readTimeout=30s&charset=utf8mb4",
			func(c *mysql.Config) bool {
				return c.Addr == "h:3307" && c.Timeout == 2*time.Second && c.ReadTimeout == 30*time.Second &&
					c.Params["timeout"] == "" && c.Params["readTimeout"] == ""
			}},
		{"other keys are session variables", "mysql://root@h/db?time_zone=%27%2B02%3A00%27&sql_mode=ANSI", func(c *mysql.Config) bool {
			return c.Params["time_zone"] == "'+02:00'" && c.Params["sql_mode"] == "ANSI"
		}},
		{"parseTime cannot be turned off", "mysql://root@h/db?parseTime=false", func(c *mysql.Config) bool { return c.ParseTime }},
		{"stacked statements cannot be turned on", "mysql://root@h/db?multiStatements=true", func(c *mysql.Config) bool { return !c.MultiStatements }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := mysqlConfig(tt.url)
			if err != nil || !tt.check(c) {
				t.Fatalf("%+v, %v", c, err)
			}
		})
	}
	if _, err := mysqlConfig("mysql://root@h/db?timeout=soon"); err == nil {
		t.Error("a timeout that is no duration was accepted")
	}
}
