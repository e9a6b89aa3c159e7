package orm

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every connection of both SQLite pools (the writer and the readers) runs
// with the URL's cache_size and mmap_size, or the defaults.
func TestSQLiteCacheAndMmapSettings(t *testing.T) {
	tests := []struct {
		name        string
		query       string
		cache, mmap int64
	}{
		{"defaults", "", DefaultSQLiteCacheSize, DefaultSQLiteMmapSize},
		{"from the URL", "?cache_size=-65536&mmap_size=0", -65536, 0},
		{"pages", "?cache_size=500", 500, DefaultSQLiteMmapSize},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := Open("sqlite:///" + filepath.Join(t.TempDir(), "s.db") + tt.query)
			require.NoError(t, err)
			t.Cleanup(func() { db.Close() })
			require.Len(t, db.pools, 2)
			for i, pool := range db.pools {
				var cache, mmap int64
				require.NoError(t, pool.QueryRow("PRAGMA cache_size").Scan(&cache))
				require.NoError(t, pool.QueryRow("PRAGMA mmap_size").Scan(&mmap))
				assert.Equal(t, tt.cache, cache, "pool %d cache_size", i)
				assert.Equal(t, tt.mmap, mmap, "pool %d mmap_size", i)
			}
		})
	}
}

func TestSQLiteSettingsRefused(t *testing.T) {
	for _, q := range []string{"?cache_size=lots", "?mmap_size=-1", "?cache=1", "?journal_mode=DELETE"} {
		t.Run(q, func(t *testing.T) {
			_, err := Open("sqlite:///" + filepath.Join(t.TempDir(), "s.db") + q)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "orm: open sqlite")
		})
	}
}
