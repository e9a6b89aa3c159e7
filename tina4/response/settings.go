package response

import (
	"context"
	"log/slog"
)

// Settings are what error answers depend on, per App (or per router), not
// per process: they travel in the request's context, so two Apps in one
// process answer and log each by its own.
type Settings struct {
	// Debug shows a 5xx error's full text (and details) in the answer; off,
	// the client sees only "Internal Server Error" and the log keeps the rest.
	Debug bool
	// Logger receives the 5xx errors; nil means slog.Default().
	Logger *slog.Logger
}

type settingsKey struct{}

// WithSettings returns a context carrying s: WriteError and Response.Error
// for a request with that context follow s. tina4.App puts its settings
// into every request's context; a router.Router with Debug or Logger set
// does so for its own requests.
func WithSettings(ctx context.Context, s Settings) context.Context {
	return &settingsCtx{Context: ctx, s: s}
}

// settingsCtx is the context WithSettings returns: one allocation per
// request, where a context.WithValue of the Settings would box them in a
// second.
type settingsCtx struct {
	context.Context
	s Settings
}

// Value answers settingsKey with the settings and asks the parent for any
// other key.
func (c *settingsCtx) Value(key any) any {
	if _, ok := key.(settingsKey); ok {
		return c
	}
	return c.Context.Value(key)
}

// SettingsFrom returns the settings ctx carries; none is the zero Settings
// (debug off, slog.Default()).
func SettingsFrom(ctx context.Context) Settings {
	if c, ok := ctx.Value(settingsKey{}).(*settingsCtx); ok {
		return c.s
	}
	return Settings{}
}

// LoggerFrom returns the logger of the settings ctx carries, or
// slog.Default().
func LoggerFrom(ctx context.Context) *slog.Logger { return SettingsFrom(ctx).logger() }

func (s Settings) logger() *slog.Logger {
	if s.Logger != nil {
		return s.Logger
	}
	return slog.Default()
}
