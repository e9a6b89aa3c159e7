package tina4

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countingWriter counts the writes it gets, as a file would count system
// calls.
type countingWriter struct {
	mu     sync.Mutex
	writes int
	out    bytes.Buffer
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.writes++
	return w.out.Write(p)
}

func (w *countingWriter) snapshot() (int, string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.writes, w.out.String()
}

func TestBufferedLoggerBatchesInfoAndFlushesWarnings(t *testing.T) {
	w := &countingWriter{}
	l, buf := bufferedLogger(w)
	for i := range 100 {
		l.Info("request", "n", i)
	}
	writes, _ := w.snapshot()
	assert.Zero(t, writes, "info lines wait in the buffer")

	l.Error("boom")
	writes, out := w.snapshot()
	assert.Equal(t, 1, writes, "an error writes the batch, in one write")
	assert.Contains(t, out, "n=99")
	assert.Contains(t, out, "msg=boom")

	l.Info("late")
	require.Eventually(t, func() bool {
		_, out := w.snapshot()
		return strings.Contains(out, "msg=late")
	}, 3*time.Second, 20*time.Millisecond, "a waiting line is written within the flush period")

	l.Info("at close")
	buf.Flush()
	_, out = w.snapshot()
	assert.Contains(t, out, "at close")
}

func TestBufferedLoggerWritesFullBuffer(t *testing.T) {
	w := &countingWriter{}
	l, _ := bufferedLogger(w)
	line := strings.Repeat("x", 1000)
	for range 100 { // about 100 KB: one write at 64 KB
		l.Info(line)
	}
	writes, _ := w.snapshot()
	assert.Equal(t, 1, writes)
}

func TestAccessLogModes(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/fail":
			w.WriteHeader(http.StatusInternalServerError)
		case "/slow":
			time.Sleep(30 * time.Millisecond)
		case "/missing":
			w.WriteHeader(http.StatusNotFound)
		}
	})
	tests := []struct {
		mode string
		want []string // paths logged, in order
	}{
		{AccessLogAll, []string{"/ok", "/missing", "/fail", "/slow"}},
		{AccessLogErrors, []string{"/fail", "/slow"}},
		{AccessLogOff, nil},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			var out bytes.Buffer
			l := slog.New(slog.NewTextHandler(&out, nil))
			mw := logRequests(l, tt.mode, 20*time.Millisecond)(h)
			for _, p := range []string{"/ok", "/missing", "/fail", "/slow"} {
				mw.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, p, nil))
			}
			var got []string
			for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
				if _, rest, ok := strings.Cut(line, "path="); ok {
					got = append(got, strings.Fields(rest)[0])
				}
			}
			assert.Equal(t, tt.want, got)
			if tt.mode != AccessLogOff {
				assert.Contains(t, out.String(), "level=WARN msg=request method=GET path=/slow")
				assert.Contains(t, out.String(), "slow=true")
				assert.Contains(t, out.String(), "level=ERROR msg=request method=GET path=/fail")
			}
		})
	}
}
