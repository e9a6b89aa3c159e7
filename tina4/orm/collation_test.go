package orm_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

type padTag struct {
	ID   int64  `db:"id"`
	Name string `db:"name,unique" validate:"max=50"`
	Note string `db:"note"`
}

func (padTag) TableName() string { return "pad_tags" }

// Trailing spaces are significant on every engine: "x" and "x " are two
// values for a unique column, and a filter on one does not match the other
// (MySQL and MariaDB tables use a NO PAD binary collation, not the PAD
// SPACE utf8mb4_bin).
func TestTrailingSpacesAreSignificant(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[padTag])
		for _, name := range []string{"x", "x ", "x  "} {
			require.NoError(t, orm.Save(ctx, &padTag{Name: name, Note: name}), "insert %q", name)
		}
		tests := []struct {
			key   string
			value any
			want  int
		}{
			{"name", "x", 1},
			{"name", "x ", 1},
			{"note", "x", 1},
			{"name__in", []string{"x", "y"}, 1},
			{"note__ne", "x", 2},
			{"name__gt", "x", 2},
		}
		for _, tt := range tests {
			n, err := orm.Query[padTag](ctx).Filter(tt.key, tt.value).Count()
			require.NoError(t, err)
			assert.Equal(t, tt.want, n, "%s=%q", tt.key, tt.value)
		}
		assert.ErrorIs(t, orm.Save(ctx, &padTag{Name: "x "}), orm.ErrConflict, "a true duplicate still conflicts")
	})
}
