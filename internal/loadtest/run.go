// Package loadtest drives a Tina4 app's /api/notes with many concurrent
// keep-alive clients creating, updating, deleting, reading and listing
// notes, records every write the server acknowledged in a Ledger, and checks
// afterwards that the server holds every one of them. It measures requests
// per second and latency percentiles, and counts 5xx answers and "database
// is locked". cmd/loadtest runs it from the command line; the crash tests
// use it to drive writes into a server they kill.
//
// It only ever sends to loopback addresses, for a bounded time and a
// bounded number of requests.
package loadtest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Options configure a Run. The zero value of each field takes its default.
type Options struct {
	BaseURL     string        // the app, e.g. http://127.0.0.1:7145; must be a loopback address
	Path        string        // the AutoCrud collection; default /api/notes
	Clients     int           // concurrent keep-alive clients; default 200
	Duration    time.Duration // how long the clients send requests; default 30s
	MaxRequests int64         // the run stops after this many requests; default 10,000,000
	Timeout     time.Duration // the longest a request may take; default 30s
	Seed        int64         // seeds the clients' choices; default 1
	// Ledger receives the acknowledged writes; nil means a new one. Pass the
	// same Ledger to runs against one database to check them all.
	Ledger *Ledger
	// SkipVerify leaves out the read-back of the ledger after the run (the
	// crash tests verify after restarting the server instead).
	SkipVerify bool
}

// Defaults of Options.
const (
	DefaultPath        = "/api/notes"
	DefaultClients     = 200
	DefaultDuration    = 30 * time.Second
	DefaultMaxRequests = 10_000_000
	DefaultTimeout     = 30 * time.Second
)

func (o *Options) fill() error {
	if err := CheckLoopback(o.BaseURL); err != nil {
		return err
	}
	o.BaseURL = strings.TrimRight(o.BaseURL, "/")
	if o.Path == "" {
		o.Path = DefaultPath
	}
	if o.Clients <= 0 {
		o.Clients = DefaultClients
	}
	if o.Duration <= 0 {
		o.Duration = DefaultDuration
	}
	if o.MaxRequests <= 0 {
		o.MaxRequests = DefaultMaxRequests
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Ledger == nil {
		o.Ledger = NewLedger()
	}
	return nil
}

// NewClient returns an HTTP client that keeps up to n connections alive to
// one host, with the given per-request timeout.
func NewClient(n int, timeout time.Duration) *http.Client {
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
			MaxIdleConns:        n,
			MaxIdleConnsPerHost: n,
			IdleConnTimeout:     90 * time.Second,
			DisableCompression:  true,
		},
	}
}

// Run sends the load of o until o.Duration has passed, o.MaxRequests have
// been sent or ctx is done (requests in flight then are cancelled), then
// reads the ledger back unless o.SkipVerify. The Report says what happened;
// Report.Failures lists what broke a requirement. An error means the run
// could not start or the read-back could not run.
func Run(ctx context.Context, o Options) (*Report, error) {
	if err := o.fill(); err != nil {
		return nil, err
	}
	hc := NewClient(o.Clients, o.Timeout)
	defer hc.CloseIdleConnections()

	var sent atomic.Int64
	deadline := time.Now().Add(o.Duration)
	more := func() bool {
		return ctx.Err() == nil && time.Now().Before(deadline) && sent.Add(1) <= o.MaxRequests
	}
	clients := make([]*client, o.Clients)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range clients {
		c := newClient(i, o, hc)
		clients[i] = c
		wg.Go(func() {
			for more() {
				c.step(ctx)
			}
		})
	}
	wg.Wait()
	rep := merge(clients, time.Since(start), o.Clients)
	if o.SkipVerify {
		return rep, nil
	}
	lost, err := o.Ledger.Verify(ctx, hc, o.BaseURL, o.Path)
	if err != nil {
		return rep, fmt.Errorf("loadtest: %w", err)
	}
	rep.Verified, rep.Lost = true, lost
	rep.Live, rep.Deleted = o.Ledger.Counts()
	return rep, nil
}

// merge adds up the clients' tallies.
func merge(clients []*client, elapsed time.Duration, n int) *Report {
	rep := &Report{Clients: n, Elapsed: elapsed, Ops: map[string]int64{}, Statuses: map[int]int64{}}
	var lat []time.Duration
	for _, c := range clients {
		t := &c.tally
		rep.Requests += t.requests
		rep.TransportErrors += t.transportErrors
		rep.ServerErrors += t.serverErrors
		rep.Locked += t.locked
		rep.Unexpected += t.unexpected
		rep.StaleReads += t.staleReads
		for k, v := range t.ops {
			rep.Ops[k] += v
		}
		for k, v := range t.statuses {
			rep.Statuses[k] += v
		}
		lat = append(lat, t.latencies...)
		if len(rep.Samples) < maxSamples {
			rep.Samples = append(rep.Samples, t.samples[:min(len(t.samples), maxSamples-len(rep.Samples))]...)
		}
	}
	rep.setLatencies(lat)
	return rep
}
