package orm

import (
	"database/sql"
	"fmt"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/orm/engine"
)

// DefaultURL is the database used when DATABASE_URL is not set.
const DefaultURL = "sqlite:///data/app.db"

// The engine packages, by URL scheme: the import that registers each.
var enginePackages = map[string]string{
	"sqlite":     "github.com/tina4stack/tina4-go/tina4/orm/sqlitedb",
	"sqlite3":    "github.com/tina4stack/tina4-go/tina4/orm/sqlitedb",
	"postgres":   "github.com/tina4stack/tina4-go/tina4/orm/postgresdb",
	"postgresql": "github.com/tina4stack/tina4-go/tina4/orm/postgresdb",
	"mysql":      "github.com/tina4stack/tina4-go/tina4/orm/mysqldb",
	"mariadb":    "github.com/tina4stack/tina4-go/tina4/orm/mysqldb",
}

// Open opens the database named by a URL, through the engine registered for
// its scheme:
//
//	sqlite:///data/app.db     a file relative to the working directory
//	sqlite:////var/db/app.db  an absolute path
//	sqlite::memory:           a private in-memory database
//
//	postgres://user:pass@host:5432/db   PostgreSQL (also postgresql://), through pgx
//	mysql://user:pass@host:3306/db      MySQL or MariaDB (also mariadb://)
//
// Package orm imports no driver: a program imports the engine of each
// scheme it opens, for its side effect (as database/sql drivers are):
//
//	import _ "github.com/tina4stack/tina4-go/tina4/orm/sqlitedb"   // sqlite: (cgo)
//	import _ "github.com/tina4stack/tina4-go/tina4/orm/postgresdb" // postgres:
//	import _ "github.com/tina4stack/tina4-go/tina4/orm/mysqldb"    // mysql:, mariadb:
//
// Opening a URL whose engine is not imported is an error naming the import.
// WithCredentials replaces a server URL's credentials and WithPool sizes its
// pool (default DefaultPoolConfig); see the engine packages for what each
// does on open (sqlitedb: WAL, a writer beside read-only readers).
func Open(rawURL string, opts ...Option) (*DB, error) {
	scheme, _, ok := strings.Cut(rawURL, ":")
	if !ok {
		return nil, fmt.Errorf("orm: open %q: not a database URL (want sqlite:///path.db, postgres://... or mysql://...)", rawURL)
	}
	var staged DB // the options, read first: they change how the database is opened
	for _, o := range opts {
		o(&staged)
	}
	if err := checkPooler(staged.pooler, scheme); err != nil {
		return nil, err
	}
	eng, ok := engine.ForScheme(scheme)
	if !ok {
		return nil, noEngine(scheme)
	}
	h, err := eng.Open(rawURL, staged.openConfig())
	if err != nil {
		return nil, err
	}
	db := New(h.Writer, h.Dialect)
	db.pools = []*sql.DB{h.Writer}
	if h.Reader != nil {
		db.reader = h.Reader
		db.pools = append(db.pools, h.Reader)
	}
	if h.Pooled {
		db.pooler = PoolerPgBouncer // what the URL implies
	}
	pooler := db.pooler
	for _, o := range opts {
		o(db)
	}
	if db.pooler == "" {
		db.pooler = pooler
	}
	db.cacheStatements()
	if err := db.openReplicas(func(u string) (*DB, error) { return Open(u, staged.replicaOptions()...) }); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// noEngine is the error of a scheme no imported engine opens.
func noEngine(scheme string) error {
	if pkg, ok := enginePackages[strings.ToLower(scheme)]; ok {
		return fmt.Errorf("orm: open: no engine is linked into this program for %s: URLs: add import _ %q", scheme, pkg)
	}
	return fmt.Errorf("orm: open: unsupported database scheme %q (supported: sqlite, postgres, postgresql, mysql, mariadb; linked into this program: %s)",
		scheme, strings.Join(engine.Schemes(), ", "))
}
