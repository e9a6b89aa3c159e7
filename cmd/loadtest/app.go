package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"sync/atomic"

	_ "github.com/tina4stack/tina4-go/app/src/orm"    // the example app's models
	_ "github.com/tina4stack/tina4-go/app/src/routes" // and routes

	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/orm"
	_ "github.com/tina4stack/tina4-go/tina4/orm/sqlitedb" // the app's SQLite file
)

// inProcess is the example app served by this process for a load run.
type inProcess struct {
	app       *tina4.App
	url       string
	dbPath    string
	tmp       string // removed by stop when the file was ours
	cancel    context.CancelFunc
	served    chan error
	locked    *lockedCounter
	integrity string
}

// startApp serves the example app on a free loopback port from the SQLite
// file dbPath, or a new one. Its log goes to errOut from level warn up;
// every line is searched for "database is locked".
func startApp(ctx context.Context, dbPath string, errOut io.Writer) (*inProcess, error) {
	p := &inProcess{locked: &lockedCounter{w: errOut}}
	if dbPath == "" {
		tmp, err := os.MkdirTemp("", "tina4-loadtest-")
		if err != nil {
			return nil, fmt.Errorf("temporary folder: %w", err)
		}
		p.tmp, dbPath = tmp, filepath.Join(tmp, "app.db")
	}
	p.dbPath = dbPath
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return nil, err
	}
	log := slog.New(slog.NewTextHandler(p.locked, &slog.HandlerOptions{Level: slog.LevelWarn}))
	slog.SetDefault(log) // 5xx errors are logged through the default logger
	cfg := tina4.DefaultConfig()
	cfg.DatabaseURL = "sqlite:///" + abs
	cfg.Logger = log
	cfg.Debug = true // a 5xx body shows its error, so "database is locked" would be seen by the client too
	app, err := tina4.New(cfg)
	if err != nil {
		p.cleanup()
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		app.Close()
		p.cleanup()
		return nil, fmt.Errorf("listen: %w", err)
	}
	p.app, p.url = app, "http://"+ln.Addr().String()
	sctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	p.cancel, p.served = cancel, make(chan error, 1)
	go func() { p.served <- app.ServeListener(sctx, ln) }()
	return p, nil
}

// stop shuts the server down, checks the database's integrity and closes it.
func (p *inProcess) stop() error {
	p.cancel()
	err := <-p.served
	defer p.cleanup()
	defer p.app.Close()
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	rows, err := orm.QueryMaps(orm.WithDB(context.Background(), p.app.DB()), "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("integrity_check: %w", err)
	}
	p.integrity = fmt.Sprint(rows)
	if len(rows) != 1 || fmt.Sprint(rows[0]["integrity_check"]) != "ok" {
		return fmt.Errorf("integrity_check: %v", rows)
	}
	p.integrity = "ok"
	if n := p.locked.Load(); n > 0 {
		return fmt.Errorf("the server logged \"database is locked\" %d times", n)
	}
	return nil
}

func (p *inProcess) cleanup() {
	if p.tmp != "" {
		os.RemoveAll(p.tmp)
	}
}

// lockedCounter passes log lines on to w and counts those that mention
// "database is locked".
type lockedCounter struct {
	w io.Writer
	atomic.Int64
}

func (c *lockedCounter) Write(b []byte) (int, error) {
	if bytes.Contains(bytes.ToLower(b), []byte("database is locked")) {
		c.Add(1)
	}
	return c.w.Write(b)
}
