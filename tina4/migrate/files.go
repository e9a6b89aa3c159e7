package migrate

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"
)

// Migration is one migration file, with the .down.sql beside it if any.
type Migration struct {
	// ID is the file name without .sql: "000001_create_notes" or
	// "20260101120000_create_notes". It is what tina4_migration records.
	ID string
	// Description is the part of the name after the number, with
	// underscores as spaces: "create notes".
	Description string
	// Up is the file's SQL; Down the .down.sql's, empty when HasDown is false.
	Up, Down string
	HasDown  bool
}

// fileName matches a migration's file name: digits, an underscore, a name.
var fileName = regexp.MustCompile(`^([0-9]+)_([^/\\]+?)(\.down)?\.sql$`)

// Load reads the migrations of a folder in the order of their numbers (as
// numbers: 9_a before 10_b; timestamps and zero-padded numbers sort as their
// names do). A .sql file whose name
// is not NUMBER_name.sql or is longer than the tracking table records, a
// .down.sql without its migration, and two files with the same number are
// errors; other files are ignored. A missing folder
// has no migrations.
func Load(fsys fs.FS) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("migrate: read folder: %w", err)
	}
	byID := map[string]*Migration{}
	downs := map[string]string{}
	numbers := map[string]string{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".sql") {
			continue
		}
		m := fileName.FindStringSubmatch(name)
		if m == nil {
			return nil, fmt.Errorf("migrate: %s: a migration is named NUMBER_description.sql (for example 000001_create_notes.sql)", name)
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("migrate: read %s: %w", name, err)
		}
		id := m[1] + "_" + m[2]
		if len(id) > maxIDLength {
			return nil, fmt.Errorf("migrate: %s: the name is %d characters before .sql; the most %s records is %d", name, len(id), Table, maxIDLength)
		}
		if m[3] != "" {
			downs[id] = string(body)
			continue
		}
		num := strings.TrimLeft(m[1], "0")
		if other, dup := numbers[num]; dup {
			return nil, fmt.Errorf("migrate: %s and %s.sql have the same number %s", name, other, m[1])
		}
		numbers[num] = id
		byID[id] = &Migration{ID: id, Description: strings.ReplaceAll(m[2], "_", " "), Up: string(body)}
	}
	for id, down := range downs {
		m, ok := byID[id]
		if !ok {
			return nil, fmt.Errorf("migrate: %s.down.sql has no %s.sql beside it", id, id)
		}
		m.Down, m.HasDown = down, true
	}
	out := make([]Migration, 0, len(byID))
	for _, m := range byID {
		out = append(out, *m)
	}
	sort.Slice(out, func(i, j int) bool { return before(out[i].ID, out[j].ID) })
	return out, nil
}

// maxIDLength is the size of tracking table's migration_id column.
const maxIDLength = 200

// before orders migration IDs by their number, as a number (so 9_a comes
// before 10_b whatever the padding), then by name.
func before(a, b string) bool {
	na, _, _ := strings.Cut(a, "_")
	nb, _, _ := strings.Cut(b, "_")
	ta, tb := strings.TrimLeft(na, "0"), strings.TrimLeft(nb, "0")
	if len(ta) != len(tb) {
		return len(ta) < len(tb)
	}
	if ta != tb {
		return ta < tb
	}
	return a < b
}

// Create writes a new migration to dir (made if missing): a timestamped
// NUMBER_description.sql and its .down.sql, each holding a comment to
// replace with SQL. The number is now in UTC as YYYYMMDDhhmmss, moved on a
// second while a migration with that number exists. It returns the paths.
func Create(dir, description string, now time.Time) (up, down string, err error) {
	slug := slugify(description)
	if slug == "" {
		return "", "", fmt.Errorf("migrate: create: describe the migration in words, for example \"add tags\"")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", fmt.Errorf("migrate: create: %w", err)
	}
	existing, err := Load(os.DirFS(dir))
	if err != nil {
		return "", "", err
	}
	taken := map[string]bool{}
	for _, m := range existing {
		num, _, _ := strings.Cut(m.ID, "_")
		taken[num] = true
	}
	t := now.UTC()
	for taken[t.Format("20060102150405")] {
		t = t.Add(time.Second)
	}
	id := t.Format("20060102150405") + "_" + slug
	up = filepath.Join(dir, id+".sql")
	down = filepath.Join(dir, id+".down.sql")
	files := []struct{ path, text string }{
		{up, fmt.Sprintf("-- Migration: %s\n-- Write the SQL that applies it; statements end with ;\n", description)},
		{down, fmt.Sprintf("-- Rollback of: %s\n-- Write the SQL that undoes %s.sql\n", description, id)},
	}
	for _, f := range files {
		fh, err := os.OpenFile(f.path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return "", "", fmt.Errorf("migrate: create: %w", err)
		}
		_, werr := fh.WriteString(f.text)
		if cerr := fh.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return "", "", fmt.Errorf("migrate: create %s: %w", f.path, werr)
		}
	}
	return up, down, nil
}

// slugify turns "Add tags to notes!" into "add_tags_to_notes".
func slugify(s string) string {
	var b strings.Builder
	gap := false
	for _, r := range strings.ToLower(s) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if gap && b.Len() > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
			gap = false
			continue
		}
		gap = true
	}
	return b.String()
}
