package orm_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

func TestFilterPath(t *testing.T) {
	cases := []struct {
		key, name, op string
		rels          []string
	}{
		{"title", "title", "eq", []string{}},
		{"views__gte", "views", "gte", []string{}},
		{"account__in", "account", "in", []string{}},
		{"author__name", "name", "eq", []string{"author"}},
		{"author__account__email__startswith", "email", "startswith", []string{"author", "account"}},
	}
	for _, c := range cases {
		t.Run(c.key, func(t *testing.T) {
			rels, name, op := orm.FilterPath(c.key)
			assert.Equal(t, c.rels, rels)
			assert.Equal(t, c.name, name)
			assert.Equal(t, c.op, op)
		})
	}
}
