package bench

import (
	"context"
	"database/sql"
	"strings"
)

// The hand-written SQL, with ? placeholders (rebound for PostgreSQL).
const (
	sqlInsert   = `INSERT INTO notes (title, content, category, pinned, views, created_at) VALUES (?, ?, ?, ?, ?, ?)`
	sqlFind     = `SELECT id, title, content, category, pinned, views, created_at FROM notes WHERE id = ?`
	sqlUpdate   = `UPDATE notes SET title = ?, content = ?, category = ?, pinned = ?, views = ? WHERE id = ?`
	sqlPage     = `SELECT id, title, content, category, pinned, views, created_at FROM notes WHERE category = ? ORDER BY id LIMIT 100`
	sqlCount    = `SELECT COUNT(*) FROM notes WHERE category = ?`
	sqlAuthors  = `SELECT id, name, email FROM authors ORDER BY id LIMIT 100`
	sqlPostsOf  = `SELECT id, author_id, title, body, views FROM posts WHERE author_id IN (` // + 100 marks
	sqlJoin     = `SELECT p.id, p.author_id, p.title, p.body, p.views, a.id, a.name, a.email FROM posts p LEFT JOIN authors a ON a.id = p.author_id ORDER BY p.id LIMIT 1000`
	sqlInsertID = ` RETURNING id` // PostgreSQL has no LastInsertId
)

// Hand-written rows.
type rawNote = NoteSummary

type rawAuthor struct {
	ID          int64
	Name, Email string
	Posts       []rawPost
}

type rawPost struct {
	ID, AuthorID int64
	Title, Body  string
	Views        int64
	Author       *rawAuthor
}

// queries is the hand-written SQL of one engine.
type queries struct {
	insert, find, update, page, count, authors, postsOf, join string
	returning                                                 bool
}

func newQueries(e Engine) queries {
	marks := "?" + strings.Repeat(", ?", PageSize-1) + ") ORDER BY id"
	q := queries{
		insert: sqlInsert, find: sqlFind, update: sqlUpdate, page: sqlPage, count: sqlCount,
		authors: sqlAuthors, postsOf: sqlPostsOf + marks, join: sqlJoin,
		returning: e.Name == "postgres",
	}
	if q.returning {
		q.insert += sqlInsertID
	}
	for _, p := range []*string{&q.insert, &q.find, &q.update, &q.page, &q.count, &q.authors, &q.postsOf, &q.join} {
		*p = e.Rebind(*p)
	}
	return q
}

// executor is what the hand-written code runs statements on: the pool, a
// transaction, or (for prepared) statements.
type executor interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Raw is hand-written database/sql with plain QueryContext calls: the driver
// prepares every statement anew.
type Raw struct {
	db *sql.DB
	q  queries
}

// OpenRaw opens the hand-written contender.
func OpenRaw(t Target) (Contender, error) {
	db, err := t.OpenSQL()
	if err != nil {
		return nil, err
	}
	return &Raw{db: db, q: newQueries(t.Engine)}, nil
}

func (r *Raw) Close() error { return r.db.Close() }

func insertNote(ctx context.Context, ex executor, q string, returning bool, n NoteSummary) (int64, error) {
	args := []any{n.Title, n.Content, n.Category, n.Pinned, n.Views, n.CreatedAt}
	if returning {
		var id int64
		err := ex.QueryRowContext(ctx, q, args...).Scan(&id)
		return id, err
	}
	res, err := ex.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

func (r *Raw) InsertOne(ctx context.Context, i int) (int64, error) {
	n := newNote(i)
	n.CreatedAt = now()
	return insertNote(ctx, r.db, r.q.insert, r.q.returning, n)
}

func scanNote(row interface{ Scan(...any) error }, n *rawNote) error {
	return row.Scan(&n.ID, &n.Title, &n.Content, &n.Category, &n.Pinned, &n.Views, &n.CreatedAt)
}

func (r *Raw) FindByPK(ctx context.Context, id int64) (NoteSummary, error) {
	var n rawNote
	err := scanNote(r.db.QueryRowContext(ctx, r.q.find, id), &n)
	return n, err
}

func (r *Raw) UpdateOne(ctx context.Context, n NoteSummary) error {
	_, err := r.db.ExecContext(ctx, r.q.update, n.Title, n.Content, n.Category, n.Pinned, n.Views, n.ID)
	return err
}

func readPage(rows *sql.Rows, err error) (int, int64, error) {
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	notes := make([]rawNote, 0, PageSize)
	for rows.Next() {
		var n rawNote
		if err := scanNote(rows, &n); err != nil {
			return 0, 0, err
		}
		notes = append(notes, n)
	}
	if err := rows.Err(); err != nil {
		return 0, 0, err
	}
	return sumViews(notes, func(n rawNote) int64 { return n.Views })
}

// sumViews returns the number of notes and the sum of their views.
func sumViews[N any](notes []N, views func(N) int64) (int, int64, error) {
	var sum int64
	for _, n := range notes {
		sum += views(n)
	}
	return len(notes), sum, nil
}

func (r *Raw) Page(ctx context.Context) (int, int64, error) {
	return readPage(r.db.QueryContext(ctx, r.q.page, "work"))
}

func (r *Raw) Count(ctx context.Context) (int, error) {
	var n int
	err := r.db.QueryRowContext(ctx, r.q.count, "work").Scan(&n)
	return n, err
}

// eager reads the authors, then their posts with one IN query, and attaches
// each post to its author.
func eager(ctx context.Context, authorsRows func() (*sql.Rows, error), postsRows func(ids []any) (*sql.Rows, error)) (int, int, error) {
	rows, err := authorsRows()
	if err != nil {
		return 0, 0, err
	}
	authors := make([]rawAuthor, 0, PageSize)
	for rows.Next() {
		var a rawAuthor
		if err := rows.Scan(&a.ID, &a.Name, &a.Email); err != nil {
			rows.Close()
			return 0, 0, err
		}
		authors = append(authors, a)
	}
	if err := rows.Close(); err != nil {
		return 0, 0, err
	}
	ids := make([]any, len(authors))
	byID := make(map[int64]int, len(authors))
	for i, a := range authors {
		ids[i] = a.ID
		byID[a.ID] = i
	}
	rows, err = postsRows(ids)
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var p rawPost
		if err := rows.Scan(&p.ID, &p.AuthorID, &p.Title, &p.Body, &p.Views); err != nil {
			return 0, 0, err
		}
		a := &authors[byID[p.AuthorID]]
		a.Posts = append(a.Posts, p)
	}
	if err := rows.Err(); err != nil {
		return 0, 0, err
	}
	return countAttached(authors, func(a rawAuthor) (int64, []rawPost) { return a.ID, a.Posts },
		func(p rawPost) int64 { return p.AuthorID })
}

// countAttached counts the authors and the posts attached to the right one:
// posts gives an author's id and posts, fk a post's author id.
func countAttached[A, P any](authors []A, posts func(A) (int64, []P), fk func(P) int64) (int, int, error) {
	n := 0
	for _, a := range authors {
		id, ps := posts(a)
		for _, p := range ps {
			if fk(p) == id {
				n++
			}
		}
	}
	return len(authors), n, nil
}

func (r *Raw) Eager(ctx context.Context) (int, int, error) {
	return eager(ctx,
		func() (*sql.Rows, error) { return r.db.QueryContext(ctx, r.q.authors) },
		func(ids []any) (*sql.Rows, error) { return r.db.QueryContext(ctx, r.q.postsOf, ids...) })
}

func readJoin(rows *sql.Rows, err error) (int, int, error) {
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	posts := make([]rawPost, 0, JoinRows)
	for rows.Next() {
		var p rawPost
		var aid sql.NullInt64
		var name, email sql.NullString
		if err := rows.Scan(&p.ID, &p.AuthorID, &p.Title, &p.Body, &p.Views, &aid, &name, &email); err != nil {
			return 0, 0, err
		}
		if aid.Valid {
			p.Author = &rawAuthor{ID: aid.Int64, Name: name.String, Email: email.String}
		}
		posts = append(posts, p)
	}
	if err := rows.Err(); err != nil {
		return 0, 0, err
	}
	return countJoined(posts, func(p rawPost) (int64, int64, bool) {
		if p.Author == nil {
			return p.AuthorID, 0, false
		}
		return p.AuthorID, p.Author.ID, true
	})
}

// countJoined counts the posts and those whose author is loaded and right.
func countJoined[P any](posts []P, key func(P) (fk, authorID int64, loaded bool)) (int, int, error) {
	ok := 0
	for _, p := range posts {
		if fk, id, loaded := key(p); loaded && fk == id {
			ok++
		}
	}
	return len(posts), ok, nil
}

func (r *Raw) Join(ctx context.Context) (int, int, error) {
	return readJoin(r.db.QueryContext(ctx, r.q.join))
}

func (r *Raw) InsertBatch(ctx context.Context, i int) error {
	tx, err := r.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := insertBatch(ctx, tx, r.q.insert, r.q.returning, i); err != nil {
		return err
	}
	return tx.Commit()
}

// insertBatch inserts BatchRows notes numbered from i with query q on ex.
func insertBatch(ctx context.Context, ex executor, q string, returning bool, i int) error {
	stamp := now()
	for k := range BatchRows {
		n := newNote(i + k)
		n.CreatedAt = stamp
		if _, err := insertNote(ctx, ex, q, returning, n); err != nil {
			return err
		}
	}
	return nil
}
