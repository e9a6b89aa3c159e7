package tina4

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"time"
)

// logBuffer collects log lines in memory and writes them to w in batches:
// when FlushEvery has passed since the first unwritten line, when the
// buffer holds logBufferMax bytes, when a record at warn level or above is
// logged (see flushOnWarn), and on Flush. The request log of a busy server
// then costs no write system call per request, while errors are written at
// once. It keeps no goroutine: a timer is armed only while lines wait.
type logBuffer struct {
	w     io.Writer
	every time.Duration

	mu    sync.Mutex
	buf   []byte
	timer *time.Timer
}

// logBufferMax is the size at which the buffer is written without waiting.
const logBufferMax = 64 << 10

func newLogBuffer(w io.Writer, every time.Duration) *logBuffer {
	return &logBuffer{w: w, every: every}
}

// Write appends p to the buffer; it never fails (a failed write of the
// batch is dropped, as a full disk would drop a log line).
func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	switch {
	case len(b.buf) >= logBufferMax:
		b.flushLocked()
	case b.timer == nil:
		b.timer = time.AfterFunc(b.every, b.Flush)
	}
	return len(p), nil
}

// Flush writes what the buffer holds.
func (b *logBuffer) Flush() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.flushLocked()
}

func (b *logBuffer) flushLocked() {
	if b.timer != nil {
		b.timer.Stop()
		b.timer = nil
	}
	if len(b.buf) > 0 {
		_, _ = b.w.Write(b.buf)
		b.buf = b.buf[:0]
	}
}

// flushOnWarn is a slog.Handler that writes the buffer out after every
// record at warn level or above, so errors are never held back.
type flushOnWarn struct {
	slog.Handler
	buf *logBuffer
}

func (h flushOnWarn) Handle(ctx context.Context, r slog.Record) error {
	err := h.Handler.Handle(ctx, r)
	if r.Level >= slog.LevelWarn {
		h.buf.Flush()
	}
	return err
}

func (h flushOnWarn) WithAttrs(as []slog.Attr) slog.Handler {
	return flushOnWarn{h.Handler.WithAttrs(as), h.buf}
}

func (h flushOnWarn) WithGroup(name string) slog.Handler {
	return flushOnWarn{h.Handler.WithGroup(name), h.buf}
}

// bufferedLogger returns a text logger that writes to w through a
// logBuffer flushed every second, and the buffer (to flush on Close).
func bufferedLogger(w io.Writer) (*slog.Logger, *logBuffer) {
	buf := newLogBuffer(w, time.Second)
	return slog.New(flushOnWarn{slog.NewTextHandler(buf, nil), buf}), buf
}
