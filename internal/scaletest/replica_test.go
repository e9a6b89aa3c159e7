package scaletest

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/apptest"
	"github.com/tina4stack/tina4-go/tina4"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// TestReplica runs the example app on a real primary with a real streaming
// replica: reads go to the replica, a request reads its own writes, reads
// are answered while the primary is stopped and writes then fail with 503,
// everything recovers when the primary is back, and with the replica
// stopped the primary serves the reads until the replica answers again.
func TestReplica(t *testing.T) {
	needScale(t)
	primary := startPrimary(t)
	replica := startReplica(t, primary)
	probe := orm.ReplicaProbeInterval
	orm.ReplicaProbeInterval = 100 * time.Millisecond
	t.Cleanup(func() { orm.ReplicaProbeInterval = probe })

	cfg := tina4.DefaultConfig()
	cfg.DatabaseURL = primary.URL()
	cfg.ReplicaURLs = replica.URL()
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	app, err := tina4.New(cfg)
	require.NoError(t, err)
	t.Cleanup(func() { app.Close() })
	base := apptest.Serve(t, app).URL

	create := func(t *testing.T, title string) (int, int64) {
		t.Helper()
		status, body := httpDo(t, "POST", base+"/api/notes", fmt.Sprintf(`{"title":%q}`, title))
		var n struct {
			ID int64 `json:"id"`
		}
		if status == http.StatusCreated {
			require.NoError(t, json.Unmarshal([]byte(body), &n), body)
		}
		return status, n.ID
	}
	get := func(t *testing.T, id int64) int {
		t.Helper()
		status, _ := httpDo(t, "GET", fmt.Sprintf("%s/api/notes/%d", base, id), "")
		return status
	}
	replicated := func(t *testing.T, id int64) {
		t.Helper()
		eventually(t, 30*time.Second, func() string {
			if s := get(t, id); s != http.StatusOK {
				return fmt.Sprintf("GET note %d from the replica: %d", id, s)
			}
			return ""
		})
	}

	status, first := create(t, "first")
	require.Equal(t, http.StatusCreated, status)
	replicated(t, first)
	assert.Equal(t, "t", replica.psql(t, "SELECT pg_is_in_recovery()"), "the replica is a standby")

	t.Run("reads go to the replica, a request reads its own writes", func(t *testing.T) {
		// With replay paused, the replica does not see new writes: a read
		// that finds a new row was answered by the primary.
		replica.psql(t, "SELECT pg_wal_replay_pause()")
		t.Cleanup(func() { replica.psql(t, "SELECT pg_wal_replay_resume()") })
		status, id := create(t, "not replayed yet")
		require.Equal(t, http.StatusCreated, status)
		assert.Equal(t, http.StatusNotFound, get(t, id), "a new request reads from the (paused) replica")

		status, body := httpDo(t, "POST", base+"/scaletest/ryw", "")
		require.Equal(t, http.StatusOK, status, body)
		assert.JSONEq(t, `true`, string(mustField(t, body, "found")), "the request that wrote reads its write: %s", body)

		replica.psql(t, "SELECT pg_wal_replay_resume()")
		replicated(t, id)
	})

	t.Run("primary stopped: reads answered, writes 503", func(t *testing.T) {
		primary.stop(t)
		assert.Equal(t, http.StatusOK, get(t, first))
		status, body := httpDo(t, "GET", base+"/api/notes", "")
		assert.Equal(t, http.StatusOK, status, body)
		status, body = httpDo(t, "POST", base+"/api/notes", `{"title":"while the primary is down"}`)
		assert.Equal(t, http.StatusServiceUnavailable, status, body)
		assert.NotEmpty(t, mustField(t, body, "error"), body)
		status, body = httpDo(t, "POST", base+"/scaletest/ryw", "")
		assert.Equal(t, http.StatusServiceUnavailable, status, body)
	})

	t.Run("primary back: full recovery", func(t *testing.T) {
		primary.start(t)
		var id int64
		eventually(t, 30*time.Second, func() string {
			var status int
			if status, id = create(t, "after the outage"); status != http.StatusCreated {
				return fmt.Sprintf("POST after the primary came back: %d", status)
			}
			return ""
		})
		replicated(t, id)
		status, body := httpDo(t, "POST", base+"/scaletest/ryw", "")
		assert.Equal(t, http.StatusOK, status, body)
	})

	t.Run("replica stopped: the primary serves reads until it is back", func(t *testing.T) {
		replica.stop(t)
		assert.Equal(t, http.StatusOK, get(t, first))
		status, id := create(t, "replica down")
		require.Equal(t, http.StatusCreated, status)
		assert.Equal(t, http.StatusOK, get(t, id), "read from the primary")
		assert.Equal(t, []orm.ReplicaStatus{{Replica: 1, Up: false}}, app.DB().Replicas())

		replica.start(t)
		eventually(t, 30*time.Second, func() string {
			if r := app.DB().Replicas(); !r[0].Up {
				return "the replica is still marked down"
			}
			return ""
		})
		replicated(t, id)
		// Reads are the replica's again: paused, it does not see a new row.
		replica.psql(t, "SELECT pg_wal_replay_pause()")
		status, id = create(t, "replica back")
		require.Equal(t, http.StatusCreated, status)
		assert.Equal(t, http.StatusNotFound, get(t, id), "reads went back to the replica")
		replica.psql(t, "SELECT pg_wal_replay_resume()")
		replicated(t, id)
	})
}

// mustField returns the JSON of one field of a JSON object body.
func mustField(t *testing.T, body, name string) json.RawMessage {
	t.Helper()
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(body), &m), body)
	return m[name]
}
