package orm

import (
	"net/url"
	"testing"
	"time"
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
