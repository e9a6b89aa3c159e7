package orm

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestArgsPoolKeepsNoValues checks that a slice handed back to the argument
// pool holds none of the caller's values, and that an unusually large one
// is not kept.
func TestArgsPoolKeepsNoValues(t *testing.T) {
	for _, tc := range []struct {
		name string
		n    int
		kept bool
	}{
		{"small", 7, true},
		{"grown past the pool's limit", argsPoolMax + 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := getArgs()
			args := *p
			for i := range tc.n {
				args = append(args, "secret", i)
			}
			putArgs(p, args)
			full := args[:cap(args)]
			if tc.kept {
				assert.Empty(t, *p, "handed back empty")
				for i, v := range full[:2*tc.n] {
					assert.Nil(t, v, "slot %d still holds a value", i)
				}
			} else {
				assert.Equal(t, "secret", full[0], "a slice not kept is left as it is")
			}
		})
	}
}
