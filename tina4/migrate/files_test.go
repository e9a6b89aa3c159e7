package migrate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mapFS(names ...string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, n := range names {
		fsys[n] = &fstest.MapFile{Data: []byte("SELECT 1")}
	}
	return fsys
}

func TestLoadOrder(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		want  []string
	}{
		{"numbers as numbers", []string{"10_b.sql", "9_a.sql", "2_c.sql"}, []string{"2_c", "9_a", "10_b"}},
		{"padded", []string{"000010_b.sql", "000002_a.sql"}, []string{"000002_a", "000010_b"}},
		{"timestamps", []string{"20260101120000_x.sql", "20251231235959_y.sql"}, []string{"20251231235959_y", "20260101120000_x"}},
		{"others ignored", []string{"README.md", "1_a.sql", "notes.txt"}, []string{"1_a"}},
		{"none", nil, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := Load(mapFS(tt.files...))
			require.NoError(t, err)
			got := []string{}
			for _, m := range ms {
				got = append(got, m.ID)
			}
			assert.Equal(t, tt.want, got, "Load order")
		})
	}
	ms, err := Load(fstest.MapFS{"1_add_tags.sql": {Data: []byte("up")}, "1_add_tags.down.sql": {Data: []byte("down")}})
	if assert.NoError(t, err, "Load") && assert.Len(t, ms, 1, "Load") && assert.Equal(t, "add tags", ms[0].Description, "Load") && assert.Equal(t, "up", ms[0].Up, "Load") && assert.Equal(t, "down", ms[0].Down, "Load") {
		assert.True(t, ms[0].HasDown, "Load")
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		want  string
	}{
		{"no number", []string{"create_notes.sql"}, "named NUMBER_description.sql"},
		{"no description", []string{"0001.sql"}, "named NUMBER_description.sql"},
		{"orphan down", []string{"1_a.sql", "2_b.down.sql"}, "2_b.down.sql has no 2_b.sql beside it"},
		{"same number", []string{"1_a.sql", "01_b.sql"}, "have the same number"},
		{"too long", []string{"1_" + strings.Repeat("x", 199) + ".sql"}, "the most tina4_migration records is 200"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(mapFS(tt.files...))
			require.Error(t, err, "Load")
			require.Contains(t, err.Error(), tt.want, "Load")
		})
	}
	ms, err := Load(os.DirFS(filepath.Join(t.TempDir(), "missing")))
	if assert.NoError(t, err, "a missing folder: %v, %v; want no migrations", ms, err) {
		assert.Nil(t, ms, "a missing folder: %v, %v; want no migrations", ms, err)
	}
}

func TestCreate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "migrations")
	at := time.Date(2026, 11, 21, 12, 0, 0, 0, time.FixedZone("SAST", 2*3600))
	up, down, err := Create(dir, "Add tags, to notes!", at)
	require.NoError(t, err)
	assert.Equal(t, "20261121100000_add_tags_to_notes.sql", filepath.Base(up), "Create wrote %s and %s", up, down)
	assert.Equal(t, "20261121100000_add_tags_to_notes.down.sql", filepath.Base(down), "Create wrote %s and %s", up, down)
	up2, _, err := Create(dir, "second", at) // the same second: the next one
	if assert.NoError(t, err, "second Create") {
		assert.Equal(t, "20261121100001_second.sql", filepath.Base(up2), "second Create")
	}
	for _, bad := range []string{"", "  ", "!!!", "日本語"} {
		if _, _, err := Create(dir, bad, at); err == nil {
			assert.Error(t, err, "Create(%q) succeeded", bad)
		}
	}
	ms, err := Load(os.DirFS(dir))
	require.NoError(t, err, "Load after Create")
	require.Len(t, ms, 2, "Load after Create")
	_, err = statements(ms[0].Up, "sqlite")
	assert.Error(t, err, "a new migration's comment-only file counts as SQL")
}
