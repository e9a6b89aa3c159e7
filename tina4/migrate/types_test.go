package migrate

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

func TestHolds(t *testing.T) {
	tests := []struct {
		typ          string
		kind         dialect.Kind
		size         int
		ok, tooShort bool
	}{
		{"bigint", dialect.Int, 0, true, false},
		{"bigint(20)", dialect.Int, 0, true, false},
		{"integer", dialect.Bool, 0, true, false},
		{"tinyint(1)", dialect.Bool, 0, true, false},
		{"boolean", dialect.Int, 0, false, false},
		{"text", dialect.String, 100, true, false},
		{"character varying(200)", dialect.String, 100, true, false},
		{"varchar(20)", dialect.String, 100, false, true},
		{"varchar(20)", dialect.String, 0, true, false},
		{"longtext", dialect.Text, 0, true, false},
		{"text", dialect.Int, 0, false, false},
		{"double precision", dialect.Float, 0, true, false},
		{"double", dialect.Int, 0, false, false},
		{"numeric(10,0)", dialect.Int, 0, true, false},
		{"timestamp with time zone", dialect.Time, 0, true, false},
		{"datetime(6)", dialect.Time, 0, true, false},
		{"date", dialect.Time, 0, false, false},
		{"bytea", dialect.Bytes, 0, true, false},
		{"longblob", dialect.Bytes, 0, true, false},
		{"", dialect.String, 0, true, false},
		{"jsonb", dialect.String, 0, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.typ, func(t *testing.T) {
			ok, short := holds(tt.typ, tt.kind, tt.size)
			assert.Equal(t, tt.ok, ok, "holds")
			assert.Equal(t, tt.tooShort, short, "tooShort")
		})
	}
}
