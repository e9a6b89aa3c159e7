package crud_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
)

// bodyTag is the ETag of a record answered with body (its trailing newline
// dropped) and, for a model with a version column, version: the hash of
// the bytes the API writes, so hidden columns and relations never count.
func bodyTag(body string, version string) string {
	in := strings.TrimSuffix(body, "\n")
	if version != "" {
		in += "\x00" + version
	}
	sum := sha256.Sum256([]byte(in))
	return `"` + hex.EncodeToString(sum[:16]) + `"`
}

// TestETagIsOverTheAnswer: the record is encoded once and the tag is the
// hash of exactly those bytes (and the version), for GET and for a write's
// answer, with or without a version column and a hidden column.
func TestETagIsOverTheAnswer(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		h := ccServer(t)
		doc := ccCreate(t, h, "cc_docs", `{"title":"t0","content":"Über <b> & \"q\""}`)
		a := ccSend(h, "GET", doc, "")
		require.Equal(t, http.StatusOK, a.Status, a.Body)
		assert.Equal(t, bodyTag(a.Body, ""), a.Header.Get("ETag"), a.Body)
		a = ccSend(h, "PATCH", doc, `{"tag":"x"}`)
		require.Equal(t, http.StatusOK, a.Status, a.Body)
		assert.Equal(t, bodyTag(a.Body, ""), a.Header.Get("ETag"), a.Body)

		ver := ccCreate(t, h, "cc_ver_docs", `{"title":"t0","secret":"s0"}`)
		a = ccSend(h, "GET", ver, "")
		require.Equal(t, http.StatusOK, a.Status, a.Body)
		assert.NotContains(t, a.Body, "secret")
		assert.Equal(t, bodyTag(a.Body, fmt.Sprint(a.JSON["version"])), a.Header.Get("ETag"), a.Body)
		a = ccSend(h, "PATCH", ver, `{"secret":"s1"}`) // only the hidden column (and so the version) moves
		require.Equal(t, http.StatusOK, a.Status, a.Body)
		assert.Equal(t, bodyTag(a.Body, fmt.Sprint(a.JSON["version"])), a.Header.Get("ETag"), a.Body)
		assert.Equal(t, a.Header.Get("ETag"), ccTag(t, h, ver))
	})
}

// TestETagIgnoresInclude: a record read with its relations included has the
// tag it has without them, and If-None-Match with that tag answers 304
// either way.
func TestETagIgnoresInclude(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		h := newServer(t)
		mustCall(t, h, "POST", "/api/writers", `{"name":"Ursula"}`, 201)
		mustCall(t, h, "POST", "/api/books", `{"writer_id":1,"title":"The Dispossessed"}`, 201)
		for _, tt := range []struct{ path, include string }{
			{"/api/books/1", "writer"},
			{"/api/writers/1", "books"},
		} {
			plain := ccSend(h, "GET", tt.path, "")
			require.Equal(t, http.StatusOK, plain.Status, plain.Body)
			incl := ccSend(h, "GET", tt.path+"?include="+tt.include, "")
			require.Equal(t, http.StatusOK, incl.Status, incl.Body)
			require.Contains(t, incl.JSON, tt.include, incl.Body)
			assert.NotContains(t, plain.JSON, tt.include, plain.Body)
			tag := plain.Header.Get("ETag")
			assert.Equal(t, bodyTag(plain.Body, ""), tag)
			assert.Equal(t, tag, incl.Header.Get("ETag"), "%s: the tag must not depend on include", tt.path)
			assert.Equal(t, http.StatusNotModified,
				ccSend(h, "GET", tt.path+"?include="+tt.include, "", "If-None-Match", tag).Status)
		}
	})
}
