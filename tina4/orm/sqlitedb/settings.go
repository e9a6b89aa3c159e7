package sqlitedb

import (
	"context"
	"database/sql/driver"
	"fmt"
	"net/url"
	"strconv"

	"github.com/tina4stack/tina4-go/tina4/orm/engine"
)

// settings are what the query of a sqlite URL may set.
type settings struct {
	cacheSize int64 // PRAGMA cache_size: pages, or KiB when negative
	mmapSize  int64 // PRAGMA mmap_size: bytes; 0 turns memory mapping off
}

// parseQuery reads cache_size and mmap_size from a sqlite URL's query (the
// part after "?"); any other key is an error, so a misspelt setting is not
// silently ignored.
func parseQuery(raw string) (settings, error) {
	s := settings{cacheSize: engine.DefaultSQLiteCacheSize, mmapSize: engine.DefaultSQLiteMmapSize}
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
func (s settings) pragmas() []string {
	return []string{
		"PRAGMA cache_size = " + strconv.FormatInt(s.cacheSize, 10),
		"PRAGMA mmap_size = " + strconv.FormatInt(s.mmapSize, 10),
	}
}

// pragmaConnector opens connections of drv and runs pragmas on each.
type pragmaConnector struct {
	drv     driver.Driver
	dsn     string
	pragmas []string
}

// Connect opens a connection and runs the pragmas on it.
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

// Driver returns the driver.
func (c pragmaConnector) Driver() driver.Driver { return c.drv }
