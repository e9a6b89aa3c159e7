package bench

import (
	"context"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// The Tina4 models. T4Note is also the model AutoCrud serves.
type T4Note struct {
	ID        int64     `db:"id"`
	Title     string    `db:"title" validate:"required,max=200"`
	Content   string    `db:"content"`
	Category  string    `db:"category" default:"general"`
	Pinned    bool      `db:"pinned"`
	Views     int64     `db:"views"`
	CreatedAt time.Time `db:"created_at,auto_now_add"`
}

func (T4Note) TableName() string { return "notes" }

type T4Author struct {
	ID    int64               `db:"id"`
	Name  string              `db:"name"`
	Email string              `db:"email"`
	Posts orm.HasMany[T4Post] `fk:"author_id"`
}

func (T4Author) TableName() string { return "authors" }

type T4Post struct {
	ID     int64                    `db:"id"`
	Author orm.ForeignKey[T4Author] `db:"author_id"`
	Title  string                   `db:"title"`
	Body   string                   `db:"body"`
	Views  int64                    `db:"views"`
}

func (T4Post) TableName() string { return "posts" }

func init() {
	orm.Register[T4Note]()
	orm.Register[T4Author]()
	orm.Register[T4Post]()
}

// Tina4 is this framework's ORM, opened with orm.Open.
type Tina4 struct {
	db *orm.DB
	// ctx is context.Background() carrying db: a real app sets its database
	// once (orm.SetDefault), so the benchmark does not derive one per call.
	ctx context.Context
}

// OpenTina4 opens the ORM contender.
func OpenTina4(t Target) (Contender, error) {
	db, err := orm.Open(t.ORMURL())
	if err != nil {
		return nil, err
	}
	return &Tina4{db: db, ctx: orm.WithDB(context.Background(), db)}, nil
}

// DB returns the contender's database handle.
func (c *Tina4) DB() *orm.DB { return c.db }

func (c *Tina4) Close() error { return c.db.Close() }

func (c *Tina4) with(ctx context.Context) context.Context {
	if ctx == context.Background() {
		return c.ctx
	}
	return orm.WithDB(ctx, c.db)
}

func (c *Tina4) InsertOne(ctx context.Context, i int) (int64, error) {
	s := newNote(i)
	n := T4Note{Title: s.Title, Content: s.Content, Category: s.Category, Pinned: s.Pinned, Views: s.Views}
	err := orm.Save(c.with(ctx), &n)
	return n.ID, err
}

func (c *Tina4) FindByPK(ctx context.Context, id int64) (NoteSummary, error) {
	n, err := orm.Find[T4Note](c.with(ctx), id)
	if err != nil || n == nil {
		return NoteSummary{}, err
	}
	return NoteSummary(*n), nil
}

func (c *Tina4) UpdateOne(ctx context.Context, s NoteSummary) error {
	n := T4Note(s)
	return orm.Save(c.with(ctx), &n)
}

func (c *Tina4) Page(ctx context.Context) (int, int64, error) {
	notes, err := orm.Query[T4Note](c.with(ctx)).Where("category = ?", "work").OrderBy("id").Limit(PageSize).Get()
	if err != nil {
		return 0, 0, err
	}
	return sumViews(notes, func(n T4Note) int64 { return n.Views })
}

func (c *Tina4) Count(ctx context.Context) (int, error) {
	return orm.Count[T4Note](c.with(ctx), "category = ?", []any{"work"})
}

func (c *Tina4) Eager(ctx context.Context) (int, int, error) {
	ctx = c.with(ctx)
	authors, err := orm.Query[T4Author](ctx).OrderBy("id").Limit(PageSize).Include("posts").Get()
	if err != nil {
		return 0, 0, err
	}
	return countAttached(authors, func(a T4Author) (int64, []T4Post) {
		posts, _ := a.Posts.All(ctx) // prefetched: no query
		return a.ID, posts
	}, func(p T4Post) int64 { return p.Author.ID })
}

func (c *Tina4) Join(ctx context.Context) (int, int, error) {
	posts, err := orm.Query[T4Post](c.with(ctx)).SelectRelated("author").OrderByField("id").Limit(JoinRows).Get()
	if err != nil {
		return 0, 0, err
	}
	return countJoined(posts, func(p T4Post) (int64, int64, bool) {
		a := p.Author.Loaded()
		if a == nil {
			return p.Author.ID, 0, false
		}
		return p.Author.ID, a.ID, true
	})
}

func (c *Tina4) InsertBatch(ctx context.Context, i int) error {
	return orm.Transaction(c.with(ctx), func(ctx context.Context) error {
		for k := range BatchRows {
			s := newNote(i + k)
			n := T4Note{Title: s.Title, Content: s.Content, Category: s.Category, Pinned: s.Pinned, Views: s.Views}
			if err := orm.Save(ctx, &n); err != nil {
				return err
			}
		}
		return nil
	})
}
