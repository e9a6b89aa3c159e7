package tina4_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tina4stack/tina4-go/tina4"
)

// settings are the variables LoadConfig reads; each test starts with them
// unset.
var settings = []string{
	"DATABASE_URL", "HOST", "PORT", "TINA4_DEBUG", "TINA4_DEBUG_SQL", "TINA4_SWAGGER", "TINA4_AUTOCRUD", "TINA4_AUTOCRUD_PREFIX",
	"TINA4_AUTOCRUD_LIMIT", "TINA4_AUTOCRUD_MAX_LIMIT", "TINA4_MAX_BODY_BYTES", "TINA4_READ_HEADER_TIMEOUT",
	"TINA4_READ_TIMEOUT", "TINA4_WRITE_TIMEOUT", "TINA4_IDLE_TIMEOUT", "TINA4_SHUTDOWN_TIMEOUT",
	"TINA4_MIGRATIONS_DIR", "TINA4_MIGRATE_ON_START",
}

func clearEnv(t *testing.T) {
	t.Helper()
	for _, k := range settings {
		t.Setenv(k, "") // restored after the test
		os.Unsetenv(k)
	}
}

func TestLoadConfigDefaults(t *testing.T) {
	clearEnv(t)
	t.Chdir(t.TempDir())
	cfg, err := tina4.LoadConfig()
	if err != nil {
		t.Fatal(err)
	}
	def := tina4.DefaultConfig()
	if cfg != def {
		t.Errorf("LoadConfig() = %+v, want the defaults %+v", cfg, def)
	}
	if def.DatabaseURL != "sqlite:///data/app.db" || def.Port != 7145 || def.Host != "0.0.0.0" || def.CrudMaxLimit != 100 {
		t.Errorf("unexpected defaults %+v", def)
	}
}

func TestLoadConfigEnvFile(t *testing.T) {
	clearEnv(t)
	dir := t.TempDir()
	t.Chdir(dir)
	env := "# comment\nDATABASE_URL=sqlite:///db/test.db\nPORT=8080\nHOST=127.0.0.1\nTINA4_DEBUG=true\n" +
		"TINA4_SWAGGER=true\nTINA4_AUTOCRUD_LIMIT=5\nTINA4_AUTOCRUD_MAX_LIMIT=50\nTINA4_READ_TIMEOUT=5s\nTINA4_MAX_BODY_BYTES=2048\n" +
		"TINA4_MIGRATIONS_DIR=db/migrations\nTINA4_MIGRATE_ON_START=false\n"
	if err := os.WriteFile(filepath.Join(dir, ".env"), []byte(env), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PORT", "9000") // the environment wins over .env
	cfg, err := tina4.LoadConfig()
	if err != nil {
		t.Fatal(err)
	}
	if cfg.DatabaseURL != "sqlite:///db/test.db" || cfg.Port != 9000 || cfg.Host != "127.0.0.1" || !cfg.Debug || !cfg.Swagger ||
		cfg.CrudDefaultLimit != 5 || cfg.CrudMaxLimit != 50 || cfg.ReadTimeout != 5*time.Second || cfg.MaxBodyBytes != 2048 ||
		cfg.MigrationsDir != "db/migrations" || cfg.MigrateOnStart {
		t.Errorf("LoadConfig() = %+v", cfg)
	}
}

func TestLoadConfigErrors(t *testing.T) {
	tests := []struct{ name, value, want string }{
		{"PORT", "http", "PORT"},
		{"PORT", "70000", "PORT"},
		{"TINA4_DEBUG", "yes please", "TINA4_DEBUG"},
		{"TINA4_SWAGGER", "on", "TINA4_SWAGGER"},
		{"TINA4_READ_TIMEOUT", "5", "TINA4_READ_TIMEOUT"},
		{"TINA4_AUTOCRUD_LIMIT", "0", "TINA4_AUTOCRUD_LIMIT"},
		{"TINA4_AUTOCRUD_LIMIT", "500", "below"},
		{"TINA4_MAX_BODY_BYTES", "-1", "TINA4_MAX_BODY_BYTES"},
		{"TINA4_MIGRATE_ON_START", "sometimes", "TINA4_MIGRATE_ON_START"},
	}
	for _, tt := range tests {
		t.Run(tt.name+"="+tt.value, func(t *testing.T) {
			clearEnv(t)
			t.Chdir(t.TempDir())
			t.Setenv(tt.name, tt.value)
			if _, err := tina4.LoadConfig(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one mentioning %s", err, tt.want)
			}
		})
	}
}

func TestLoadConfigBadEnvFile(t *testing.T) {
	clearEnv(t)
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile(filepath.Join(dir, "bad.env"), []byte("PORT='unterminated\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := tina4.LoadConfig("bad.env"); err == nil {
		t.Error("no error for a malformed env file")
	}
}
