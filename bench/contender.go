package bench

import (
	"context"
	"fmt"
	"time"
)

// Contender does the suite's operations one way: hand-written database/sql,
// this ORM, GORM, bun or sqlx. Every method returns what it read, summed up,
// so that a test can check that all contenders did the same work.
type Contender interface {
	// InsertOne inserts note number i and returns its id.
	InsertOne(ctx context.Context, i int) (int64, error)
	// FindByPK reads the note with primary key id.
	FindByPK(ctx context.Context, id int64) (NoteSummary, error)
	// UpdateOne reads nothing: it writes every column of note n, as an ORM's
	// Save does.
	UpdateOne(ctx context.Context, n NoteSummary) error
	// Page reads the first PageSize notes of category "work" by id and
	// returns how many it read and the sum of their views.
	Page(ctx context.Context) (int, int64, error)
	// Count counts the notes of category "work".
	Count(ctx context.Context) (int, error)
	// Eager reads the first PageSize authors by id with their posts (one
	// query for the authors, one for the posts), and returns the number of
	// authors and of posts attached to the right author.
	Eager(ctx context.Context) (int, int, error)
	// Join reads the first JoinRows posts by id with their author in one
	// query, and returns the number of posts and of posts whose author was
	// loaded and is the right one.
	Join(ctx context.Context) (int, int, error)
	// InsertBatch inserts BatchRows notes, numbered from i, in one
	// transaction, one INSERT each.
	InsertBatch(ctx context.Context, i int) error
	// Close releases the contender's database handle.
	Close() error
}

// NoteSummary is a note as every contender reports it.
type NoteSummary struct {
	ID        int64
	Title     string
	Content   string
	Category  string
	Pinned    bool
	Views     int64
	CreatedAt time.Time
}

// newNote is note number i as InsertOne and InsertBatch write it. Inserted
// notes have the category "inbox", so that they never change what Page and
// Count read.
func newNote(i int) NoteSummary {
	return NoteSummary{Title: fmt.Sprintf("New note %d", i), Content: "Written by the benchmark.", Category: "inbox", Views: int64(i)}
}

// Opener opens a contender on a target.
type Opener struct {
	Name string
	Open func(Target) (Contender, error)
}

// Contenders lists every contender, the floors first.
var Contenders = []Opener{
	{"raw", OpenRaw},
	{"prepared", OpenPrepared},
	{"tina4", OpenTina4},
	{"gorm", OpenGORM},
	{"bun", OpenBun},
	{"sqlx", OpenSQLX},
}

// now is the created_at every contender stamps on insert: UTC, to the
// microsecond, as the ORM's auto_now_add does.
func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }
