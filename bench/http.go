package bench

import (
	"database/sql"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/julienschmidt/httprouter"

	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// AutoCrudHandler serves T4Note at /api/notes with AutoCrud on db.
func AutoCrudHandler(db *orm.DB) http.Handler {
	rt := router.New()
	crud.Register[T4Note](rt, crud.DefaultPrefix)
	return withDB(db, rt)
}

// withDB runs every request with db as the ORM's database, as tina4.App does
// with its database: through the router's ServeContext, so that the request
// is copied once (by the router), as in the App.
func withDB(db *orm.DB, rt *router.Router) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rt.ServeContext(w, r, orm.WithDB(r.Context(), db))
	})
}

// jsonNote is the note as the hand-written handler writes it: the columns
// AutoCrud writes, in the same order.
type jsonNote struct {
	ID        int64     `json:"id"`
	Title     string    `json:"title"`
	Content   string    `json:"content"`
	Category  string    `json:"category"`
	Pinned    bool      `json:"pinned"`
	Views     int64     `json:"views"`
	CreatedAt time.Time `json:"created_at"`
}

// HandWritten is the same endpoints written by hand: httprouter,
// database/sql with statements prepared once, encoding/json. It gets the
// connections AutoCrud gets: reads through a pool of read-only connections,
// writes through the single writer (on SQLite; one pool on PostgreSQL).
type HandWritten struct {
	writer, reader            *sql.DB
	find, page, count, insert *sql.Stmt // find, page and count on the reader
}

// NewHandWritten prepares the hand-written handler's statements: reads on
// reader, the insert on writer.
func NewHandWritten(writer, reader *sql.DB) (*HandWritten, error) {
	h := &HandWritten{writer: writer, reader: reader}
	for _, s := range []struct {
		db  *sql.DB
		dst **sql.Stmt
		sql string
	}{
		{reader, &h.find, sqlFind},
		{reader, &h.page, `SELECT id, title, content, category, pinned, views, created_at FROM notes ORDER BY id LIMIT ? OFFSET ?`},
		{reader, &h.count, `SELECT COUNT(*) FROM notes`},
		{writer, &h.insert, sqlInsert},
	} {
		st, err := s.db.Prepare(s.sql)
		if err != nil {
			return nil, err
		}
		*s.dst = st
	}
	return h, nil
}

// Handler returns the routes.
func (h *HandWritten) Handler() http.Handler {
	r := httprouter.New()
	r.GET("/api/notes/:id", h.get)
	r.GET("/api/notes", h.list)
	r.POST("/api/notes", h.create)
	r.PATCH("/api/notes/:id", h.update)
	return r
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func fail(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func (h *HandWritten) get(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
	id, err := strconv.ParseInt(ps.ByName("id"), 10, 64)
	if err != nil {
		fail(w, http.StatusNotFound, "Not found")
		return
	}
	var n jsonNote
	err = h.find.QueryRowContext(r.Context(), id).Scan(&n.ID, &n.Title, &n.Content, &n.Category, &n.Pinned, &n.Views, &n.CreatedAt)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		fail(w, http.StatusNotFound, "Not found")
	case err != nil:
		fail(w, http.StatusInternalServerError, "Internal server error")
	default:
		writeJSON(w, http.StatusOK, n)
	}
}

type jsonPage struct {
	Data  []jsonNote `json:"data"`
	Total *int       `json:"total"` // nil under total=none; else &total
	Limit int        `json:"limit"`
	Skip  int        `json:"skip"`
	total int
}

func (h *HandWritten) list(w http.ResponseWriter, r *http.Request, _ httprouter.Params) {
	q := r.URL.Query()
	limit, skip := 10, 0
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			fail(w, http.StatusBadRequest, "limit must be a whole number of at least 1")
			return
		}
		limit = min(n, 100)
	}
	if s := q.Get("skip"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			fail(w, http.StatusBadRequest, "skip must be a whole number")
			return
		}
		skip = n
	}
	rows, err := h.page.QueryContext(r.Context(), limit, skip)
	if err != nil {
		fail(w, http.StatusInternalServerError, "Internal server error")
		return
	}
	out := jsonPage{Data: make([]jsonNote, 0, limit), Limit: limit, Skip: skip}
	for rows.Next() {
		var n jsonNote
		if err := rows.Scan(&n.ID, &n.Title, &n.Content, &n.Category, &n.Pinned, &n.Views, &n.CreatedAt); err != nil {
			rows.Close()
			fail(w, http.StatusInternalServerError, "Internal server error")
			return
		}
		out.Data = append(out.Data, n)
	}
	if err := rows.Close(); err != nil {
		fail(w, http.StatusInternalServerError, "Internal server error")
		return
	}
	switch {
	case q.Get("total") == "none": // no total: "total": null
	case len(out.Data) < limit && (len(out.Data) > 0 || skip == 0):
		out.total, out.Total = skip+len(out.Data), &out.total // a short page ends the table
	default:
		if err := h.count.QueryRowContext(r.Context()).Scan(&out.total); err != nil {
			fail(w, http.StatusInternalServerError, "Internal server error")
			return
		}
		out.Total = &out.total
	}
	writeJSON(w, http.StatusOK, out)
}

func (h *HandWritten) create(w http.ResponseWriter, r *http.Request, _ httprouter.Params) {
	var in struct {
		Title    *string `json:"title"`
		Content  string  `json:"content"`
		Category string  `json:"category"`
		Pinned   bool    `json:"pinned"`
		Views    int64   `json:"views"`
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		fail(w, http.StatusBadRequest, "invalid JSON body: "+err.Error())
		return
	}
	if in.Title == nil || strings.TrimSpace(*in.Title) == "" || len([]rune(*in.Title)) > 200 {
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": "Validation failed", "detail": []string{"title: This field is required"}})
		return
	}
	n := jsonNote{Title: *in.Title, Content: in.Content, Category: in.Category, Pinned: in.Pinned, Views: in.Views,
		CreatedAt: now()}
	if n.Category == "" {
		n.Category = "general"
	}
	res, err := h.insert.ExecContext(r.Context(), n.Title, n.Content, n.Category, n.Pinned, n.Views, n.CreatedAt)
	if err == nil {
		n.ID, err = res.LastInsertId()
	}
	if err != nil {
		fail(w, http.StatusInternalServerError, "Internal server error")
		return
	}
	writeJSON(w, http.StatusCreated, n)
}

// update writes the columns the body names (title, content, views) and
// answers with the row as stored, reading it back in the same transaction,
// as AutoCrud's PATCH does.
func (h *HandWritten) update(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
	id, err := strconv.ParseInt(ps.ByName("id"), 10, 64)
	if err != nil {
		fail(w, http.StatusNotFound, "Not found")
		return
	}
	var in struct {
		Title   *string `json:"title"`
		Content *string `json:"content"`
		Views   *int64  `json:"views"`
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		fail(w, http.StatusBadRequest, "invalid JSON body: "+err.Error())
		return
	}
	if in.Title != nil && (strings.TrimSpace(*in.Title) == "" || len([]rune(*in.Title)) > 200) {
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": "Validation failed", "detail": []string{"title: This field is required"}})
		return
	}
	var sets []string
	var args []any
	if in.Title != nil {
		sets, args = append(sets, "title = ?"), append(args, *in.Title)
	}
	if in.Content != nil {
		sets, args = append(sets, "content = ?"), append(args, *in.Content)
	}
	if in.Views != nil {
		sets, args = append(sets, "views = ?"), append(args, *in.Views)
	}
	tx, err := h.writer.BeginTx(r.Context(), nil)
	if err != nil {
		fail(w, http.StatusInternalServerError, "Internal server error")
		return
	}
	defer tx.Rollback()
	if len(sets) > 0 {
		res, err := tx.ExecContext(r.Context(), "UPDATE notes SET "+strings.Join(sets, ", ")+" WHERE id = ?", append(args, id)...)
		if err != nil {
			fail(w, http.StatusInternalServerError, "Internal server error")
			return
		}
		if n, _ := res.RowsAffected(); n == 0 {
			fail(w, http.StatusNotFound, "Not found")
			return
		}
	}
	var n jsonNote
	err = tx.QueryRowContext(r.Context(), sqlFind, id).Scan(&n.ID, &n.Title, &n.Content, &n.Category, &n.Pinned, &n.Views, &n.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		fail(w, http.StatusNotFound, "Not found")
		return
	}
	if err == nil {
		err = tx.Commit()
	}
	if err != nil {
		fail(w, http.StatusInternalServerError, "Internal server error")
		return
	}
	writeJSON(w, http.StatusOK, n)
}
