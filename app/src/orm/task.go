package models

import (
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// Task is the soft-delete model of section 8, served by AutoCrud at
// /api/tasks: DELETE sets deleted_at, and the row disappears from GET and the
// list while staying in the table.
type Task struct {
	ID              int64     `db:"id"`
	Title           string    `db:"title" validate:"required"`
	Completed       bool      `db:"completed"`
	orm.SoftDeletes           // deleted_at
	CreatedAt       time.Time `db:"created_at,auto_now_add"`
}

// TableName names the table.
func (Task) TableName() string { return "tasks" }

func init() { orm.Register[Task]() }
