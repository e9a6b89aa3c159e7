package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// servers starts AutoCrud and the hand-written handler, each on its own
// seeded SQLite file, on loopback ports.
func servers(tb testing.TB) map[string]*httptest.Server {
	tb.Helper()
	ctx := context.Background()
	e := SQLite(tb.TempDir())
	tt, err := e.NewTarget(ctx, "http_tina4")
	if err != nil {
		tb.Fatal(err)
	}
	odb, err := orm.Open(tt.ORMURL())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { odb.Close() })
	ht, err := e.NewTarget(ctx, "http_hand")
	if err != nil {
		tb.Fatal(err)
	}
	sdb, err := ht.OpenSQL()
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { sdb.Close() })
	hw, err := NewHandWritten(sdb)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]*httptest.Server{
		"handwritten": httptest.NewServer(hw.Handler()),
		"autocrud":    httptest.NewServer(AutoCrudHandler(odb)),
	}
	for _, s := range out {
		tb.Cleanup(s.Close)
	}
	return out
}

// client keeps connections alive between requests.
func client() *http.Client {
	return &http.Client{Transport: &http.Transport{MaxIdleConns: 64, MaxIdleConnsPerHost: 64}}
}

// endpoint is one benchmarked request.
type endpoint struct {
	name, method, path string
	body               []byte
	status             int
}

var endpoints = []endpoint{
	{"GetByID", "GET", "/api/notes/7", nil, http.StatusOK},
	{"List20", "GET", "/api/notes?limit=20", nil, http.StatusOK},
	{"Create", "POST", "/api/notes", []byte(`{"title":"From the benchmark","content":"Über fast ✓","category":"work","views":3}`), http.StatusCreated},
}

func do(c *http.Client, base string, e endpoint) (int, []byte, error) {
	req, err := http.NewRequest(e.method, base+e.path, bytes.NewReader(e.body))
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
	srv := servers(t)
	c := client()
	cases := append([]endpoint{
		{"Missing", "GET", "/api/notes/99999", nil, http.StatusNotFound},
		{"Page2", "GET", "/api/notes?limit=5&skip=5", nil, http.StatusOK},
		{"NoTitle", "POST", "/api/notes", []byte(`{"content":"no title"}`), http.StatusBadRequest},
	}, endpoints...)
	for _, e := range cases {
		t.Run(e.name, func(t *testing.T) {
			got := map[string]any{}
			for name, s := range srv {
				status, body, err := do(c, s.URL, e)
				if err != nil || status != e.status {
					t.Fatalf("%s: %d %s, %v; want %d", name, status, body, err, e.status)
				}
				var v map[string]any
				if err := json.Unmarshal(body, &v); err != nil {
					t.Fatalf("%s: %v in %s", name, err, body)
				}
				if e.method == "POST" {
					delete(v, "created_at") // stamped now: differs by the time between the requests
				}
				got[name] = v
			}
			if !reflect.DeepEqual(got["autocrud"], got["handwritten"]) {
				t.Fatalf("answers differ:\nautocrud:    %v\nhandwritten: %v", got["autocrud"], got["handwritten"])
			}
			if e.name == "List20" {
				page := got["autocrud"].(map[string]any)
				if n := len(page["data"].([]any)); n != 20 || page["total"] != float64(SeedNotes) {
					t.Fatalf("List20: %d rows, total %v", n, page["total"])
				}
			}
		})
	}
}

// BenchmarkHTTP sends each endpoint's request to AutoCrud and to the
// hand-written handler over loopback connections kept alive, from
// GOMAXPROCS goroutines at once: ns/op is the inverse of the throughput.
// Names are BenchmarkHTTP/<endpoint>/<contender>.
func BenchmarkHTTP(b *testing.B) {
	srv := servers(b)
	for _, e := range endpoints {
		b.Run(e.name, func(b *testing.B) {
			for _, name := range []string{"handwritten", "autocrud"} {
				b.Run(name, func(b *testing.B) {
					c := client()
					base := srv[name].URL
					b.ReportAllocs()
					b.RunParallel(func(pb *testing.PB) {
						for pb.Next() {
							status, body, err := do(c, base, e)
							if err != nil || status != e.status {
								panic(fmt.Sprintf("%s %s: %d %s, %v", name, e.path, status, body, err))
							}
						}
					})
				})
			}
		})
	}
}
