package orm_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

type parentKey struct{}

// TestWithDBContext: the context WithDB returns is a whole context: the
// parent's values, deadline and cancellation pass through it and through
// contexts derived from it, and ORM calls made with them run on its database.
func TestWithDBContext(t *testing.T) {
	_, db, log := openTestDB(t)
	parent, cancel := context.WithCancel(context.WithValue(context.Background(), parentKey{}, "p"))
	ctx := orm.WithDB(parent, db)
	child, cancelChild := context.WithTimeout(ctx, time.Hour)
	defer cancelChild()

	for name, c := range map[string]context.Context{"scope": ctx, "derived": child} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, "p", c.Value(parentKey{}))
			log.Reset()
			_, err := orm.ExecRaw(c, "SELECT 1")
			require.NoError(t, err)
			assert.Equal(t, 1, log.Count(), "the call ran on the scope's database")
		})
	}
	_, hasDeadline := child.Deadline()
	assert.True(t, hasDeadline)
	cancel()
	select {
	case <-child.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("cancelling the parent did not reach a context derived from WithDB's")
	}
	assert.ErrorIs(t, ctx.Err(), context.Canceled)
	_, err := orm.ExecRaw(child, "SELECT 1")
	assert.ErrorIs(t, err, context.Canceled)
}
