package dbtest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// KillConns kills, from a second connection, n connections of pool (a
// PostgreSQL or MySQL pool of the engine of t), as pg_terminate_backend or
// KILL from an operator would, leaving them idle in the pool. Only the
// pool's own connections are killed: other tests on the server go on.
func KillConns(t testing.TB, pool *sql.DB, n int) {
	t.Helper()
	engine := Engine(t)
	idQuery, kill := "SELECT pg_backend_pid()", "SELECT pg_terminate_backend(%d)"
	if engine == "mysql" {
		idQuery, kill = "SELECT CONNECTION_ID()", "KILL %d"
	}
	ctx := context.Background()
	// Hold n live connections at once, so that n go back to the pool idle.
	var (
		ids   []int64
		conns []*sql.Conn
	)
	for tries := 0; len(conns) < n; tries++ {
		if tries >= 3*n {
			t.Fatalf("dbtest: cannot get %d live connections", n)
		}
		c, err := pool.Conn(ctx)
		if err != nil {
			t.Fatalf("dbtest: %v", err)
		}
		var id int64
		if err := c.QueryRowContext(ctx, idQuery).Scan(&id); err != nil {
			c.Close() // one killed earlier: the pool drops it
			continue
		}
		ids, conns = append(ids, id), append(conns, c)
	}
	for _, c := range conns {
		c.Close()
	}
	admin, err := orm.Open(os.Getenv(EnvVars[engine]))
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	defer admin.Close()
	for _, id := range ids {
		if _, err := admin.Pool().ExecContext(ctx, fmt.Sprintf(kill, id)); err != nil {
			t.Fatalf("dbtest: kill %d: %v", id, err)
		}
	}
	// Let the server finish them, staying under the 1 s after which pgx
	// pings an idle connection before reusing it.
	time.Sleep(300 * time.Millisecond)
}
