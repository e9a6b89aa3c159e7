package orm

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestNowIsTruncatedUTC checks that now() is the value, and the
// representation, of time.Now().UTC().Truncate(time.Microsecond): UTC, to
// the microsecond, without a monotonic reading (== compares all three).
func TestNowIsTruncatedUTC(t *testing.T) {
	for range 100 {
		before := time.Now().UTC().Truncate(time.Microsecond)
		got := now()
		after := time.Now().UTC().Truncate(time.Microsecond)
		require.Equal(t, time.UTC, got.Location(), "location")
		require.True(t, got == got.Round(0), "no monotonic reading: %#v", got)
		require.True(t, got == got.Truncate(time.Microsecond), "whole microseconds: %v", got)
		require.True(t, got == time.Unix(0, got.UnixNano()).UTC(), "representation: %#v", got)
		require.False(t, got.Before(before) || got.After(after), "%v not in [%v, %v]", got, before, after)
		require.True(t, before == before.Round(0) && before == time.Unix(0, before.UnixNano()).UTC(),
			"the old stamp has the same representation")
	}
}
