package bench

import (
	"context"
	"database/sql"
	"time"

	"github.com/jmoiron/sqlx"
)

// The sqlx rows: columns mapped by db tags; the joined author by the
// "author." prefix of its column aliases.
type xNote struct {
	ID        int64     `db:"id"`
	Title     string    `db:"title"`
	Content   string    `db:"content"`
	Category  string    `db:"category"`
	Pinned    bool      `db:"pinned"`
	Views     int64     `db:"views"`
	CreatedAt time.Time `db:"created_at"`
}

type xAuthor struct {
	ID    int64  `db:"id"`
	Name  string `db:"name"`
	Email string `db:"email"`
	Posts []xPost
}

type xPost struct {
	ID       int64  `db:"id"`
	AuthorID int64  `db:"author_id"`
	Title    string `db:"title"`
	Body     string `db:"body"`
	Views    int64  `db:"views"`
}

type xJoined struct {
	xPost
	Author struct {
		ID    sql.NullInt64  `db:"id"`
		Name  sql.NullString `db:"name"`
		Email sql.NullString `db:"email"`
	} `db:"author"`
}

// SQLX is github.com/jmoiron/sqlx: hand-written SQL, scanned by column name.
type SQLX struct {
	db *sqlx.DB
	q  queries
	// join is the join query with the author's columns aliased for sqlx.
	join string
}

// OpenSQLX opens the sqlx contender.
func OpenSQLX(t Target) (Contender, error) {
	sqlDB, err := t.OpenSQL()
	if err != nil {
		return nil, err
	}
	return &SQLX{
		db: sqlx.NewDb(sqlDB, t.Driver()),
		q:  newQueries(t.Engine),
		join: `SELECT p.id, p.author_id, p.title, p.body, p.views, a.id AS "author.id", a.name AS "author.name", a.email AS "author.email"
			FROM posts p LEFT JOIN authors a ON a.id = p.author_id ORDER BY p.id LIMIT 1000`,
	}, nil
}

func (x *SQLX) Close() error { return x.db.Close() }

func (x *SQLX) InsertOne(ctx context.Context, i int) (int64, error) {
	n := newNote(i)
	n.CreatedAt = now()
	return insertNote(ctx, x.db, x.q.insert, x.q.returning, n)
}

func (x *SQLX) FindByPK(ctx context.Context, id int64) (NoteSummary, error) {
	var n xNote
	err := x.db.GetContext(ctx, &n, x.q.find, id)
	return NoteSummary(n), err
}

func (x *SQLX) UpdateOne(ctx context.Context, n NoteSummary) error {
	_, err := x.db.ExecContext(ctx, x.q.update, n.Title, n.Content, n.Category, n.Pinned, n.Views, n.ID)
	return err
}

func (x *SQLX) Page(ctx context.Context) (int, int64, error) {
	var notes []xNote
	if err := x.db.SelectContext(ctx, &notes, x.q.page, "work"); err != nil {
		return 0, 0, err
	}
	return sumViews(notes, func(n xNote) int64 { return n.Views })
}

func (x *SQLX) Count(ctx context.Context) (int, error) {
	var n int
	err := x.db.GetContext(ctx, &n, x.q.count, "work")
	return n, err
}

func (x *SQLX) Eager(ctx context.Context) (int, int, error) {
	var authors []xAuthor
	if err := x.db.SelectContext(ctx, &authors, x.q.authors); err != nil {
		return 0, 0, err
	}
	ids := make([]int64, len(authors))
	byID := make(map[int64]int, len(authors))
	for i, a := range authors {
		ids[i] = a.ID
		byID[a.ID] = i
	}
	q, args, err := sqlx.In(`SELECT id, author_id, title, body, views FROM posts WHERE author_id IN (?) ORDER BY id`, ids)
	if err != nil {
		return 0, 0, err
	}
	var posts []xPost
	if err := x.db.SelectContext(ctx, &posts, x.db.Rebind(q), args...); err != nil {
		return 0, 0, err
	}
	for _, p := range posts {
		a := &authors[byID[p.AuthorID]]
		a.Posts = append(a.Posts, p)
	}
	return countAttached(authors, func(a xAuthor) (int64, []xPost) { return a.ID, a.Posts },
		func(p xPost) int64 { return p.AuthorID })
}

func (x *SQLX) Join(ctx context.Context) (int, int, error) {
	var posts []xJoined
	if err := x.db.SelectContext(ctx, &posts, x.join); err != nil {
		return 0, 0, err
	}
	return countJoined(posts, func(p xJoined) (int64, int64, bool) {
		return p.AuthorID, p.Author.ID.Int64, p.Author.ID.Valid
	})
}

func (x *SQLX) InsertBatch(ctx context.Context, i int) error {
	tx, err := x.db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := insertBatch(ctx, tx, x.q.insert, x.q.returning, i); err != nil {
		return err
	}
	return tx.Commit()
}
