package response_test

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/response"
)

// lockedBuffer is a log destination safe for concurrent writers.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestSettingsPerRequest: debug mode and the logger come from each
// request's context, so requests with different settings, at once, each
// answer and log by their own.
func TestSettingsPerRequest(t *testing.T) {
	var debugLog, quietLog lockedBuffer
	settings := []response.Settings{
		{Debug: true, Logger: slog.New(slog.NewTextHandler(&debugLog, nil))},
		{Debug: false, Logger: slog.New(slog.NewTextHandler(&quietLog, nil))},
	}
	want := []string{`{"error":"db: secret detail"}`, `{"error":"Internal Server Error"}`}
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Go(func() {
			s := settings[i%2]
			req := httptest.NewRequest("GET", "/x", nil)
			req = req.WithContext(response.WithSettings(req.Context(), s))
			rec := httptest.NewRecorder()
			response.WriteError(rec, req, errors.New("db: secret detail"))
			assert.JSONEq(t, want[i%2], rec.Body.String())
		})
	}
	wg.Wait()
	assert.Equal(t, 20, bytes.Count([]byte(debugLog.String()), []byte("secret detail")))
	assert.Equal(t, 20, bytes.Count([]byte(quietLog.String()), []byte("secret detail")))

	// No settings: debug off, the default logger.
	assert.Equal(t, response.Settings{}, response.SettingsFrom(t.Context()))
	require.Same(t, slog.Default(), response.LoggerFrom(t.Context()))
}
