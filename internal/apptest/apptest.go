// Package apptest helps tests that run a tina4.App for real: Serve puts it
// on a loopback port until the test ends, and Buffer collects its log from
// the server's goroutines.
package apptest

import (
	"bytes"
	"context"
	"net"
	"sync"
	"testing"

	"github.com/tina4stack/tina4-go/tina4"
)

// Buffer is a bytes.Buffer safe for concurrent writers, for logs.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p.
func (s *Buffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String returns what was written so far.
func (s *Buffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Server is an App served by App.ServeListener on a loopback port.
type Server struct {
	URL    string // http://127.0.0.1:port
	cancel context.CancelFunc
	served chan error
	once   sync.Once
	err    error
}

// Serve serves app on a free loopback port until Stop or the end of the
// test.
func Serve(tb testing.TB, app *tina4.App) *Server {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{URL: "http://" + ln.Addr().String(), cancel: cancel, served: make(chan error, 1)}
	go func() { s.served <- app.ServeListener(ctx, ln) }()
	tb.Cleanup(func() { s.Stop() })
	return s
}

// Stop starts the App's shutdown, waits for it and returns ServeListener's
// answer; later calls return the same.
func (s *Server) Stop() error {
	s.once.Do(func() {
		s.cancel()
		s.err = <-s.served
	})
	return s.err
}
