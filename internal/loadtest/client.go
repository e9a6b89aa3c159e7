package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxSamples is how many unexpected answers a report keeps for the log.
const maxSamples = 5

// maxOwned bounds the notes one client keeps working on; past it, a client
// deletes more than it creates.
const maxOwned = 40

// The operations, and the status that acknowledges each.
const (
	opCreate = "create"
	opUpdate = "update"
	opDelete = "delete"
	opGet    = "get"
	opList   = "list"
)

var success = map[string]int{
	opCreate: http.StatusCreated,
	opUpdate: http.StatusOK,
	opDelete: http.StatusNoContent,
	opGet:    http.StatusOK,
	opList:   http.StatusOK,
}

// tally is one client's counts; Run adds them up when the clients are done.
type tally struct {
	requests, transportErrors, serverErrors, locked, unexpected, staleReads int64

	ops       map[string]int64
	statuses  map[int]int64
	latencies []time.Duration
	samples   []string
}

// client is one keep-alive client: it works on the notes it created, so no
// two clients write the same note and the ledger knows each note's content.
type client struct {
	id    int
	o     *Options
	hc    *http.Client
	rng   *rand.Rand
	owned []int64
	seq   int
	tally tally
}

func newClient(id int, o Options, hc *http.Client) *client {
	return &client{
		id: id, o: &o, hc: hc,
		rng:   rand.New(rand.NewPCG(uint64(o.Seed), uint64(id))),
		tally: tally{ops: map[string]int64{}, statuses: map[int]int64{}},
	}
}

// step sends one request, chosen from the mix: about 30% create, 20%
// update, 10% delete, 25% get and 15% list.
func (c *client) step(ctx context.Context) {
	if len(c.owned) == 0 {
		c.create(ctx)
		return
	}
	i := c.rng.IntN(len(c.owned))
	switch p := c.rng.IntN(100); {
	case p < 30 && len(c.owned) < maxOwned:
		c.create(ctx)
	case p < 30, p >= 50 && p < 60:
		c.remove(ctx, i)
	case p < 50:
		c.update(ctx, i)
	case p < 85:
		c.get(ctx, c.owned[i])
	default:
		c.list(ctx)
	}
}

// note makes new content: unicode, varying lengths, every category.
func (c *client) note() Note {
	c.seq++
	cats := []string{"general", "personal", "work", "idées ✓"}
	words := []string{"milk", "eggs", "café", "naïve", "日本語", "🍞", "O'Brien", `"quoted"`, "50%", "a_b"}
	var content strings.Builder
	for range c.rng.IntN(12) {
		content.WriteString(words[c.rng.IntN(len(words))])
		content.WriteByte(' ')
	}
	return Note{
		Title:    fmt.Sprintf("client %d note %d ✓", c.id, c.seq),
		Content:  content.String(),
		Category: cats[c.rng.IntN(len(cats))],
		Pinned:   c.rng.IntN(2) == 0,
	}
}

func (c *client) create(ctx context.Context) {
	n := c.note()
	status, body, ok := c.do(ctx, opCreate, http.MethodPost, c.o.Path, n)
	if !ok || status != http.StatusCreated {
		return // unknown: the note may or may not exist, and no one knows its id
	}
	var got struct {
		ID int64 `json:"id"`
		Note
	}
	if err := json.Unmarshal(body, &got); err != nil || got.ID == 0 || got.Note != n {
		c.unexpected(fmt.Sprintf("create answered %s for %+v", body, n))
		return
	}
	c.o.Ledger.Created(got.ID, n)
	c.owned = append(c.owned, got.ID)
}

func (c *client) update(ctx context.Context, i int) {
	id, n := c.owned[i], c.note()
	status, _, ok := c.do(ctx, opUpdate, http.MethodPatch, c.path(id), n)
	ack := ok && status == http.StatusOK
	c.o.Ledger.Updated(id, n, ack)
	if !ack {
		c.drop(i) // its content is unknown now: leave it alone
	}
}

func (c *client) remove(ctx context.Context, i int) {
	id := c.owned[i]
	status, _, ok := c.do(ctx, opDelete, http.MethodDelete, c.path(id), nil)
	c.o.Ledger.Deleted(id, ok && status == http.StatusNoContent)
	c.drop(i)
}

// get reads an owned note back: it must hold what was acknowledged.
func (c *client) get(ctx context.Context, id int64) {
	status, body, ok := c.do(ctx, opGet, http.MethodGet, c.path(id), nil)
	if !ok || status != http.StatusOK {
		return
	}
	want, certain := c.o.Ledger.Expect(id)
	var got Note
	if err := json.Unmarshal(body, &got); err != nil || (certain && got != want) {
		c.tally.staleReads++
		c.sample(fmt.Sprintf("GET note %d: %s, want %+v", id, body, want))
	}
}

func (c *client) list(ctx context.Context) {
	q := "?limit=20&order=-id"
	if c.rng.IntN(2) == 0 {
		q = "?limit=10&category=work&order=-updated_at"
	}
	c.do(ctx, opList, http.MethodGet, c.o.Path+q, nil)
}

func (c *client) path(id int64) string { return c.o.Path + "/" + strconv.FormatInt(id, 10) }

func (c *client) drop(i int) {
	c.owned[i] = c.owned[len(c.owned)-1]
	c.owned = c.owned[:len(c.owned)-1]
}

// do sends one request and reads the whole answer. ok is false when no
// answer arrived. It counts the answer, and a status other than the
// operation's success as unexpected; a 404 on a get is counted as a stale
// read, since a client only reads notes whose create was acknowledged.
func (c *client) do(ctx context.Context, op, method, path string, payload any) (status int, body []byte, ok bool) {
	var rd io.Reader
	if payload != nil {
		b, err := json.Marshal(payload)
		if err != nil {
			panic(err) // Note always marshals
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.o.BaseURL+path, rd)
	if err != nil {
		panic(err) // the URL was checked by CheckLoopback
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	c.tally.requests++
	c.tally.ops[op]++
	start := time.Now()
	resp, err := c.hc.Do(req)
	if err == nil {
		body, err = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	if err != nil {
		c.tally.transportErrors++
		c.sample(fmt.Sprintf("%s %s: %v", method, path, err))
		return 0, nil, false
	}
	c.tally.latencies = append(c.tally.latencies, time.Since(start))
	c.tally.statuses[resp.StatusCode]++
	if bytes.Contains(bytes.ToLower(body), []byte("database is locked")) {
		c.tally.locked++
	}
	if resp.StatusCode >= 500 {
		c.tally.serverErrors++
	}
	switch {
	case resp.StatusCode == success[op]:
	case op == opGet && resp.StatusCode == http.StatusNotFound:
		c.tally.staleReads++
		c.sample(fmt.Sprintf("%s %s: 404 for an acknowledged note", method, path))
	default:
		c.unexpected(fmt.Sprintf("%s %s: %d %s", method, path, resp.StatusCode, body))
	}
	return resp.StatusCode, body, true
}

func (c *client) unexpected(s string) {
	c.tally.unexpected++
	c.sample(s)
}

func (c *client) sample(s string) {
	if len(c.tally.samples) < maxSamples {
		c.tally.samples = append(c.tally.samples, s)
	}
}
