package models

import (
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// Note is the chapter's first model (section 2), served by AutoCrud at
// /api/notes.
type Note struct {
	ID        int64     `db:"id"`
	Title     string    `db:"title" validate:"required,max=200"`
	Content   string    `db:"content" default:""`
	Category  string    `db:"category" default:"general"`
	Pinned    bool      `db:"pinned"`
	CreatedAt time.Time `db:"created_at,auto_now_add"`
	UpdatedAt time.Time `db:"updated_at,auto_now"`
}

// TableName names the table.
func (Note) TableName() string { return "notes" }

func init() { orm.Register[Note]() }
