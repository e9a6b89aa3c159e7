package tina4

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDatabaseURLCarriesSQLiteSettings(t *testing.T) {
	cfg := DefaultConfig()
	cfg.SQLiteCacheSize, cfg.SQLiteMmapSize = -1000, 0
	tests := []struct{ url, want string }{
		{"sqlite:///data/app.db", "sqlite:///data/app.db?cache_size=-1000&mmap_size=0"},
		{"sqlite:///data/app.db?cache_size=5", "sqlite:///data/app.db?cache_size=5&mmap_size=0"},
		{"SQLite3:////abs.db?mmap_size=7&cache_size=5", "SQLite3:////abs.db?cache_size=5&mmap_size=7"},
		{"sqlite::memory:", "sqlite::memory:"},
		{"postgres://u@h/db", "postgres://u@h/db"},
		{"mysql://root@h/db", "mysql://root@h/db"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			cfg.DatabaseURL = tt.url
			assert.Equal(t, tt.want, databaseURL(cfg))
		})
	}
}
