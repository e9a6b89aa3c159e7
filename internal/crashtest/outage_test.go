package crashtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// answer is one request of the outage load.
type answer struct {
	start, end time.Time
	what       string
	status     int
	body       string
	err        error
}

// hammer sends creates, reads and lists to the app from several clients
// until stop is closed (or a bound of requests is reached), and returns
// every answer.
func hammer(base string, clients int, stop <-chan struct{}) <-chan []answer {
	out := make(chan []answer, 1)
	var mu sync.Mutex
	var all []answer
	hc := &http.Client{Timeout: 20 * time.Second}
	send := func(method, path, body string) answer {
		a := answer{start: time.Now(), what: method + " " + path}
		req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := hc.Do(req)
		if err == nil {
			var b []byte
			b, err = io.ReadAll(resp.Body)
			resp.Body.Close()
			a.status, a.body = resp.StatusCode, string(b)
		}
		a.end, a.err = time.Now(), err
		mu.Lock()
		all = append(all, a)
		mu.Unlock()
		return a
	}
	var wg sync.WaitGroup
	for i := range clients {
		wg.Go(func() {
			for n := 0; n < 5000; n++ {
				select {
				case <-stop:
					return
				default:
				}
				a := send("POST", "/api/notes", fmt.Sprintf(`{"title":"outage %d-%d"}`, i, n))
				var note struct{ ID int64 }
				if a.status == http.StatusCreated && json.Unmarshal([]byte(a.body), &note) == nil {
					send("GET", fmt.Sprintf("/api/notes/%d", note.ID), "")
				}
				send("GET", "/api/notes?limit=5&order=-id", "")
				time.Sleep(5 * time.Millisecond)
			}
		})
	}
	go func() {
		wg.Wait()
		out <- all
	}()
	return out
}

// getStatus answers GET base+path's status and body, failing on no answer.
func getStatus(t *testing.T, base, path string) (int, string, time.Duration) {
	t.Helper()
	start := time.Now()
	resp, err := (&http.Client{Timeout: 20 * time.Second}).Get(base + path)
	require.NoError(t, err, "GET %s: %v", path, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), time.Since(start)
}

// isUnavailable reports whether a is a 503 with a JSON error.
func isUnavailable(a answer) bool {
	var e struct{ Error string }
	return a.status == http.StatusServiceUnavailable &&
		json.NewDecoder(bytes.NewReader([]byte(a.body))).Decode(&e) == nil && e.Error != ""
}

// The database server goes away under load and comes back, without the app
// restarting: before, every request succeeds; while it is away, every
// request answers 503 with a JSON error within the bound (at once when
// connections are refused, within the connect timeout when they hang),
// and /health is 503; once it is back, requests succeed again. No request
// ever gets a 500 or no answer.
func TestDatabaseOutage(t *testing.T) {
	modes := []struct {
		name      string
		blackhole bool
		down      time.Duration // how long the server stays away
		bound     time.Duration // the longest a request may take while it is away
	}{
		{"refused", false, 1500 * time.Millisecond, time.Second},
		{"hanging", true, 3 * time.Second, 2 * time.Second}, // connect timeout 1s
	}
	for _, engine := range []string{"postgres", "mysql"} {
		for _, m := range modes {
			t.Run(engine+"/"+m.name, func(t *testing.T) {
				u := requireServer(t, engine)
				p := startProxy(t, u.Host)
				u.Host = p.addr
				q := u.Query()
				if engine == "mysql" {
					q.Set("timeout", "1s")
				} else {
					q.Set("connect_timeout", "1")
				}
				u.RawQuery = q.Encode()
				base, logs := serveInProcess(t, u.String())
				outage(t, base, func() { p.cut(m.blackhole) }, func() { p.restore(t) }, m.down, m.bound)
				if t.Failed() {
					t.Logf("app log, warnings and errors:\n%s", grepLines(logs.String(), "level=WARN", "level=ERROR"))
				}
			})
		}
	}
}

// outage runs the load through an outage, from cut to restore, of about
// down, and checks the answers.
func outage(t *testing.T, base string, cut, restore func(), down, bound time.Duration) {
	stop := make(chan struct{})
	answers := hammer(base, 8, stop)
	time.Sleep(700 * time.Millisecond)

	cutBegin := time.Now()
	cut()
	cutDone := time.Now()
	status, body, took := getStatus(t, base, "/health")
	assert.Equal(t, http.StatusServiceUnavailable, status, "health while away: %d %s after %s", status, body, took)
	assert.LessOrEqual(t, took, bound, "health while away: %d %s after %s", status, body, took)
	time.Sleep(down)

	restoreBegin := time.Now()
	restore()
	restoreDone := time.Now()
	time.Sleep(1500 * time.Millisecond)
	close(stop)
	all := <-answers
	status, body, _ = getStatus(t, base, "/health")
	assert.Equal(t, http.StatusOK, status, "health once back: %d %s", status, body)

	var before, away, after, recovering int
	for _, a := range all {
		took := a.end.Sub(a.start)
		switch {
		case a.err != nil:
			assert.Fail(t, fmt.Sprintf("%s: no answer: %v", a.what, a.err))
		case a.status != http.StatusServiceUnavailable && a.status >= 300:
			assert.Fail(t, fmt.Sprintf("%s: %d %s", a.what, a.status, a.body))
		case a.status == http.StatusServiceUnavailable && !isUnavailable(a):
			assert.Fail(t, fmt.Sprintf("%s: 503 without a JSON error: %s", a.what, a.body))
		case a.end.Before(cutBegin):
			before++
			assert.Less(t, a.status, 300, "%s before the outage: %d %s", a.what, a.status, a.body)
		case a.start.After(cutDone) && a.start.Before(restoreBegin.Add(-bound)):
			// Started while away, early enough to end before the restore
			// if it keeps the bound.
			away++
			assert.Equal(t, http.StatusServiceUnavailable, a.status, "%s while away: %d after %s, want 503 within %s", a.what, a.status, took, bound)
			assert.LessOrEqual(t, took, bound, "%s while away: %d after %s, want 503 within %s", a.what, a.status, took, bound)
		case a.start.After(restoreDone):
			after++
			if a.status >= 300 {
				recovering++
			}
		}
	}
	t.Logf("%d answers: %d before, %d while away, %d after (%d of them not yet recovered)", len(all), before, away, after, recovering)
	assert.NotEqual(t, 0, before, "the load did not cover every phase")
	assert.NotEqual(t, 0, away, "the load did not cover every phase")
	assert.NotEqual(t, 0, after, "the load did not cover every phase")
	assert.LessOrEqual(t, recovering, 0, "%d requests failed after the database was back", recovering)
}

// grepLines returns the lines of s that hold any of words, at most 40.
func grepLines(s string, words ...string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		for _, w := range words {
			if strings.Contains(l, w) && len(out) < 40 {
				out = append(out, l)
				break
			}
		}
	}
	return strings.Join(out, "\n")
}
