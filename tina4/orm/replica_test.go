package orm_test

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// seeded opens a fresh database holding one note, titled title, with id 1.
func seeded(t *testing.T, title string) string {
	t.Helper()
	u := dbtest.URL(t)
	db, err := orm.Open(u)
	require.NoError(t, err)
	defer db.Close()
	ctx := orm.WithDB(context.Background(), db)
	require.NoError(t, orm.CreateTable[Note](ctx))
	require.NoError(t, orm.Save(ctx, &Note{Title: title}))
	return u
}

// TestReadReplicas routes reads to "replicas" that are other databases
// holding other rows, so what a read finds shows where it went. The real
// streaming replica is internal/scaletest's.
func TestReadReplicas(t *testing.T) {
	dbtest.Each(t, func(t *testing.T) {
		primaryURL, r1, r2 := seeded(t, "primary"), seeded(t, "replica 1"), seeded(t, "replica 2")
		db, err := orm.Open(primaryURL, orm.WithReplicas(r1, r2))
		require.NoError(t, err)
		t.Cleanup(func() { db.Close() })
		request := func() context.Context { return orm.WithDB(context.Background(), db) }
		title := func(t *testing.T, ctx context.Context) string {
			t.Helper()
			n, err := orm.Find[Note](ctx, 1)
			require.NoError(t, err)
			require.NotNil(t, n)
			return n.Title
		}

		t.Run("round robin over the replicas", func(t *testing.T) {
			ctx := request()
			seen := map[string]int{}
			for range 4 {
				seen[title(t, ctx)]++
			}
			assert.Equal(t, map[string]int{"replica 1": 2, "replica 2": 2}, seen)
			rows, err := orm.QueryMaps(ctx, "SELECT title FROM notes WHERE id = 1")
			require.NoError(t, err)
			assert.Contains(t, []string{"replica 1", "replica 2"}, fmt.Sprint(rows[0]["title"]), "raw reads too")
		})
		t.Run("Primary forces the primary", func(t *testing.T) {
			assert.Equal(t, "primary", title(t, orm.Primary(request())))
		})
		t.Run("a context reads its own writes", func(t *testing.T) {
			ctx := request()
			assert.NotEqual(t, "primary", title(t, ctx))
			require.NoError(t, orm.Save(ctx, &Note{Title: "written"}))
			assert.Equal(t, "primary", title(t, ctx), "after the write")
			n, err := orm.Count[Note](ctx, "", nil)
			require.NoError(t, err)
			assert.Equal(t, 2, n, "the primary has the new note")
			assert.NotEqual(t, "primary", title(t, request()), "another request reads from a replica")
		})
		t.Run("a transaction reads the primary, and the context after it too", func(t *testing.T) {
			ctx := request()
			require.NoError(t, orm.Transaction(ctx, func(ctx context.Context) error {
				assert.Equal(t, "primary", title(t, ctx))
				return nil
			}))
			assert.Equal(t, "primary", title(t, ctx))
		})
		if dbtest.Engine(t) == "sqlite" {
			return // no FOR UPDATE, and a SQLite file is never down
		}
		t.Run("a locking read goes to the primary", func(t *testing.T) {
			rows, err := orm.QueryMaps(request(), "SELECT title FROM notes WHERE id = 1 FOR UPDATE")
			require.NoError(t, err)
			assert.Equal(t, "primary", fmt.Sprint(rows[0]["title"]))
		})
		t.Run("a replica that does not answer is skipped; none up: the primary", func(t *testing.T) {
			dead := deadURL(t, r1)
			db, err := orm.Open(primaryURL, orm.WithReplicas(dead, r2))
			require.NoError(t, err)
			t.Cleanup(func() { db.Close() })
			ctx := orm.WithDB(context.Background(), db)
			for range 4 {
				assert.Equal(t, "replica 2", title(t, ctx))
			}
			assert.Equal(t, []orm.ReplicaStatus{{Replica: 1, Up: false}, {Replica: 2, Up: true}}, db.Replicas())

			db2, err := orm.Open(primaryURL, orm.WithReplicas(dead))
			require.NoError(t, err)
			t.Cleanup(func() { db2.Close() })
			assert.Equal(t, "primary", title(t, orm.WithDB(context.Background(), db2)))
		})
		t.Run("a replica that refuses the connection is skipped", func(t *testing.T) {
			u, err := url.Parse(r1)
			require.NoError(t, err)
			u.Path = "/no_such_database_here"
			db, err := orm.Open(primaryURL, orm.WithReplicas(u.String(), r2))
			require.NoError(t, err)
			t.Cleanup(func() { db.Close() })
			ctx := orm.WithDB(context.Background(), db)
			for range 4 {
				assert.Equal(t, "replica 2", title(t, ctx))
			}
			assert.Equal(t, []orm.ReplicaStatus{{Replica: 1, Up: false}, {Replica: 2, Up: true}}, db.Replicas())
		})
	})
}

// deadURL is u with a loopback port nobody listens on.
func deadURL(t *testing.T, u string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	p, err := url.Parse(u)
	require.NoError(t, err)
	p.Host = addr
	return p.String()
}

func TestOpenRefusesBadReplicasAndPoolers(t *testing.T) {
	dir := t.TempDir()
	_, err := orm.Open("sqlite:///"+dir+"/a.db", orm.WithReplicas("postgres://u@127.0.0.1:1/db"))
	assert.ErrorContains(t, err, "replica 1 is postgres, the primary sqlite")
	_, err = orm.Open("sqlite:///"+dir+"/a.db", orm.WithPooler("pgbouncer"))
	assert.ErrorContains(t, err, "PostgreSQL only")
	_, err = orm.Open("postgres://u@127.0.0.1:1/db", orm.WithPooler("odyssey"))
	assert.ErrorContains(t, err, `unknown pooler "odyssey"`)
	_, err = orm.Open("postgres://u@127.0.0.1:1/db?default_query_exec_mode=cache_statement", orm.WithPooler("pgbouncer"))
	assert.ErrorContains(t, err, "prepares statements")
	db, err := orm.Open("postgres://u@127.0.0.1:1/db?default_query_exec_mode=simple_protocol")
	require.NoError(t, err)
	assert.Equal(t, orm.PoolerPgBouncer, db.Pooler(), "a URL without prepared statements counts as pooled")
	db.Close()
}
