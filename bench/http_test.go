package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// servers starts AutoCrud and the hand-written handler, each on its own
// SQLite file seeded with notes notes, on loopback ports. Both get the
// connections orm.Open makes: one writer and a pool of readers, with the
// same pragmas.
func servers(tb testing.TB, notes int) map[string]*httptest.Server {
	tb.Helper()
	out := map[string]*httptest.Server{}
	for name, h := range handlers(tb, notes) {
		out[name] = httptest.NewServer(h)
		tb.Cleanup(out[name].Close)
	}
	return out
}

// handlers returns AutoCrud and the hand-written handler, each on its own
// SQLite file seeded with notes notes, with the same connections.
func handlers(tb testing.TB, notes int) map[string]http.Handler {
	tb.Helper()
	ctx := context.Background()
	e := SQLite(tb.TempDir())
	tt, err := e.NewTargetNotes(ctx, "http_tina4", notes)
	require.NoError(tb, err)
	odb, err := orm.Open(tt.ORMURL())
	require.NoError(tb, err)
	tb.Cleanup(func() { odb.Close() })
	ht, err := e.NewTargetNotes(ctx, "http_hand", notes)
	require.NoError(tb, err)
	writer, err := ht.OpenSQL()
	require.NoError(tb, err)
	tb.Cleanup(func() { writer.Close() })
	reader, err := ht.OpenSQLReader()
	require.NoError(tb, err)
	tb.Cleanup(func() { reader.Close() })
	hw, err := NewHandWritten(writer, reader)
	require.NoError(tb, err)
	return map[string]http.Handler{"handwritten": hw.Handler(), "autocrud": AutoCrudHandler(odb)}
}

// client keeps connections alive between requests.
func client() *http.Client {
	return &http.Client{Transport: &http.Transport{MaxIdleConns: 64, MaxIdleConnsPerHost: 64}}
}

// endpoint is one benchmarked request; path gives the i-th request's path
// for a table of notes rows, so that reads and updates spread over the whole
// table instead of staying in the cache.
type endpoint struct {
	name, method string
	path         func(i, notes int) string
	body         []byte
	status       int
}

// at returns a fixed path.
func at(p string) func(int, int) string { return func(int, int) string { return p } }

// spread is a row number in 1..notes for request i, stepping through the
// table by a large prime so that consecutive requests land far apart.
func spread(i, notes int) int { return int(uint64(i)*7919%uint64(notes)) + 1 }

var endpoints = []endpoint{
	{"View", "GET", func(i, n int) string { return "/api/notes/" + strconv.Itoa(spread(i, n)) }, nil, http.StatusOK},
	{"ListWithTotal", "GET", func(i, n int) string {
		return "/api/notes?limit=20&skip=" + strconv.Itoa(spread(i, n-20)-1)
	}, nil, http.StatusOK},
	{"ListNoTotal", "GET", func(i, n int) string {
		return "/api/notes?limit=20&total=none&skip=" + strconv.Itoa(spread(i, n-20)-1)
	}, nil, http.StatusOK},
	{"Update", "PATCH", func(i, n int) string { return "/api/notes/" + strconv.Itoa(spread(i, n)) },
		[]byte(`{"title":"Updated by the benchmark","views":42}`), http.StatusOK},
	{"Create", "POST", at("/api/notes"), []byte(`{"title":"From the benchmark","content":"Über fast ✓","category":"work","views":3}`), http.StatusCreated},
}

func do(c *http.Client, base, path string, e endpoint) (int, []byte, error) {
	req, err := http.NewRequest(e.method, base+path, bytes.NewReader(e.body))
	if err != nil {
		return 0, nil, err
	}
	if e.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := c.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, b, err
}

// TestHTTPHandlersAgree checks that AutoCrud and the hand-written handler
// answer every benchmarked request alike, so that they do the same work.
func TestHTTPHandlersAgree(t *testing.T) {
	const notes = 1000
	srv := servers(t, notes)
	c := client()
	cases := append([]endpoint{
		{"Missing", "GET", at("/api/notes/99999"), nil, http.StatusNotFound},
		{"Page2", "GET", at("/api/notes?limit=5&skip=5"), nil, http.StatusOK},
		{"LastPage", "GET", at("/api/notes?limit=20&skip=990"), nil, http.StatusOK},
		{"NoTitle", "POST", at("/api/notes"), []byte(`{"content":"no title"}`), http.StatusBadRequest},
		{"UpdateMissing", "PATCH", at("/api/notes/99999"), []byte(`{"title":"x"}`), http.StatusNotFound},
	}, endpoints...)
	for _, e := range cases {
		t.Run(e.name, func(t *testing.T) {
			for i := range 3 {
				path := e.path(i, notes)
				got := map[string]any{}
				for name, s := range srv {
					status, body, err := do(c, s.URL, path, e)
					require.NoError(t, err)
					require.Equal(t, e.status, status, "%s %s: %s", name, path, body)
					var v map[string]any
					require.NoError(t, json.Unmarshal(body, &v), "%s: %s", name, body)
					if e.method == "POST" {
						delete(v, "created_at") // stamped now: differs by the time between the requests
						delete(v, "id")         // the two tables have had different numbers of creates
					}
					got[name] = v
				}
				require.Equal(t, got["handwritten"], got["autocrud"], "answers to %s %s differ", e.method, path)
				if e.name == "ListWithTotal" {
					page := got["autocrud"].(map[string]any)
					assert.Len(t, page["data"], 20)
					assert.Equal(t, float64(notes), page["total"])
				}
			}
		})
	}
}

// httpClients is the number of clients sending requests at once.
const httpClients = 32

// BenchmarkHTTP sends each endpoint's requests to AutoCrud and to the
// hand-written handler over loopback connections kept alive, from
// httpClients goroutines at once, on tables of 1,000 and 10,000 notes.
// ns/op is the inverse of the throughput; p50-ns and p99-ns are the
// latencies of single requests; cpu-ns/op is the process's CPU time (user
// and system) per request, the server's and the clients' together (the
// clients' share is the same work for both contenders). Names are
// BenchmarkHTTP/<notes>/<endpoint>/<contender>.
func BenchmarkHTTP(b *testing.B) {
	for _, notes := range []int{1000, 10000} {
		b.Run(strconv.Itoa(notes), func(b *testing.B) {
			srv := servers(b, notes)
			for _, e := range endpoints {
				b.Run(e.name, func(b *testing.B) {
					for _, name := range []string{"handwritten", "autocrud"} {
						b.Run(name, func(b *testing.B) { benchEndpoint(b, srv[name].URL, e, notes) })
					}
				})
			}
		})
	}
}

func benchEndpoint(b *testing.B, base string, e endpoint, notes int) {
	c := client()
	var seq atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	b.SetParallelism((httpClients + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
	b.ReportAllocs()
	cpu := cpuTime()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		mine := make([]time.Duration, 0, 1024)
		for pb.Next() {
			path := e.path(int(seq.Add(1)), notes)
			start := time.Now()
			status, body, err := do(c, base, path, e)
			mine = append(mine, time.Since(start))
			if err != nil || status != e.status {
				panic(fmt.Sprintf("%s %s: %d %s, %v", e.method, path, status, body, err))
			}
		}
		mu.Lock()
		lat = append(lat, mine...)
		mu.Unlock()
	})
	b.StopTimer()
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
	slices.Sort(lat)
	if len(lat) > 0 {
		b.ReportMetric(float64(lat[len(lat)/2]), "p50-ns")
		b.ReportMetric(float64(lat[len(lat)*99/100]), "p99-ns")
	}
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
