package dialect_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

func TestMySQLCollation(t *testing.T) {
	assert.Equal(t, " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin", dialect.MySQL{}.CreateTableSuffix())
	assert.Equal(t, " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin",
		dialect.MySQL{Collation: "utf8mb4_nopad_bin"}.CreateTableSuffix())
}
