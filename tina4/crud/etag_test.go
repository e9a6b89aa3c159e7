package crud_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
)

var strongTag = regexp.MustCompile(`^"[0-9a-f]{32}"$`)

// ccCreate posts body to /api/{table} and returns the record's path.
func ccCreate(t *testing.T, h http.Handler, table, body string) string {
	t.Helper()
	a := ccSend(h, "POST", "/api/"+table, body)
	require.Equal(t, http.StatusCreated, a.Status, a.Body)
	return fmt.Sprintf("/api/%s/%v", table, a.JSON["id"])
}

// ccTag GETs path and returns its ETag.
func ccTag(t *testing.T, h http.Handler, path string) string {
	t.Helper()
	a := ccSend(h, "GET", path, "")
	require.Equal(t, http.StatusOK, a.Status, a.Body)
	tag := a.Header.Get("ETag")
	require.Regexp(t, strongTag, tag)
	return tag
}

func TestETag(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		h := ccServer(t)
		path := ccCreate(t, h, "cc_docs", `{"title":"t0","content":"c0"}`)
		tag := ccTag(t, h, path)
		assert.Equal(t, tag, ccTag(t, h, path), "the same row gives the same tag")

		// If-None-Match: 304 while the tag is current.
		assert.Equal(t, http.StatusNotModified, ccSend(h, "GET", path, "", "If-None-Match", tag).Status)
		assert.Equal(t, http.StatusNotModified, ccSend(h, "GET", path, "", "If-None-Match", `"x", W/`+tag).Status)
		assert.Equal(t, http.StatusOK, ccSend(h, "GET", path, "", "If-None-Match", `"other"`).Status)
		assert.Equal(t, http.StatusNotModified, ccSend(h, "HEAD", path, "", "If-None-Match", "*").Status)
		assert.Equal(t, http.StatusBadRequest, ccSend(h, "GET", path, "", "If-None-Match", "nope").Status)

		// A write answers the stored row with its new tag, the one GET then sends.
		a := ccSend(h, "PATCH", path, `{"content":"c1"}`)
		require.Equal(t, http.StatusOK, a.Status, a.Body)
		newTag := a.Header.Get("ETag")
		assert.Regexp(t, strongTag, newTag)
		assert.NotEqual(t, tag, newTag)
		assert.Equal(t, newTag, ccTag(t, h, path))
		assert.Equal(t, http.StatusOK, ccSend(h, "GET", path, "", "If-None-Match", tag).Status)

		// PUT is partial too: the columns not sent keep their values.
		a = ccSend(h, "PUT", path, `{"title":"t2"}`, "If-Match", newTag)
		require.Equal(t, http.StatusOK, a.Status, a.Body)
		assert.Equal(t, "t2", a.JSON["title"])
		assert.Equal(t, "c1", a.JSON["content"])
	})
}

// TestIfMatch: PUT, PATCH and DELETE with an If-Match that no longer holds
// answer 412 and change nothing; with the current tag (or *) they proceed.
func TestIfMatch(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		h := ccServer(t)
		path := ccCreate(t, h, "cc_docs", `{"title":"t0","content":"c0"}`)
		old := ccTag(t, h, path)
		require.Equal(t, http.StatusOK, ccSend(h, "PATCH", path, `{"content":"c1"}`).Status)
		cur := ccTag(t, h, path)
		before := ccSend(h, "GET", path, "").Body

		for _, tt := range []struct{ name, method, body, ifMatch string }{
			{"PUT stale", "PUT", `{"title":"lost"}`, old},
			{"PATCH stale", "PATCH", `{"title":"lost"}`, old},
			{"DELETE stale", "DELETE", "", old},
			{"PATCH weak", "PATCH", `{"title":"lost"}`, "W/" + cur},
			{"PATCH other list", "PATCH", `{"title":"lost"}`, old + `, "abc"`},
		} {
			t.Run(tt.name, func(t *testing.T) {
				a := ccSend(h, tt.method, path, tt.body, "If-Match", tt.ifMatch)
				require.Equal(t, http.StatusPreconditionFailed, a.Status, a.Body)
				assert.Contains(t, a.JSON["error"], "Precondition failed")
				assert.Equal(t, before, ccSend(h, "GET", path, "").Body, "nothing changed")
			})
		}
		for _, tt := range []struct{ name, ifMatch, want string }{
			{"empty", "", "If-Match: empty"},
			{"unquoted", "abc", "If-Match: malformed entity tag"},
			{"space inside", `"a b"`, "If-Match: malformed entity tag"},
		} {
			t.Run("malformed "+tt.name, func(t *testing.T) {
				a := ccSend(h, "PATCH", path, `{"title":"lost"}`, "If-Match", tt.ifMatch)
				require.Equal(t, http.StatusBadRequest, a.Status, a.Body)
				assert.Contains(t, a.JSON["error"], tt.want)
			})
		}
		assert.Equal(t, before, ccSend(h, "GET", path, "").Body, "nothing changed")

		a := ccSend(h, "PATCH", path, `{"title":"t1"}`, "If-Match", `"abc", `+cur)
		require.Equal(t, http.StatusOK, a.Status, a.Body)
		assert.Equal(t, "t1", a.JSON["title"])
		a = ccSend(h, "PUT", path, `{"title":"t2"}`, "If-Match", "*")
		require.Equal(t, http.StatusOK, a.Status, a.Body)
		a = ccSend(h, "DELETE", path, "", "If-Match", a.Header.Get("ETag"))
		require.Equal(t, http.StatusNoContent, a.Status, a.Body)
		// * means "exists": a missing row is a 404, as without If-Match.
		assert.Equal(t, http.StatusNotFound, ccSend(h, "PATCH", path, `{"title":"x"}`, "If-Match", "*").Status)
		assert.Equal(t, http.StatusNotFound, ccSend(h, "DELETE", path, "", "If-Match", "*").Status)
	})
}

// TestIfMatchOneWinner: clients holding the same tag write at the same moment;
// exactly one write succeeds, the others answer 412, and the row holds the
// winner's change. The tag check and the write are one atomic step.
func TestIfMatchOneWinner(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		h := ccServer(t)
		for _, table := range []string{"cc_docs", "cc_ver_docs"} {
			t.Run(table, func(t *testing.T) {
				path := ccCreate(t, h, table, `{"title":"t0"}`)
				const clients, rounds = 4, 10
				for round := 0; round < rounds; round++ {
					tag := ccTag(t, h, path)
					answers := make([]ccAnswer, clients+1)
					start := make(chan struct{})
					var wg sync.WaitGroup
					for i := range answers {
						wg.Add(1)
						go func() {
							defer wg.Done()
							<-start
							if i == clients { // one deletes with a stale tag: always 412
								answers[i] = ccSend(h, "DELETE", path, "", "If-Match", `"stale"`)
								return
							}
							method := []string{"PATCH", "PUT"}[i%2]
							body := fmt.Sprintf(`{"title":"round %d client %d"}`, round, i)
							answers[i] = ccSend(h, method, path, body, "If-Match", tag)
						}()
					}
					close(start)
					wg.Wait()
					winners := 0
					var title any
					for i, a := range answers {
						switch a.Status {
						case http.StatusOK:
							winners++
							title = a.JSON["title"]
						case http.StatusPreconditionFailed:
						default:
							require.Fail(t, fmt.Sprintf("round %d, client %d: %d %s", round, i, a.Status, a.Body))
						}
					}
					require.Equal(t, 1, winners, "round %d", round)
					row := ccSend(h, "GET", path, "")
					assert.Equal(t, title, row.JSON["title"], "the row holds the winner's change")
				}
			})
		}
	})
}

// TestVersionThroughAutoCrud: the version column starts at 1, moves on with
// every write, is read-only in bodies (accepted with its current value), and
// a stale value answers 409.
func TestVersionThroughAutoCrud(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		h := ccServer(t)
		a := ccSend(h, "POST", "/api/cc_ver_docs", `{"title":"t0","version":0}`)
		require.Equal(t, http.StatusCreated, a.Status, a.Body)
		assert.Equal(t, 1.0, a.JSON["version"])
		path := fmt.Sprintf("/api/cc_ver_docs/%v", a.JSON["id"])
		a = ccSend(h, "POST", "/api/cc_ver_docs", `{"title":"t0","version":5}`)
		assert.Equal(t, http.StatusBadRequest, a.Status, a.Body)
		assert.Contains(t, a.JSON["error"], "version: is read-only")

		first := ccSend(h, "GET", path, "")
		require.Equal(t, 1.0, first.JSON["version"])
		a = ccSend(h, "PATCH", path, `{"body":"b1"}`)
		require.Equal(t, http.StatusOK, a.Status, a.Body)
		assert.Equal(t, 2.0, a.JSON["version"])
		a = ccSend(h, "PATCH", path, `{"title":"t1","version":2}`) // the current value: accepted
		require.Equal(t, http.StatusOK, a.Status, a.Body)
		assert.Equal(t, 3.0, a.JSON["version"])

		// The record read first, edited and sent back whole: stale.
		var edited map[string]any
		require.NoError(t, json.Unmarshal([]byte(first.Body), &edited))
		edited["body"] = "lost"
		body, _ := json.Marshal(edited)
		for _, method := range []string{"PUT", "PATCH"} {
			a = ccSend(h, method, path, string(body))
			require.Equal(t, http.StatusConflict, a.Status, a.Body)
			assert.Contains(t, a.JSON["error"], "changed since it was read")
		}
		a = ccSend(h, "PATCH", path, `{"version":"x"}`)
		assert.Equal(t, http.StatusBadRequest, a.Status, a.Body)
		a = ccSend(h, "PATCH", path, `{"secret":"s"}`)
		require.Equal(t, http.StatusOK, a.Status, a.Body)
		assert.Equal(t, 4.0, a.JSON["version"], "a change to a hidden column moves the version on")

		row := ccSend(h, "GET", path, "")
		assert.Equal(t, "t1", row.JSON["title"])
		assert.Equal(t, "b1", row.JSON["body"])
		assert.Equal(t, 4.0, row.JSON["version"])
	})
}

// FuzzIfMatch sends arbitrary If-Match and If-None-Match values: the answer
// is 200, 304, 400 or 412, never a panic or a 500, and a write happens only
// when the answer is 200.
func FuzzIfMatch(f *testing.F) {
	for _, seed := range []string{`*`, `"abc"`, `W/"abc"`, `"a", "b"`, ``, `,`, `"`, `""`, `W/`, `"a" "b"`, "\"\x00\"", `*, "a"`} {
		f.Add(seed)
	}
	h := ccServer(f)
	a := ccSend(h, "POST", "/api/cc_docs", `{"title":"t0"}`)
	require.Equal(f, http.StatusCreated, a.Status, a.Body)
	path := fmt.Sprintf("/api/cc_docs/%v", a.JSON["id"])
	f.Fuzz(func(t *testing.T, value string) {
		before := ccSend(h, "GET", path, "")
		a := ccSend(h, "GET", path, "", "If-None-Match", value)
		assert.Contains(t, []int{200, 304, 400}, a.Status, a.Body)
		a = ccSend(h, "PATCH", path, `{"content":"x"}`, "If-Match", value)
		assert.Contains(t, []int{200, 400, 412}, a.Status, a.Body)
		if a.Status != http.StatusOK {
			assert.Equal(t, before.Body, ccSend(h, "GET", path, "").Body, "nothing changed")
		}
	})
}
