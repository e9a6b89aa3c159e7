package loadtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Note is the content a client sends to /api/notes: the columns it sets.
type Note struct {
	Title    string `json:"title"`
	Content  string `json:"content"`
	Category string `json:"category"`
	Pinned   bool   `json:"pinned"`
}

// record is what the server acknowledged about one note, and what it may
// hold beyond that after a request whose answer never arrived.
type record struct {
	want Note // content of the last acknowledged create or update
	// maybe holds the contents of updates sent without an acknowledgement:
	// the server may hold any of them instead of want.
	maybe []Note
	// deleted: a delete was acknowledged, so the note must be gone.
	deleted bool
	// maybeDeleted: a delete was sent without an acknowledgement.
	maybeDeleted bool
}

// Ledger records every write the server acknowledged (a 201, 200 or 204
// that reached the client) and every write whose outcome is unknown
// (the connection broke, or the server answered 5xx), so that Verify can
// check afterwards that nothing acknowledged was lost. It is safe for
// concurrent use, and one Ledger can span several runs and server restarts.
type Ledger struct {
	mu       sync.Mutex
	recs     map[int64]*record
	problems []string // ids the server handed out twice
}

// NewLedger returns an empty Ledger.
func NewLedger() *Ledger { return &Ledger{recs: map[int64]*record{}} }

// Created records an acknowledged create of note id with content n.
func (l *Ledger) Created(id int64, n Note) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.recs[id]; ok {
		l.problems = append(l.problems, fmt.Sprintf("note %d: the id was given to a second create", id))
	}
	l.recs[id] = &record{want: n}
}

// Updated records an update of id to n: acknowledged (ack) or sent without
// an answer.
func (l *Ledger) Updated(id int64, n Note, ack bool) {
	l.change(id, func(r *record) {
		if ack {
			r.want, r.maybe = n, nil
			return
		}
		r.maybe = append(r.maybe, n)
	})
}

// Deleted records a delete of id: acknowledged (ack) or sent without an
// answer.
func (l *Ledger) Deleted(id int64, ack bool) {
	l.change(id, func(r *record) {
		if ack {
			r.deleted = true
			return
		}
		r.maybeDeleted = true
	})
}

// change applies f to the record of id, if the ledger has one.
func (l *Ledger) change(id int64, f func(*record)) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if r := l.recs[id]; r != nil {
		f(r)
	}
}

// Expect returns the content id must have now and whether it is certain:
// false when the note is deleted, unknown to the ledger, or has a write
// whose outcome is unknown.
func (l *Ledger) Expect(id int64) (Note, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	r := l.recs[id]
	if r == nil || r.deleted || r.maybeDeleted || len(r.maybe) > 0 {
		return Note{}, false
	}
	return r.want, true
}

// Counts returns how many notes the ledger holds as live (their create
// acknowledged and no delete acknowledged) and as deleted.
func (l *Ledger) Counts() (live, deleted int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, r := range l.recs {
		if r.deleted {
			deleted++
		} else {
			live++
		}
	}
	return live, deleted
}

// verifyBatch is how many ids one verification request asks for: the
// AutoCrud default maximum page size.
const verifyBatch = 100

// Verify reads every note of the ledger back through the API (GET
// base+path?id__in=...) and returns one line per note that breaks an
// acknowledgement: an acknowledged note that is missing or holds other
// content, or an acknowledged delete whose note is still there. An error
// means the check itself could not run.
func (l *Ledger) Verify(ctx context.Context, c *http.Client, base, path string) ([]string, error) {
	l.mu.Lock()
	ids := make([]int64, 0, len(l.recs))
	snap := make(map[int64]record, len(l.recs))
	for id, r := range l.recs {
		ids = append(ids, id)
		snap[id] = *r
	}
	problems := slices.Clone(l.problems)
	l.mu.Unlock()
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })

	for start := 0; start < len(ids); start += verifyBatch {
		batch := ids[start:min(start+verifyBatch, len(ids))]
		found, err := fetchNotes(ctx, c, base, path, batch)
		if err != nil {
			return problems, err
		}
		for _, id := range batch {
			if p := check(id, snap[id], found); p != "" {
				problems = append(problems, p)
			}
		}
	}
	return problems, nil
}

// check compares one note as the server holds it with the ledger.
func check(id int64, r record, found map[int64]Note) string {
	got, ok := found[id]
	switch {
	case r.deleted && ok:
		return fmt.Sprintf("note %d: delete was acknowledged, but it is still there", id)
	case r.deleted, !ok && r.maybeDeleted:
		return ""
	case !ok:
		return fmt.Sprintf("note %d: create was acknowledged, but it is missing", id)
	case got == r.want:
		return ""
	}
	for _, m := range r.maybe {
		if got == m {
			return ""
		}
	}
	return fmt.Sprintf("note %d: holds %+v, want the acknowledged %+v", id, got, r.want)
}

// fetchNotes lists the notes with the given ids.
func fetchNotes(ctx context.Context, c *http.Client, base, path string, ids []int64) (map[int64]Note, error) {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	q := url.Values{"id__in": {strings.Join(s, ",")}, "limit": {strconv.Itoa(verifyBatch)}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+path+"?"+q.Encode(), nil)
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("verify: GET %s: status %d", req.URL, resp.StatusCode)
	}
	var page struct {
		Data []struct {
			ID int64 `json:"id"`
			Note
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&page); err != nil {
		return nil, fmt.Errorf("verify: GET %s: %w", req.URL, err)
	}
	out := make(map[int64]Note, len(page.Data))
	for _, d := range page.Data {
		out[d.ID] = d.Note
	}
	return out, nil
}
