package tina4

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
)

// Serve listens on Addr and serves the App until ctx is done, then shuts
// down gracefully: it stops accepting connections and waits up to
// ShutdownTimeout for requests in flight. It returns nil after a clean
// shutdown; when requests are still running after ShutdownTimeout, it
// closes their connections and returns an error saying so.
func (a *App) Serve(ctx context.Context) error {
	ln, err := net.Listen("tcp", a.Addr())
	if err != nil {
		return fmt.Errorf("tina4: listen: %w", err)
	}
	return a.ServeListener(ctx, ln)
}

// ServeListener is Serve on a listener the caller opened (for example on
// port 0 in a test). It closes ln.
func (a *App) ServeListener(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           a.handler,
		ReadHeaderTimeout: a.cfg.ReadHeaderTimeout,
		ReadTimeout:       a.cfg.ReadTimeout,
		WriteTimeout:      a.cfg.WriteTimeout,
		IdleTimeout:       a.cfg.IdleTimeout,
		MaxHeaderBytes:    a.cfg.MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	a.log.Info("tina4: serving", "addr", "http://"+ln.Addr().String(), "database", redact(a.cfg.DatabaseURL))
	select {
	case err := <-errc:
		return fmt.Errorf("tina4: serve: %w", err)
	case <-ctx.Done():
	}
	a.log.Info("tina4: shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), a.cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		// Requests still running: cut their connections rather than leave
		// them to a closed database.
		return fmt.Errorf("tina4: shutdown: requests still in flight after %s were cut off: %w",
			a.cfg.ShutdownTimeout, errors.Join(err, srv.Close()))
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("tina4: serve: %w", err)
	}
	return nil
}

// redact hides the password of a database URL for the log.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	return u.Redacted()
}
