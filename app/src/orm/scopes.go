package models

import (
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// The scopes of section 10: reusable filters on BlogPost, applied with
// orm.Query[BlogPost](ctx).Apply(models.Published).

// Published keeps the published posts.
func Published(b *orm.Builder[BlogPost]) *orm.Builder[BlogPost] {
	return b.Where("status = ?", "published")
}

// Drafts keeps the draft posts.
func Drafts(b *orm.Builder[BlogPost]) *orm.Builder[BlogPost] {
	return b.Where("status = ?", "draft")
}

// Recent keeps the posts created in the last days days. The cut-off is a
// bound time compared through the filter syntax, so it works on every engine
// (the chapter's datetime('now', ...) is SQLite only).
func Recent(days int) orm.Scope[BlogPost] {
	return func(b *orm.Builder[BlogPost]) *orm.Builder[BlogPost] {
		return b.Filter("created_at__gt", time.Now().UTC().AddDate(0, 0, -days))
	}
}

// Newest orders posts newest first.
func Newest(b *orm.Builder[BlogPost]) *orm.Builder[BlogPost] {
	return b.OrderBy("created_at DESC", "id DESC")
}

// Compile-time checks that the scopes have the Scope type.
var _ = []orm.Scope[BlogPost]{Published, Drafts, Newest}
