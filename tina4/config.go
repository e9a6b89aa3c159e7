package tina4

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/joho/godotenv"

	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// Config holds the App's settings. LoadConfig fills it from the environment;
// DefaultConfig gives the defaults. The environment variable of each field is
// named in its comment; .env.example lists them all.
type Config struct {
	DatabaseURL string // DATABASE_URL: default orm.DefaultURL (sqlite:///data/app.db)

	// A SQLite file's page cache per connection and memory map, unless
	// DatabaseURL's query sets cache_size or mmap_size itself.
	SQLiteCacheSize int64 // TINA4_SQLITE_CACHE_SIZE: PRAGMA cache_size, pages or (negative) KiB; default -32768 (32 MiB)
	SQLiteMmapSize  int64 // TINA4_SQLITE_MMAP_SIZE: PRAGMA mmap_size in bytes; default 268435456 (256 MiB); 0 turns it off

	Host     string // HOST: default 0.0.0.0
	Port     int    // PORT: default 7145; 0 picks a free port
	Debug    bool   // TINA4_DEBUG: 5xx answers show the error's text
	DebugSQL bool   // TINA4_DEBUG_SQL: log every SQL statement
	Swagger  bool   // TINA4_SWAGGER: serve the OpenAPI document and Swagger UI at /swagger (also on with Debug)

	// PluralTableNames pluralises default table names (Category ->
	// categories); New and RunCommand give it to the model registry.
	PluralTableNames bool // ORM_PLURAL_TABLE_NAMES: default false

	// The OpenAPI document's info and servers (see swagger.go).
	APITitle       string // TINA4_API_TITLE: default Tina4 API
	APIVersion     string // TINA4_API_VERSION: default 1.0.0
	APIDescription string // TINA4_API_DESCRIPTION: default a sentence on AutoCrud's routes
	APILicense     string // TINA4_API_LICENSE: an SPDX identifier (MIT) or a license's name; empty: none
	APIServers     string // TINA4_API_SERVERS: comma-separated base URLs; default "/", the host that served the document

	AutoCrud         bool   // TINA4_AUTOCRUD: mount AutoCrud for every model; default true
	CrudPrefix       string // TINA4_AUTOCRUD_PREFIX: default /api
	CrudDefaultLimit int    // TINA4_AUTOCRUD_LIMIT: list page size when none is asked; default 10
	CrudMaxLimit     int    // TINA4_AUTOCRUD_MAX_LIMIT: largest page a list may ask for; default 100
	// CrudQueryLimits bound the work of one AutoCrud request (400 beyond),
	// from TINA4_AUTOCRUD_MAX_FILTERS (32), _MAX_FILTER_VALUES (2000),
	// _MAX_ORDER (8), _MAX_FILTER_DEPTH (3), _MAX_JOINS (16),
	// _MAX_INCLUDE_DEPTH (3), _MAX_INCLUDES (16) and _MAX_INCLUDE_ROWS
	// (5000); see crud.QueryLimits.
	CrudQueryLimits crud.QueryLimits

	MaxBodyBytes int64 // TINA4_MAX_BODY_BYTES: request body limit, 413 beyond; default 1 MiB; 0 means none

	MigrationsDir  string // TINA4_MIGRATIONS_DIR: the folder of the SQL migrations; default migrations
	MigrateOnStart bool   // TINA4_MIGRATE_ON_START: apply pending migrations before serving; default true
	// AutoMigrate is TINA4_AUTO_MIGRATE: at start-up, apply the additive
	// changes the models need (new columns, indexes, foreign keys), logging
	// each statement; LoadConfig defaults it to TINA4_DEBUG.
	AutoMigrate bool
	// SkipSchemaCheck is TINA4_SCHEMA_CHECK=false: start without comparing
	// the models with the live schema (missing tables are still created).
	SkipSchemaCheck bool

	ReadHeaderTimeout time.Duration // TINA4_READ_HEADER_TIMEOUT: default 10s
	ReadTimeout       time.Duration // TINA4_READ_TIMEOUT: default 30s
	WriteTimeout      time.Duration // TINA4_WRITE_TIMEOUT: default 60s
	IdleTimeout       time.Duration // TINA4_IDLE_TIMEOUT: default 120s
	ShutdownTimeout   time.Duration // TINA4_SHUTDOWN_TIMEOUT: how long shutdown waits for requests; default 10s
	MaxHeaderBytes    int           // TINA4_MAX_HEADER_BYTES: request line and headers, 431 beyond; default 64 KiB

	// Access control (see access.go): a bearer token is valid when it equals
	// APIKey or is a JWT signed with Secret that has not expired.
	Secret     string      // SECRET: signs and verifies JWTs (HS256); empty: no JWT is valid
	APIKey     string      // TINA4_API_KEY: a token accepted as it is; empty: none
	CrudAccess crud.Access // TINA4_AUTOCRUD_SECURED: false (the default: public), true (every route) or writes

	// CORS (see cors.go): off unless CORSOrigins is set.
	CORSOrigins     string        // TINA4_CORS_ORIGINS: comma-separated origins (https://app.example.com), or *
	CORSMethods     string        // TINA4_CORS_METHODS: default GET,POST,PUT,PATCH,DELETE
	CORSHeaders     string        // TINA4_CORS_HEADERS: request headers allowed; default Content-Type,Authorization
	CORSCredentials bool          // TINA4_CORS_CREDENTIALS: allow cookies; refused with the origin *
	CORSMaxAge      time.Duration // TINA4_CORS_MAX_AGE: how long browsers may cache a preflight; default 10m

	// The request log (see logging.go). When Logger is nil it is written to
	// standard error in batches (at most a second late; warnings and errors
	// at once), so a busy server makes no write system call per request.
	AccessLog   string        // TINA4_ACCESS_LOG: all (the default), errors (5xx and slow requests only) or off
	SlowRequest time.Duration // TINA4_SLOW_REQUEST: a request this long or longer is logged at warn level; default 1s; 0 turns it off

	DatabaseConfig // credentials, connection pool (config_database.go)
	ScaleConfig    // replicas, pooler, transaction retries (config_scale.go)

	// Router carries the app's routes; nil means router.Default(), where the
	// package-level router.Get and friends register them.
	Router *router.Router
	// Logger receives the request log and the App's messages; nil means a
	// text logger on standard error, written in batches (see AccessLog).
	Logger *slog.Logger
}

// DefaultConfig returns the settings used when the environment sets nothing.
func DefaultConfig() Config {
	return Config{
		DatabaseURL:      orm.DefaultURL,
		SQLiteCacheSize:  orm.DefaultSQLiteCacheSize,
		SQLiteMmapSize:   orm.DefaultSQLiteMmapSize,
		Host:             "0.0.0.0",
		Port:             7145,
		APITitle:         "Tina4 API",
		APIVersion:       "1.0.0",
		AutoCrud:         true,
		CrudPrefix:       crud.DefaultPrefix,
		CrudDefaultLimit: crud.DefaultLimit,
		CrudMaxLimit:     crud.DefaultMaxLimit,
		CrudQueryLimits: crud.QueryLimits{MaxFilters: crud.DefaultMaxFilters, MaxFilterValues: crud.DefaultMaxFilterValues,
			MaxOrder: crud.DefaultMaxOrder, MaxFilterDepth: crud.DefaultMaxFilterDepth, MaxJoins: crud.DefaultMaxJoins,
			MaxIncludeDepth: crud.DefaultMaxIncludeDepth, MaxIncludes: crud.DefaultMaxIncludes, MaxIncludeRows: crud.DefaultMaxIncludeRows},
		MaxBodyBytes:      1 << 20,
		MigrationsDir:     "migrations",
		MigrateOnStart:    true,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ShutdownTimeout:   10 * time.Second,
		MaxHeaderBytes:    64 << 10,
		CORSMethods:       "GET,POST,PUT,PATCH,DELETE",
		CORSHeaders:       "Content-Type,Authorization",
		CORSMaxAge:        10 * time.Minute,
		AccessLog:         AccessLogAll,
		SlowRequest:       time.Second,
		DatabaseConfig:    DatabaseConfig{Pool: orm.DefaultPoolConfig},
		ScaleConfig:       ScaleConfig{TxRetry: orm.DefaultRetryPolicy},
	}
}

// LoadConfig loads the .env file of the working directory (or the files
// given) into the environment, without overriding variables already set,
// then reads the settings from the environment over DefaultConfig. A missing
// .env is fine; a malformed one, or a value that does not parse, is an error
// naming the variable.
func LoadConfig(envFiles ...string) (Config, error) {
	if len(envFiles) == 0 {
		envFiles = []string{".env"}
	}
	for _, f := range envFiles {
		if _, err := os.Stat(f); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err := godotenv.Load(f); err != nil {
			return Config{}, fmt.Errorf("tina4: load %s: %w", f, err)
		}
	}
	c := DefaultConfig()
	e := envReader{}
	e.str("DATABASE_URL", &c.DatabaseURL)
	e.int64("TINA4_SQLITE_CACHE_SIZE", &c.SQLiteCacheSize, -1<<40, 1<<40)
	e.int64("TINA4_SQLITE_MMAP_SIZE", &c.SQLiteMmapSize, 0, 1<<50)
	e.str("HOST", &c.Host)
	e.int("PORT", &c.Port, 0, 65535)
	e.bool("TINA4_DEBUG", &c.Debug)
	e.bool("TINA4_DEBUG_SQL", &c.DebugSQL)
	e.bool("TINA4_SWAGGER", &c.Swagger)
	e.bool("ORM_PLURAL_TABLE_NAMES", &c.PluralTableNames)
	e.str("TINA4_API_TITLE", &c.APITitle)
	e.str("TINA4_API_VERSION", &c.APIVersion)
	e.str("TINA4_API_DESCRIPTION", &c.APIDescription)
	e.str("TINA4_API_LICENSE", &c.APILicense)
	e.str("TINA4_API_SERVERS", &c.APIServers)
	e.bool("TINA4_AUTOCRUD", &c.AutoCrud)
	e.str("TINA4_AUTOCRUD_PREFIX", &c.CrudPrefix)
	e.int("TINA4_AUTOCRUD_LIMIT", &c.CrudDefaultLimit, 1, 1<<20)
	e.int("TINA4_AUTOCRUD_MAX_LIMIT", &c.CrudMaxLimit, 1, 1<<20)
	e.int("TINA4_AUTOCRUD_MAX_FILTERS", &c.CrudQueryLimits.MaxFilters, 1, 1<<10)
	e.int("TINA4_AUTOCRUD_MAX_FILTER_VALUES", &c.CrudQueryLimits.MaxFilterValues, 1, 30000)
	e.int("TINA4_AUTOCRUD_MAX_ORDER", &c.CrudQueryLimits.MaxOrder, 1, 64)
	e.int("TINA4_AUTOCRUD_MAX_FILTER_DEPTH", &c.CrudQueryLimits.MaxFilterDepth, 1, 16)
	e.int("TINA4_AUTOCRUD_MAX_JOINS", &c.CrudQueryLimits.MaxJoins, 1, 60)
	e.int("TINA4_AUTOCRUD_MAX_INCLUDE_DEPTH", &c.CrudQueryLimits.MaxIncludeDepth, 1, 16)
	e.int("TINA4_AUTOCRUD_MAX_INCLUDES", &c.CrudQueryLimits.MaxIncludes, 1, 1<<10)
	e.int("TINA4_AUTOCRUD_MAX_INCLUDE_ROWS", &c.CrudQueryLimits.MaxIncludeRows, 1, 1<<24)
	var maxBody int = int(c.MaxBodyBytes)
	e.int("TINA4_MAX_BODY_BYTES", &maxBody, 0, 1<<40)
	c.MaxBodyBytes = int64(maxBody)
	e.str("TINA4_MIGRATIONS_DIR", &c.MigrationsDir)
	e.bool("TINA4_MIGRATE_ON_START", &c.MigrateOnStart)
	c.AutoMigrate = c.Debug
	e.bool("TINA4_AUTO_MIGRATE", &c.AutoMigrate)
	schemaCheck := true
	e.bool("TINA4_SCHEMA_CHECK", &schemaCheck)
	c.SkipSchemaCheck = !schemaCheck
	e.dur("TINA4_READ_HEADER_TIMEOUT", &c.ReadHeaderTimeout)
	e.dur("TINA4_READ_TIMEOUT", &c.ReadTimeout)
	e.dur("TINA4_WRITE_TIMEOUT", &c.WriteTimeout)
	e.dur("TINA4_IDLE_TIMEOUT", &c.IdleTimeout)
	e.dur("TINA4_SHUTDOWN_TIMEOUT", &c.ShutdownTimeout)
	e.int("TINA4_MAX_HEADER_BYTES", &c.MaxHeaderBytes, 1024, 1<<24)
	e.str("SECRET", &c.Secret)
	e.str("TINA4_API_KEY", &c.APIKey)
	e.access("TINA4_AUTOCRUD_SECURED", &c.CrudAccess)
	e.str("TINA4_CORS_ORIGINS", &c.CORSOrigins)
	e.str("TINA4_CORS_METHODS", &c.CORSMethods)
	e.str("TINA4_CORS_HEADERS", &c.CORSHeaders)
	e.bool("TINA4_CORS_CREDENTIALS", &c.CORSCredentials)
	e.dur("TINA4_CORS_MAX_AGE", &c.CORSMaxAge)
	e.oneOf("TINA4_ACCESS_LOG", &c.AccessLog, AccessLogAll, AccessLogErrors, AccessLogOff)
	e.dur("TINA4_SLOW_REQUEST", &c.SlowRequest)
	c.DatabaseConfig.read(&e)
	c.ScaleConfig.read(&e)
	if e.err == nil && c.CrudMaxLimit < c.CrudDefaultLimit {
		e.err = fmt.Errorf("tina4: TINA4_AUTOCRUD_MAX_LIMIT (%d) is below TINA4_AUTOCRUD_LIMIT (%d)", c.CrudMaxLimit, c.CrudDefaultLimit)
	}
	return c, e.err
}

// envReader reads typed variables, keeping the first error.
type envReader struct{ err error }

func (e *envReader) lookup(name string) (string, bool) {
	v, ok := os.LookupEnv(name)
	v = strings.TrimSpace(v)
	return v, ok && v != "" && e.err == nil
}

func (e *envReader) fail(name, v, want string) {
	e.err = fmt.Errorf("tina4: %s=%q: want %s", name, v, want)
}

func (e *envReader) str(name string, dst *string) {
	if v, ok := e.lookup(name); ok {
		*dst = v
	}
}

func (e *envReader) int(name string, dst *int, lo, hi int) {
	if v, ok := e.lookup(name); ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < lo || n > hi {
			e.fail(name, v, fmt.Sprintf("a whole number from %d to %d", lo, hi))
			return
		}
		*dst = n
	}
}

func (e *envReader) int64(name string, dst *int64, lo, hi int64) {
	if v, ok := e.lookup(name); ok {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < lo || n > hi {
			e.fail(name, v, fmt.Sprintf("a whole number from %d to %d", lo, hi))
			return
		}
		*dst = n
	}
}

func (e *envReader) bool(name string, dst *bool) {
	if v, ok := e.lookup(name); ok {
		b, err := strconv.ParseBool(v)
		if err != nil {
			e.fail(name, v, "true or false")
			return
		}
		*dst = b
	}
}

func (e *envReader) dur(name string, dst *time.Duration) {
	if v, ok := e.lookup(name); ok {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			e.fail(name, v, "a duration such as 30s or 2m")
			return
		}
		*dst = d
	}
}

func (e *envReader) oneOf(name string, dst *string, allowed ...string) {
	if v, ok := e.lookup(name); ok {
		for _, a := range allowed {
			if strings.EqualFold(v, a) {
				*dst = a
				return
			}
		}
		e.fail(name, v, "one of "+strings.Join(allowed, ", "))
	}
}

func (e *envReader) access(name string, dst *crud.Access) {
	if v, ok := e.lookup(name); ok {
		a, err := crud.ParseAccess(v)
		if err != nil {
			e.fail(name, v, "true, false or writes")
			return
		}
		*dst = a
	}
}
