package orm

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/url"
	"strconv"
)

// The SQLite page cache and memory map a file database gets unless its URL
// says otherwise (sqlite:///data/app.db?cache_size=-65536&mmap_size=0).
const (
	// DefaultSQLiteCacheSize is PRAGMA cache_size for every connection: a
	// negative number is KiB, so -32768 lets each connection cache up to
	// 32 MiB of pages (SQLite's own default, 2 MiB, thrashes on a COUNT over
	// a table of a few thousand rows). Pages are allocated as they are read.
	DefaultSQLiteCacheSize = -32768
	// DefaultSQLiteMmapSize is PRAGMA mmap_size: reads of the first 256 MiB
	// of the file go through a memory map shared by every connection (the
	// operating system's page cache) instead of a copy per read.
	DefaultSQLiteMmapSize = 256 << 20
)

// sqliteSettings are what the query of a sqlite URL may set.
type sqliteSettings struct {
	cacheSize int64 // PRAGMA cache_size: pages, or KiB when negative
	mmapSize  int64 // PRAGMA mmap_size: bytes; 0 turns memory mapping off
}

// parseSQLiteQuery reads cache_size and mmap_size from a sqlite URL's query
// (the part after "?"); any other key is an error, so a misspelt setting is
// not silently ignored.
func parseSQLiteQuery(raw string) (sqliteSettings, error) {
	s := sqliteSettings{cacheSize: DefaultSQLiteCacheSize, mmapSize: DefaultSQLiteMmapSize}
	q, err := url.ParseQuery(raw)
	if err != nil {
		return s, fmt.Errorf("orm: open sqlite: query %q: %w", raw, err)
	}
	for key, vals := range q {
		v := vals[len(vals)-1]
		n, err := strconv.ParseInt(v, 10, 64)
		switch key {
		case "cache_size":
			if err != nil {
				return s, fmt.Errorf("orm: open sqlite: cache_size=%q: want a whole number (pages, or KiB when negative)", v)
			}
			s.cacheSize = n
		case "mmap_size":
			if err != nil || n < 0 {
				return s, fmt.Errorf("orm: open sqlite: mmap_size=%q: want a number of bytes, 0 or more", v)
			}
			s.mmapSize = n
		default:
			return s, fmt.Errorf("orm: open sqlite: unknown setting %q in the URL (known: cache_size, mmap_size)", key)
		}
	}
	return s, nil
}

// pragmas returns the statements that apply s to a new connection.
func (s sqliteSettings) pragmas() []string {
	return []string{
		"PRAGMA cache_size = " + strconv.FormatInt(s.cacheSize, 10),
		"PRAGMA mmap_size = " + strconv.FormatInt(s.mmapSize, 10),
	}
}

// openWithPragmas opens a pool of the named driver whose every connection
// runs pragmas before its first use.
func openWithPragmas(driverName, dsn string, pragmas []string) (*sql.DB, error) {
	probe, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, err
	}
	drv := probe.Driver()
	probe.Close()
	return sql.OpenDB(pragmaConnector{drv: drv, dsn: dsn, pragmas: pragmas}), nil
}

// pragmaConnector opens connections of drv and runs pragmas on each.
type pragmaConnector struct {
	drv     driver.Driver
	dsn     string
	pragmas []string
}

func (c pragmaConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.drv.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	ex, ok := conn.(driver.ExecerContext)
	if !ok {
		conn.Close()
		return nil, fmt.Errorf("orm: driver %T cannot run pragmas", conn)
	}
	for _, p := range c.pragmas {
		if _, err := ex.ExecContext(ctx, p, nil); err != nil {
			conn.Close()
			return nil, fmt.Errorf("orm: %s: %w", p, err)
		}
	}
	return conn, nil
}

func (c pragmaConnector) Driver() driver.Driver { return c.drv }
