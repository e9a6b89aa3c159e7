package tina4_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/joho/godotenv"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/crud"
)

// settings are the variables LoadConfig reads; each test starts with them
// unset.
var settings = []string{
	"DATABASE_URL", "HOST", "PORT", "TINA4_DEBUG", "TINA4_DEBUG_SQL", "TINA4_SWAGGER", "TINA4_AUTOCRUD", "TINA4_AUTOCRUD_PREFIX",
	"TINA4_AUTOCRUD_LIMIT", "TINA4_AUTOCRUD_MAX_LIMIT", "TINA4_MAX_BODY_BYTES", "TINA4_READ_HEADER_TIMEOUT",
	"TINA4_READ_TIMEOUT", "TINA4_WRITE_TIMEOUT", "TINA4_IDLE_TIMEOUT", "TINA4_SHUTDOWN_TIMEOUT",
	"TINA4_MAX_HEADER_BYTES", "SECRET", "TINA4_API_KEY", "TINA4_AUTOCRUD_SECURED", "TINA4_CORS_ORIGINS",
	"TINA4_CORS_METHODS", "TINA4_CORS_HEADERS", "TINA4_CORS_CREDENTIALS", "TINA4_CORS_MAX_AGE",
	"TINA4_MIGRATIONS_DIR", "TINA4_MIGRATE_ON_START", "TINA4_AUTO_MIGRATE", "TINA4_SCHEMA_CHECK",
	"TINA4_ACCESS_LOG", "TINA4_SLOW_REQUEST", "TINA4_SQLITE_CACHE_SIZE", "TINA4_SQLITE_MMAP_SIZE",
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
	require.NoError(t, err)
	def := tina4.DefaultConfig()
	assert.Equal(t, def, cfg, "LoadConfig() = %+v, want the defaults %+v", cfg, def)
	assert.Equal(t, "sqlite:///data/app.db", def.DatabaseURL, "unexpected defaults %+v", def)
	assert.Equal(t, 7145, def.Port, "unexpected defaults %+v", def)
	assert.Equal(t, "0.0.0.0", def.Host, "unexpected defaults %+v", def)
	assert.Equal(t, 100, def.CrudMaxLimit, "unexpected defaults %+v", def)
}

func TestLoadConfigEnvFile(t *testing.T) {
	clearEnv(t)
	dir := t.TempDir()
	t.Chdir(dir)
	env := "# comment\nDATABASE_URL=sqlite:///db/test.db\nPORT=8080\nHOST=127.0.0.1\nTINA4_DEBUG=true\n" +
		"TINA4_SWAGGER=true\nTINA4_AUTOCRUD_LIMIT=5\nTINA4_AUTOCRUD_MAX_LIMIT=50\nTINA4_READ_TIMEOUT=5s\nTINA4_MAX_BODY_BYTES=2048\n" +
		"TINA4_MIGRATIONS_DIR=db/migrations\nTINA4_MIGRATE_ON_START=false\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".env"), []byte(env), 0o644))
	t.Setenv("PORT", "9000") // the environment wins over .env
	cfg, err := tina4.LoadConfig()
	require.NoError(t, err)
	assert.Equal(t, "sqlite:///db/test.db", cfg.DatabaseURL, "LoadConfig() = %+v", cfg)
	assert.Equal(t, 9000, cfg.Port, "LoadConfig() = %+v", cfg)
	assert.Equal(t, "127.0.0.1", cfg.Host, "LoadConfig() = %+v", cfg)
	assert.True(t, cfg.Debug, "LoadConfig() = %+v", cfg)
	assert.True(t, cfg.Swagger, "LoadConfig() = %+v", cfg)
	assert.Equal(t, 5, cfg.CrudDefaultLimit, "LoadConfig() = %+v", cfg)
	assert.Equal(t, 50, cfg.CrudMaxLimit, "LoadConfig() = %+v", cfg)
	assert.Equal(t, 5*time.Second, cfg.ReadTimeout, "LoadConfig() = %+v", cfg)
	assert.Equal(t, int64(2048), cfg.MaxBodyBytes, "LoadConfig() = %+v", cfg)
	assert.Equal(t, "db/migrations", cfg.MigrationsDir, "LoadConfig() = %+v", cfg)
	assert.False(t, cfg.MigrateOnStart, "LoadConfig() = %+v", cfg)
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
		{"TINA4_MAX_HEADER_BYTES", "100", "TINA4_MAX_HEADER_BYTES"},
		{"TINA4_AUTOCRUD_SECURED", "maybe", "TINA4_AUTOCRUD_SECURED"},
		{"TINA4_CORS_CREDENTIALS", "sure", "TINA4_CORS_CREDENTIALS"},
		{"TINA4_CORS_MAX_AGE", "600", "TINA4_CORS_MAX_AGE"},
		{"TINA4_MIGRATE_ON_START", "sometimes", "TINA4_MIGRATE_ON_START"},
		{"TINA4_ACCESS_LOG", "verbose", "TINA4_ACCESS_LOG"},
		{"TINA4_SLOW_REQUEST", "fast", "TINA4_SLOW_REQUEST"},
		{"TINA4_SQLITE_CACHE_SIZE", "big", "TINA4_SQLITE_CACHE_SIZE"},
		{"TINA4_SQLITE_MMAP_SIZE", "-1", "TINA4_SQLITE_MMAP_SIZE"},
	}
	for _, tt := range tests {
		t.Run(tt.name+"="+tt.value, func(t *testing.T) {
			clearEnv(t)
			t.Chdir(t.TempDir())
			t.Setenv(tt.name, tt.value)
			_, err := tina4.LoadConfig()
			if assert.Error(t, err, "err = %v, want one mentioning %s", err, tt.want) {
				assert.Contains(t, err.Error(), tt.want, "err = %v, want one mentioning %s", err, tt.want)
			}
		})
	}
}

func TestLoadConfigBadEnvFile(t *testing.T) {
	clearEnv(t)
	dir := t.TempDir()
	t.Chdir(dir)
	err := os.WriteFile(filepath.Join(dir, "bad.env"), []byte("PORT='unterminated\n"), 0o644)
	require.NoError(t, err)
	_, err = tina4.LoadConfig("bad.env")
	assert.Error(t, err, "no error for a malformed env file")
}

func TestLoadConfigSecurity(t *testing.T) {
	clearEnv(t)
	t.Chdir(t.TempDir())
	for k, v := range map[string]string{
		"SECRET": "s3cret", "TINA4_API_KEY": "key", "TINA4_AUTOCRUD_SECURED": "writes", "TINA4_MAX_HEADER_BYTES": "8192",
		"TINA4_CORS_ORIGINS": "https://a.example", "TINA4_CORS_METHODS": "GET", "TINA4_CORS_HEADERS": "X-Token",
		"TINA4_CORS_CREDENTIALS": "true", "TINA4_CORS_MAX_AGE": "1h",
	} {
		t.Setenv(k, v)
	}
	cfg, err := tina4.LoadConfig()
	require.NoError(t, err)
	assert.Equal(t, "s3cret", cfg.Secret, "LoadConfig() = %+v", cfg)
	assert.Equal(t, "key", cfg.APIKey, "LoadConfig() = %+v", cfg)
	assert.Equal(t, crud.AccessSecuredWrites, cfg.CrudAccess, "LoadConfig() = %+v", cfg)
	assert.Equal(t, 8192, cfg.MaxHeaderBytes, "LoadConfig() = %+v", cfg)
	assert.Equal(t, "https://a.example", cfg.CORSOrigins, "LoadConfig() = %+v", cfg)
	assert.Equal(t, "GET", cfg.CORSMethods, "LoadConfig() = %+v", cfg)
	assert.Equal(t, "X-Token", cfg.CORSHeaders, "LoadConfig() = %+v", cfg)
	assert.True(t, cfg.CORSCredentials, "LoadConfig() = %+v", cfg)
	assert.Equal(t, time.Hour, cfg.CORSMaxAge, "LoadConfig() = %+v", cfg)
	def := tina4.DefaultConfig()
	assert.Equal(t, "", def.Secret, "security defaults %+v", def)
	assert.Equal(t, "", def.APIKey, "security defaults %+v", def)
	assert.Equal(t, crud.AccessPublic, def.CrudAccess, "security defaults %+v", def)
	assert.Equal(t, "", def.CORSOrigins, "security defaults %+v", def)
	assert.Equal(t, 64<<10, def.MaxHeaderBytes, "security defaults %+v", def)
}

// .env.example lists the defaults: loading it changes nothing.
func TestEnvExampleIsTheDefaults(t *testing.T) {
	clearEnv(t)
	file, err := filepath.Abs("../.env.example")
	require.NoError(t, err)
	vars, err := godotenv.Read(file)
	require.NoError(t, err)
	for k := range vars { // restored after the test, then unset for LoadConfig
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	for _, k := range settings {
		_, ok := vars[k]
		assert.True(t, ok, ".env.example does not list %s", k)
	}
	t.Chdir(t.TempDir())
	cfg, err := tina4.LoadConfig(file)
	require.NoError(t, err)
	def := tina4.DefaultConfig()
	assert.Equal(t, def, cfg, ".env.example gives\n%+v\nnot the defaults\n%+v", cfg, def)
}

func TestLoadConfigLogAndSQLite(t *testing.T) {
	clearEnv(t)
	t.Chdir(t.TempDir())
	def, err := tina4.LoadConfig()
	require.NoError(t, err)
	assert.Equal(t, tina4.AccessLogAll, def.AccessLog)
	assert.Equal(t, time.Second, def.SlowRequest)

	assert.Equal(t, int64(-32768), def.SQLiteCacheSize)
	assert.Equal(t, int64(256<<20), def.SQLiteMmapSize)

	t.Setenv("TINA4_SQLITE_CACHE_SIZE", "-65536")
	t.Setenv("TINA4_SQLITE_MMAP_SIZE", "0")
	t.Setenv("TINA4_ACCESS_LOG", "Errors")
	t.Setenv("TINA4_SLOW_REQUEST", "250ms")
	cfg, err := tina4.LoadConfig()
	require.NoError(t, err)
	assert.Equal(t, tina4.AccessLogErrors, cfg.AccessLog)
	assert.Equal(t, 250*time.Millisecond, cfg.SlowRequest)
	assert.Equal(t, int64(-65536), cfg.SQLiteCacheSize)
	assert.Zero(t, cfg.SQLiteMmapSize)
}
