package models

import (
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// Author writes blog posts (sections 12 and 13).
type Author struct {
	ID        int64     `db:"id"`
	Name      string    `db:"name" validate:"required,min=2"`
	Email     string    `db:"email" validate:"required,email"`
	Bio       string    `db:"bio" default:""`
	CreatedAt time.Time `db:"created_at,auto_now_add"`
	// Posts are the author's posts: GET /api/authors?include=posts loads them.
	Posts orm.HasMany[BlogPost]
}

// TableName names the table.
func (Author) TableName() string { return "authors" }

// BlogPost is a post of an author, in the posts table. Author is the
// author_id column and the relation at once, with ON DELETE RESTRICT: an
// author who still has posts cannot be deleted (409).
type BlogPost struct {
	ID        int64                  `db:"id"`
	Author    orm.ForeignKey[Author] `db:"author_id" validate:"required"`
	Title     string                 `db:"title" validate:"required,max=300"`
	Slug      string                 `db:"slug" validate:"required"`
	Content   string                 `db:"content" default:""`
	Status    string                 `db:"status" default:"draft" validate:"omitempty,oneof=draft published archived"`
	CreatedAt time.Time              `db:"created_at,auto_now_add"`
	UpdatedAt time.Time              `db:"updated_at,auto_now"`
	// Comments are the post's comments (deleted with it).
	Comments orm.HasMany[Comment]
}

// TableName names the table.
func (BlogPost) TableName() string { return "posts" }

// Comment is a reader's comment on a post; deleting the post deletes its
// comments.
type Comment struct {
	ID          int64                    `db:"id"`
	Post        orm.ForeignKey[BlogPost] `db:"post_id" on_delete:"cascade" validate:"required"`
	AuthorName  string                   `db:"author_name" validate:"required"`
	AuthorEmail string                   `db:"author_email" validate:"required,email"`
	Body        string                   `db:"body" validate:"required,min=5"`
	CreatedAt   time.Time                `db:"created_at,auto_now_add"`
}

// TableName names the table.
func (Comment) TableName() string { return "comments" }

func init() {
	orm.Register[Author]()
	orm.Register[BlogPost]()
	orm.Register[Comment]()
}
