package loadtest

import (
	"cmp"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckLoopback(t *testing.T) {
	tests := []struct {
		url string
		ok  bool
	}{
		{"http://127.0.0.1:7145", true},
		{"http://localhost:7145/", true},
		{"http://LOCALHOST", true},
		{"http://127.9.8.7:80", true},
		{"http://[::1]:7145", true},
		{"http://0.0.0.0:7145", false},
		{"http://10.0.0.1:7145", false},
		{"http://192.168.1.10", false},
		{"http://example.com", false},
		{"http://localhost.example.com", false},
		{"https://127.0.0.1", false},
		{"127.0.0.1:7145", false},
		{"", false},
		{"http://%zz", false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			err := CheckLoopback(tt.url)
			assert.Equal(t, tt.ok, err == nil, "CheckLoopback(%q) = %v, want ok=%v", tt.url, err, tt.ok)
		})
	}
}

func TestRunRefusesNonLoopback(t *testing.T) {
	_, err := Run(context.Background(), Options{BaseURL: "http://10.1.2.3:7145"})
	require.Error(t, err, "Run accepted a private address")
}

func TestPercentile(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		out := make([]time.Duration, len(ns))
		for i, n := range ns {
			out[i] = time.Duration(n) * time.Millisecond
		}
		return out
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = i + 1
	}
	tests := []struct {
		name string
		lat  []time.Duration
		p    float64
		want time.Duration
	}{
		{"none", nil, 0.5, 0},
		{"one", ms(7), 0.99, 7 * time.Millisecond},
		{"p50 of 1..100", ms(hundred...), 0.50, 50 * time.Millisecond},
		{"p99 of 1..100", ms(hundred...), 0.99, 99 * time.Millisecond},
		{"p100", ms(hundred...), 1, 100 * time.Millisecond},
		{"p50 of two", ms(1, 2), 0.5, time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := percentile(tt.lat, tt.p)
			assert.Equal(t, tt.want, got)
		})
	}
}

// Run against a server that keeps its promises passes; against one that
// breaks any of them, it fails and says which.
func TestRunNoticesBrokenPromises(t *testing.T) {
	tests := []struct {
		fault fault
		want  string // in Failures; "" means none
	}{
		{faultNone, ""},
		{faultLoseCreate, "create was acknowledged, but it is missing"},
		{faultKeepDeleted, "delete was acknowledged, but it is still there"},
		{faultDropUpdate, "want the acknowledged"},
		{faultServerError, "5xx answers"},
		{faultLocked, `"database is locked"`},
		{faultReuseID, "given to a second create"},
		{faultCloseConnect, "requests without an answer"},
	}
	for _, tt := range tests {
		t.Run(cmp.Or(string(tt.fault), "none"), func(t *testing.T) {
			srv := newFake(t, tt.fault)
			rep, err := Run(context.Background(), Options{
				BaseURL: srv.URL, Clients: 4, Duration: 10 * time.Second, MaxRequests: 600, Seed: 3,
			})
			require.NoError(t, err)
			got := strings.Join(rep.Failures(), "\n")
			require.False(t, tt.want == "" && got != "", "failures %q, want %q\n%s", got, tt.want, rep)
			require.Contains(t, got, tt.want, "failures %q, want %q\n%s", got, tt.want, rep)
			assert.Equal(t, int64(600), rep.Requests, "the mix is off: %d requests, %v", rep.Requests, rep.Ops)
			assert.NotEqual(t, int64(0), rep.Ops[opCreate], "the mix is off: %d requests, %v", rep.Requests, rep.Ops)
			assert.NotEqual(t, int64(0), rep.Ops[opUpdate], "the mix is off: %d requests, %v", rep.Requests, rep.Ops)
			assert.NotEqual(t, int64(0), rep.Ops[opDelete], "the mix is off: %d requests, %v", rep.Requests, rep.Ops)
			assert.NotEqual(t, int64(0), rep.Ops[opGet], "the mix is off: %d requests, %v", rep.Requests, rep.Ops)
			assert.NotEqual(t, int64(0), rep.Ops[opList], "the mix is off: %d requests, %v", rep.Requests, rep.Ops)
			if tt.fault == faultNone {
				if assert.True(t, rep.Verified, "report incomplete") && assert.NotEqual(t, 0, rep.Live, "report incomplete") && assert.NotEqual(t, 0, rep.Deleted, "report incomplete") && assert.GreaterOrEqual(t, rep.P99, rep.P50, "report incomplete") {
					assert.Greater(t, rep.RPS(), float64(0), "report incomplete")
				}
			}
		})
	}
}

// Writes whose answer never came may or may not have happened; Verify
// accepts either outcome, and nothing else.
func TestCheckUnacknowledged(t *testing.T) {
	a, b, c := Note{Title: "a"}, Note{Title: "b"}, Note{Title: "c"}
	tests := []struct {
		name  string
		r     record
		found map[int64]Note
		bad   bool
	}{
		{"acknowledged, present", record{want: a}, map[int64]Note{1: a}, false},
		{"acknowledged, missing", record{want: a}, nil, true},
		{"acknowledged, other content", record{want: a}, map[int64]Note{1: b}, true},
		{"unacknowledged update applied", record{want: a, maybe: []Note{b}}, map[int64]Note{1: b}, false},
		{"unacknowledged update not applied", record{want: a, maybe: []Note{b}}, map[int64]Note{1: a}, false},
		{"unacknowledged update, third content", record{want: a, maybe: []Note{b}}, map[int64]Note{1: c}, true},
		{"unacknowledged delete applied", record{want: a, maybeDeleted: true}, nil, false},
		{"unacknowledged delete not applied", record{want: a, maybeDeleted: true}, map[int64]Note{1: a}, false},
		{"acknowledged delete, gone", record{want: a, deleted: true}, nil, false},
		{"acknowledged delete, still there", record{want: a, deleted: true}, map[int64]Note{1: a}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := check(1, tt.r, tt.found)
			assert.Equal(t, tt.bad, got != "", "check = %q, want a problem: %v", got, tt.bad)
		})
	}
}
