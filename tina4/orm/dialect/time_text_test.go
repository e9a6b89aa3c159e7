package dialect_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

func TestFormatTime(t *testing.T) {
	zone := time.FixedZone("X", 5*3600+30*60)
	cases := []struct {
		name string
		at   time.Time
	}{
		{"zero", time.Time{}},
		{"year 0", time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"year -1", time.Date(-1, 12, 31, 23, 59, 59, 999999999, time.UTC)},
		{"year 9999", time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC)},
		{"year 10000", time.Date(10000, 1, 1, 0, 0, 0, 1, time.UTC)},
		{"zone crosses the day", time.Date(2026, 3, 1, 2, 0, 0, 5, zone)},
		{"leap day", time.Date(2024, 2, 29, 12, 34, 56, 120000, time.UTC)},
		{"monotonic", time.Now()},
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 1000 {
		at := time.Unix(r.Int64N(400_000_000_000)-62_135_596_800, r.Int64N(1e9)).In(zone)
		cases = append(cases, struct {
			name string
			at   time.Time
		}{"random " + at.String(), at})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.Equal(t, c.at.UTC().Format(dialect.TimeLayout), dialect.FormatTime(c.at))
		})
	}
}
