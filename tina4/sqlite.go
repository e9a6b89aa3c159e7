package tina4

import (
	"net/url"
	"strconv"
	"strings"
)

// databaseURL returns cfg.DatabaseURL, with SQLiteCacheSize and
// SQLiteMmapSize added to a sqlite URL's query unless it sets them itself.
func databaseURL(cfg Config) string {
	u := cfg.DatabaseURL
	scheme, _, _ := strings.Cut(u, ":")
	if s := strings.ToLower(scheme); s != "sqlite" && s != "sqlite3" || strings.Contains(u, ":memory:") {
		return u
	}
	base, raw, _ := strings.Cut(u, "?")
	q, err := url.ParseQuery(raw)
	if err != nil {
		return u // orm.Open names the problem
	}
	if !q.Has("cache_size") {
		q.Set("cache_size", strconv.FormatInt(cfg.SQLiteCacheSize, 10))
	}
	if !q.Has("mmap_size") {
		q.Set("mmap_size", strconv.FormatInt(cfg.SQLiteMmapSize, 10))
	}
	return base + "?" + q.Encode()
}
