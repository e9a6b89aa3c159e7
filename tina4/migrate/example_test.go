package migrate_test

import (
	"context"
	"fmt"
	"testing/fstest"

	"github.com/tina4stack/tina4-go/tina4/migrate"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// New runs the migrations of a folder (here an in-memory one; usually
// os.DirFS("migrations") or an embed.FS) on a database: Up applies the
// pending ones as one batch, Status lists every migration and its state.
func ExampleNew() {
	db, err := orm.Open("sqlite::memory:")
	if err != nil {
		panic(err)
	}
	defer db.Close()
	ctx := context.Background()

	fsys := fstest.MapFS{
		"000001_create_notes.sql":      {Data: []byte("CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT NOT NULL);")},
		"000001_create_notes.down.sql": {Data: []byte("DROP TABLE notes;")},
		"000002_seed_notes.sql":        {Data: []byte("INSERT INTO notes (title) VALUES ('first'); INSERT INTO notes (title) VALUES ('second');")},
	}
	res, err := migrate.New(db, fsys).Up(ctx)
	if err != nil {
		panic(err)
	}
	fmt.Println("batch", res.Batch, res.IDs)

	// A new file arrives later: Status shows it pending, and the next Up
	// applies only that one, as batch 2.
	fsys["000003_add_done.sql"] = &fstest.MapFile{Data: []byte("ALTER TABLE notes ADD COLUMN done BOOLEAN NOT NULL DEFAULT FALSE;")}
	m := migrate.New(db, fsys)
	list, err := m.Status(ctx)
	if err != nil {
		panic(err)
	}
	for _, s := range list {
		fmt.Println(s.ID, s.Description, s.Applied, s.Batch)
	}
	res, err = m.Up(ctx)
	if err != nil {
		panic(err)
	}
	fmt.Println("batch", res.Batch, res.IDs)
	// Output:
	// batch 1 [000001_create_notes 000002_seed_notes]
	// 000001_create_notes create notes true 1
	// 000002_seed_notes seed notes true 1
	// 000003_add_done add done false 0
	// batch 2 [000003_add_done]
}
