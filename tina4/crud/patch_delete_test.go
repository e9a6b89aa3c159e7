package crud_test

import (
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
)

// TestPatchRacesDelete: PATCHes and PUTs race a DELETE of the same row;
// each write answers 200 (it came first) or 404 (the row was gone), never
// a 5xx, and the row stays deleted (soft-deleted too): no write brings it
// back.
func TestPatchRacesDelete(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		cc, soft := ccServer(t), newServer(t)
		for _, table := range []string{"cc_docs", "cc_ver_docs", "tasks"} {
			h := cc
			if table == "tasks" { // soft-deleted
				h = soft
			}
			t.Run(table, func(t *testing.T) {
				for round := 0; round < 5; round++ {
					path := ccCreate(t, h, table, `{"title":"t0"}`)
					answers := make([]ccAnswer, 4)
					start := make(chan struct{})
					var wg sync.WaitGroup
					for i := range answers {
						wg.Add(1)
						go func() {
							defer wg.Done()
							<-start
							switch i {
							case 0:
								answers[i] = ccSend(h, "DELETE", path, "")
							default:
								answers[i] = ccSend(h, []string{"PATCH", "PUT"}[i%2], path, `{"title":"t1"}`)
							}
						}()
					}
					close(start)
					wg.Wait()
					require.Equal(t, http.StatusNoContent, answers[0].Status, answers[0].Body)
					for _, a := range answers[1:] {
						assert.Contains(t, []int{http.StatusOK, http.StatusNotFound}, a.Status, a.Body)
					}
					assert.Equal(t, http.StatusNotFound, ccSend(h, "GET", path, "").Status)
				}
			})
		}
	})
}
