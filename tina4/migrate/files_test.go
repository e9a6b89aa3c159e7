package migrate

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
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
			if err != nil {
				t.Fatal(err)
			}
			got := []string{}
			for _, m := range ms {
				got = append(got, m.ID)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Load order = %v, want %v", got, tt.want)
			}
		})
	}
	ms, err := Load(fstest.MapFS{"1_add_tags.sql": {Data: []byte("up")}, "1_add_tags.down.sql": {Data: []byte("down")}})
	if err != nil || len(ms) != 1 || ms[0].Description != "add tags" || ms[0].Up != "up" || ms[0].Down != "down" || !ms[0].HasDown {
		t.Errorf("Load = %+v, %v", ms, err)
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
			if _, err := Load(mapFS(tt.files...)); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Load = %v, want %q", err, tt.want)
			}
		})
	}
	if ms, err := Load(os.DirFS(filepath.Join(t.TempDir(), "missing"))); err != nil || ms != nil {
		t.Errorf("a missing folder: %v, %v; want no migrations", ms, err)
	}
}

func TestCreate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "migrations")
	at := time.Date(2026, 11, 21, 12, 0, 0, 0, time.FixedZone("SAST", 2*3600))
	up, down, err := Create(dir, "Add tags, to notes!", at)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(up) != "20261121100000_add_tags_to_notes.sql" || filepath.Base(down) != "20261121100000_add_tags_to_notes.down.sql" {
		t.Errorf("Create wrote %s and %s", up, down)
	}
	up2, _, err := Create(dir, "second", at) // the same second: the next one
	if err != nil || filepath.Base(up2) != "20261121100001_second.sql" {
		t.Errorf("second Create = %s, %v", up2, err)
	}
	for _, bad := range []string{"", "  ", "!!!", "日本語"} {
		if _, _, err := Create(dir, bad, at); err == nil {
			t.Errorf("Create(%q) succeeded", bad)
		}
	}
	ms, err := Load(os.DirFS(dir))
	if err != nil || len(ms) != 2 {
		t.Fatalf("Load after Create = %v, %v", ms, err)
	}
	if _, err := statements(ms[0].Up, "sqlite"); err == nil {
		t.Error("a new migration's comment-only file counts as SQL")
	}
}
