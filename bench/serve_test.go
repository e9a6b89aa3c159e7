package bench

import (
	"bytes"
	"net/http/httptest"
	"testing"
)

// serveNotes is the table size of BenchmarkHTTPServe.
const serveNotes = 10000

// BenchmarkHTTPServe runs each endpoint of BenchmarkHTTP through AutoCrud's
// and the hand-written handler's ServeHTTP in process, one request at a
// time, with no network and no client: the server's own work per request,
// which instructions.sh counts under callgrind (SUITE=HTTPServe). Names are
// BenchmarkHTTPServe/sqlite/<endpoint>/<contender>, the shape
// instructions.sh expects.
func BenchmarkHTTPServe(b *testing.B) {
	hs := handlers(b, serveNotes)
	b.Run("sqlite", func(b *testing.B) {
		for _, e := range endpoints {
			b.Run(e.name, func(b *testing.B) {
				for _, name := range []string{"handwritten", "autocrud"} {
					b.Run(name, func(b *testing.B) {
						h := hs[name]
						b.ReportAllocs()
						for i := range b.N {
							req := httptest.NewRequest(e.method, e.path(i+1, serveNotes), bytes.NewReader(e.body))
							if e.body != nil {
								req.Header.Set("Content-Type", "application/json")
							}
							w := httptest.NewRecorder()
							h.ServeHTTP(w, req)
							if w.Code != e.status {
								b.Fatalf("%s %s: %d %s", e.method, req.URL, w.Code, w.Body)
							}
						}
					})
				}
			})
		}
	})
}
