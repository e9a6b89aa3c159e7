package orm_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// TestValuesTheDatabaseRefuses: text an engine cannot store (a NUL, bytes
// that are not UTF-8, more characters than the column holds) is either
// stored as given or refused as invalid input, never an internal error;
// the engines that refuse it are named.
func TestValuesTheDatabaseRefuses(t *testing.T) {
	tests := []struct {
		name    string
		title   string
		refused map[string]bool // engine -> must be refused
	}{
		{"NUL", "a\x00b", map[string]bool{"postgres": true}},
		{"invalid UTF-8", "a\xffb", map[string]bool{"postgres": true, "mysql": true}},
		{"too long", strings.Repeat("é", 201), map[string]bool{"postgres": true, "mysql": true}},
	}
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Note])
		engine := dialectName(t, ctx)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := orm.Save(ctx, &Note{Title: tt.title})
				switch {
				case err == nil && tt.refused[engine]:
					require.Fail(t, fmt.Sprintf("%s stored %q", engine, tt.title))
				case err != nil && (!errors.Is(err, orm.ErrInvalid) || errkind.Of(err) != errkind.Invalid):
					require.Fail(t, fmt.Sprintf("err = %v (kind %v), want an invalid-value error", err, errkind.Of(err)))
				}
				var ve *orm.ValueError
				if err != nil {
					require.ErrorAs(t, err, &ve, "err = %v, want a ValueError with a public message", err)
					require.True(t, strings.HasPrefix(ve.PublicMessage(), "Invalid value: "), "err = %v, want a ValueError with a public message", err)
				}
			})
		}
	})
}
