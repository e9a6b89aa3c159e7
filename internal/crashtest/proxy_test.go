package crashtest

import (
	"io"
	"net"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// proxy is a TCP proxy between the app and a database server that a test
// can cut and restore, to stand for the server going away and coming back
// without stopping the shared server other tests use.
type proxy struct {
	target string
	addr   string // the address the app connects to; kept across cut and restore

	mu        sync.Mutex
	ln        net.Listener
	conns     map[net.Conn]struct{}
	blackhole bool // cut, but still accepting connections that never get an answer
}

// startProxy listens on a free loopback port and forwards to target.
func startProxy(t *testing.T, target string) *proxy {
	t.Helper()
	p := &proxy{target: target, conns: map[net.Conn]struct{}{}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	p.addr = ln.Addr().String()
	p.serve(ln)
	t.Cleanup(func() { p.cut(false) })
	return p
}

func (p *proxy) serve(ln net.Listener) {
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go p.handle(c)
		}
	}()
}

// track adds c to the open connections, or closes it and returns false when
// the proxy is cut without a blackhole.
func (p *proxy) track(c net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln == nil && !p.blackhole {
		c.Close()
		return false
	}
	p.conns[c] = struct{}{}
	return true
}

func (p *proxy) handle(c net.Conn) {
	if !p.track(c) {
		return
	}
	p.mu.Lock()
	hole := p.blackhole
	p.mu.Unlock()
	if hole {
		io.Copy(io.Discard, c) // hold it: no answer until the cut ends
		return
	}
	s, err := net.Dial("tcp", p.target)
	if err != nil {
		c.Close()
		return
	}
	if !p.track(s) {
		c.Close()
		return
	}
	go func() { io.Copy(s, c); s.Close() }()
	io.Copy(c, s)
	c.Close()
}

// cut closes every connection. With blackhole false new connections are
// refused, as from a stopped server; with blackhole true they are accepted
// and never answered, as from a server that hangs.
func (p *proxy) cut(blackhole bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.blackhole = blackhole
	if !blackhole && p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	p.closeAll()
}

// restore forwards again, on the same address; connections held by a
// blackhole are closed.
func (p *proxy) restore(t *testing.T) {
	t.Helper()
	p.mu.Lock()
	p.blackhole = false
	p.closeAll()
	listening := p.ln != nil
	p.mu.Unlock()
	if listening {
		return
	}
	ln, err := net.Listen("tcp", p.addr)
	require.NoError(t, err, "proxy: listen again on %s: %v", p.addr, err)
	p.serve(ln)
}

func (p *proxy) closeAll() {
	for c := range p.conns {
		c.Close()
		delete(p.conns, c)
	}
}
