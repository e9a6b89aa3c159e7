package main

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The short version of the load run: the example app in process on a new
// SQLite file, 20 clients for 3 seconds. It fails on any 5xx, any "database
// is locked", any lost acknowledged write or a failed integrity check.
func TestShortLoad(t *testing.T) {
	var out, errOut bytes.Buffer
	db := filepath.Join(t.TempDir(), "load.db")
	err := run(context.Background(), []string{"-duration", "3s", "-clients", "20", "-db", db}, &out, &errOut)
	t.Log(out.String())
	require.NoError(t, err, "%v\n%s", err, errOut.String())
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`clients 20, .* req/s, p50 \S+, p99 \S+`),
		regexp.MustCompile(`5xx 0, database is locked 0, no answer 0, unexpected 0, stale reads 0`),
		regexp.MustCompile(`verified: [1-9]\d* live notes and [1-9]\d* deletes, 0 lost`),
		regexp.MustCompile(`integrity_check ok`),
		regexp.MustCompile(`(?m)^PASS$`),
	} {
		assert.True(t, want.MatchString(out.String()), "the report lacks")
	}
}

func TestArguments(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"private address", []string{"-url", "http://10.0.0.5:7145"}, "not a loopback address"},
		{"public host", []string{"-url", "http://example.com"}, "not a loopback address"},
		{"unknown flag", []string{"-nope"}, "flag provided but not defined"},
		{"stray argument", []string{"extra"}, "unexpected arguments"},
		{"nothing listening", []string{"-url", "http://127.0.0.1:1", "-duration", "200ms", "-clients", "2"}, "requests without an answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := run(context.Background(), tt.args, &out, &errOut)
			require.Error(t, err, "err")
			require.Contains(t, err.Error(), tt.want, "err")
		})
	}
}
