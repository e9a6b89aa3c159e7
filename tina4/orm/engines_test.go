package orm_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/internal/dbtest"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// eachEngine runs body on every engine (see dbtest.Each).
var eachEngine = dbtest.Each

// dialectName returns the dialect of the database of ctx.
func dialectName(tb testing.TB, ctx context.Context) string {
	tb.Helper()
	d, err := orm.DialectOf(ctx)
	require.NoError(tb, err)
	return d.Name()
}
