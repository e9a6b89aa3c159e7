package bench

import (
	"context"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// The GORM models.
type GNote struct {
	ID        int64
	Title     string
	Content   string
	Category  string
	Pinned    bool
	Views     int64
	CreatedAt time.Time
}

func (GNote) TableName() string { return "notes" }

type GAuthor struct {
	ID    int64
	Name  string
	Email string
	Posts []GPost `gorm:"foreignKey:AuthorID"`
}

func (GAuthor) TableName() string { return "authors" }

type GPost struct {
	ID       int64
	AuthorID int64
	Author   *GAuthor
	Title    string
	Body     string
	Views    int64
}

func (GPost) TableName() string { return "posts" }

// GORM is gorm.io/gorm on the same *sql.DB configuration as the others, in
// the configuration its documentation recommends for speed: statements
// prepared and cached (PrepareStmt), no implicit transaction around single
// writes (SkipDefaultTransaction), and no logging.
type GORM struct{ db *gorm.DB }

// OpenGORM opens the GORM contender (gorm.io/driver/sqlite, which is
// mattn/go-sqlite3, or gorm.io/driver/postgres on pgx).
func OpenGORM(t Target) (Contender, error) {
	sqlDB, err := t.OpenSQL()
	if err != nil {
		return nil, err
	}
	var d gorm.Dialector = sqlite.Dialector{Conn: sqlDB}
	if t.Engine.Name == "postgres" {
		d = postgres.New(postgres.Config{Conn: sqlDB})
	}
	db, err := gorm.Open(d, &gorm.Config{
		PrepareStmt:            true,
		SkipDefaultTransaction: true,
		Logger:                 logger.Discard,
	})
	if err != nil {
		sqlDB.Close()
		return nil, err
	}
	return &GORM{db: db}, nil
}

func (g *GORM) Close() error {
	sqlDB, err := g.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

func (g *GORM) InsertOne(ctx context.Context, i int) (int64, error) {
	s := newNote(i)
	n := GNote{Title: s.Title, Content: s.Content, Category: s.Category, Pinned: s.Pinned, Views: s.Views}
	err := g.db.WithContext(ctx).Create(&n).Error
	return n.ID, err
}

func (g *GORM) FindByPK(ctx context.Context, id int64) (NoteSummary, error) {
	var n GNote
	err := g.db.WithContext(ctx).First(&n, id).Error
	return NoteSummary(n), err
}

func (g *GORM) UpdateOne(ctx context.Context, s NoteSummary) error {
	return g.db.WithContext(ctx).Model(&GNote{ID: s.ID}).Select("title", "content", "category", "pinned", "views").
		Updates(GNote{Title: s.Title, Content: s.Content, Category: s.Category, Pinned: s.Pinned, Views: s.Views}).Error
}

func (g *GORM) Page(ctx context.Context) (int, int64, error) {
	var notes []GNote
	if err := g.db.WithContext(ctx).Where("category = ?", "work").Order("id").Limit(PageSize).Find(&notes).Error; err != nil {
		return 0, 0, err
	}
	return sumViews(notes, func(n GNote) int64 { return n.Views })
}

func (g *GORM) Count(ctx context.Context) (int, error) {
	var n int64
	err := g.db.WithContext(ctx).Model(&GNote{}).Where("category = ?", "work").Count(&n).Error
	return int(n), err
}

func (g *GORM) Eager(ctx context.Context) (int, int, error) {
	var authors []GAuthor
	if err := g.db.WithContext(ctx).Preload("Posts").Order("id").Limit(PageSize).Find(&authors).Error; err != nil {
		return 0, 0, err
	}
	return countAttached(authors, func(a GAuthor) (int64, []GPost) { return a.ID, a.Posts },
		func(p GPost) int64 { return p.AuthorID })
}

func (g *GORM) Join(ctx context.Context) (int, int, error) {
	var posts []GPost
	if err := g.db.WithContext(ctx).Joins("Author").Order("posts.id").Limit(JoinRows).Find(&posts).Error; err != nil {
		return 0, 0, err
	}
	return countJoined(posts, func(p GPost) (int64, int64, bool) {
		if p.Author == nil {
			return p.AuthorID, 0, false
		}
		return p.AuthorID, p.Author.ID, true
	})
}

func (g *GORM) InsertBatch(ctx context.Context, i int) error {
	return g.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for k := range BatchRows {
			s := newNote(i + k)
			n := GNote{Title: s.Title, Content: s.Content, Category: s.Category, Pinned: s.Pinned, Views: s.Views}
			if err := tx.Create(&n).Error; err != nil {
				return err
			}
		}
		return nil
	})
}
