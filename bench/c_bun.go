package bench

import (
	"context"
	"database/sql"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"github.com/uptrace/bun/schema"
)

// The bun models.
type BNote struct {
	bun.BaseModel `bun:"table:notes"`
	ID            int64 `bun:",pk,autoincrement"`
	Title         string
	Content       string
	Category      string
	Pinned        bool
	Views         int64
	CreatedAt     time.Time
}

type BAuthor struct {
	bun.BaseModel `bun:"table:authors"`
	ID            int64 `bun:",pk,autoincrement"`
	Name          string
	Email         string
	Posts         []BPost `bun:"rel:has-many,join:id=author_id"`
}

type BPost struct {
	bun.BaseModel `bun:"table:posts,alias:p"`
	ID            int64 `bun:",pk,autoincrement"`
	AuthorID      int64
	Author        *BAuthor `bun:"rel:belongs-to,join:author_id=id"`
	Title         string
	Body          string
	Views         int64
}

// Bun is github.com/uptrace/bun on the same *sql.DB configuration.
type Bun struct{ db *bun.DB }

// OpenBun opens the bun contender.
func OpenBun(t Target) (Contender, error) {
	sqlDB, err := t.OpenSQL()
	if err != nil {
		return nil, err
	}
	var d schema.Dialect = sqlitedialect.New()
	if t.Engine.Name == "postgres" {
		d = pgdialect.New()
	}
	return &Bun{db: bun.NewDB(sqlDB, d)}, nil
}

func (c *Bun) Close() error { return c.db.Close() }

func (c *Bun) InsertOne(ctx context.Context, i int) (int64, error) {
	s := newNote(i)
	n := BNote{Title: s.Title, Content: s.Content, Category: s.Category, Pinned: s.Pinned, Views: s.Views, CreatedAt: now()}
	_, err := c.db.NewInsert().Model(&n).Exec(ctx)
	return n.ID, err
}

func (c *Bun) FindByPK(ctx context.Context, id int64) (NoteSummary, error) {
	var n BNote
	err := c.db.NewSelect().Model(&n).Where("id = ?", id).Scan(ctx)
	return NoteSummary{n.ID, n.Title, n.Content, n.Category, n.Pinned, n.Views, n.CreatedAt}, err
}

func (c *Bun) UpdateOne(ctx context.Context, s NoteSummary) error {
	n := BNote{ID: s.ID, Title: s.Title, Content: s.Content, Category: s.Category, Pinned: s.Pinned, Views: s.Views}
	_, err := c.db.NewUpdate().Model(&n).Column("title", "content", "category", "pinned", "views").WherePK().Exec(ctx)
	return err
}

func (c *Bun) Page(ctx context.Context) (int, int64, error) {
	var notes []BNote
	if err := c.db.NewSelect().Model(&notes).Where("category = ?", "work").Order("id").Limit(PageSize).Scan(ctx); err != nil {
		return 0, 0, err
	}
	return sumViews(notes, func(n BNote) int64 { return n.Views })
}

func (c *Bun) Count(ctx context.Context) (int, error) {
	n, err := c.db.NewSelect().Model((*BNote)(nil)).Where("category = ?", "work").Count(ctx)
	return int(n), err
}

func (c *Bun) Eager(ctx context.Context) (int, int, error) {
	var authors []BAuthor
	if err := c.db.NewSelect().Model(&authors).Relation("Posts").Order("id").Limit(PageSize).Scan(ctx); err != nil {
		return 0, 0, err
	}
	return countAttached(authors, func(a BAuthor) (int64, []BPost) { return a.ID, a.Posts },
		func(p BPost) int64 { return p.AuthorID })
}

func (c *Bun) Join(ctx context.Context) (int, int, error) {
	var posts []BPost
	if err := c.db.NewSelect().Model(&posts).Relation("Author").Order("p.id").Limit(JoinRows).Scan(ctx); err != nil {
		return 0, 0, err
	}
	return countJoined(posts, func(p BPost) (int64, int64, bool) {
		if p.Author == nil {
			return p.AuthorID, 0, false
		}
		return p.AuthorID, p.Author.ID, true
	})
}

func (c *Bun) InsertBatch(ctx context.Context, i int) error {
	return c.db.RunInTx(ctx, &sql.TxOptions{}, func(ctx context.Context, tx bun.Tx) error {
		stamp := now()
		for k := range BatchRows {
			s := newNote(i + k)
			n := BNote{Title: s.Title, Content: s.Content, Category: s.Category, Pinned: s.Pinned, Views: s.Views, CreatedAt: stamp}
			if _, err := tx.NewInsert().Model(&n).Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
}
