package orm_test

import (
	"database/sql"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// Note is the chapter's section 2 model.
type Note struct {
	ID        int64     `db:"id"`
	Title     string    `db:"title" validate:"required,max=200"`
	Content   string    `db:"content" default:""`
	Category  string    `db:"category" default:"general"`
	Pinned    bool      `db:"pinned"`
	Views     int       `db:"views"`
	CreatedAt time.Time `db:"created_at,auto_now_add"`
	UpdatedAt time.Time `db:"updated_at,auto_now"`
}

func (Note) TableName() string { return "notes" }

// Order has a reserved word for its table and columns.
type Order struct {
	ID     int64   `db:"id"`
	Select string  `db:"select"`
	Group  *string `db:"group"`
}

func (Order) TableName() string { return "order" }

// Task is the chapter's soft-delete model.
type Task struct {
	ID        int64  `db:"id"`
	Title     string `db:"title" validate:"required"`
	Completed bool   `db:"completed"`
	orm.SoftDeletes
	CreatedAt time.Time `db:"created_at,auto_now_add"`
}

func (Task) TableName() string { return "tasks" }

// Product is the chapter's validation model.
type Product struct {
	ID       int64   `db:"id"`
	Name     string  `db:"name" validate:"required,min=2,max=200"`
	SKU      string  `db:"sku" validate:"required" regex:"^[A-Z]{2}-\\d{4}$"`
	Price    float64 `db:"price" validate:"required,min=0.01,max=999999.99"`
	Category string  `db:"category" validate:"omitempty,oneof=Electronics Kitchen Office Fitness"`
}

func (Product) TableName() string { return "products" }

// Sample has a field of every supported kind.
type Sample struct {
	ID    int64           `db:"id"`
	Small int8            `db:"small"`
	Count uint32          `db:"count"`
	Ratio float32         `db:"ratio"`
	Blob  []byte          `db:"blob"`
	Body  string          `db:"body,text"`
	Nick  sql.NullString  `db:"nick"`
	Score sql.Null[int64] `db:"score"`
	Seen  *time.Time      `db:"seen"`
	Maybe *string         `db:"maybe"`
	Flag  *bool           `db:"flag" default:"true"`
	When  sql.NullTime    `db:"when"`
	At    time.Time       `db:"at"`
}

// Account uses field mapping and a hidden column.
type Account struct {
	ID           int64  `db:"id"`
	FirstName    string `db:"fname" validate:"required"`
	EmailAddress string `db:"email"`
	PasswordHash string `db:"password_hash,hidden"`
}

func (Account) TableName() string { return "user_accounts" }

// Stamped is embedded by Article.
type Stamped struct {
	CreatedAt time.Time `db:"created_at,auto_now_add"`
	UpdatedAt time.Time `db:"updated_at,auto_now"`
}

// Article gets its timestamps from an embedded struct.
type Article struct {
	ID    int64  `db:"id"`
	Title string `db:"title"`
	Stamped
}

// Author and Post are the chapter's blog, with a real foreign key.
type Author struct {
	ID    int64  `db:"id"`
	Name  string `db:"name" validate:"required,min=2"`
	Email string `db:"email" validate:"required,email"`
}

func (Author) TableName() string { return "authors" }

type Post struct {
	ID       int64  `db:"id"`
	AuthorID int64  `db:"author_id" references:"authors.id"`
	Title    string `db:"title" validate:"required,max=300"`
	Status   string `db:"status" default:"draft" validate:"oneof=draft published archived"`
	orm.SoftDeletes
	CreatedAt time.Time `db:"created_at,auto_now_add"`
}

func (Post) TableName() string { return "posts" }

type Profile struct {
	ID       int64  `db:"id"`
	AuthorID *int64 `db:"author_id" references:"authors.id" on_delete:"set null"`
	Bio      string `db:"bio"`
}

// Tag has a unique column, written with raw SQL in the test.
type Tag struct {
	ID   int64  `db:"id"`
	Name string `db:"name,unique"`
}
