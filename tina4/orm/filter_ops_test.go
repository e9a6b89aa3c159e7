package orm_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

// sampleText is a value of each kind as a query string gives it.
var sampleText = map[string]string{
	"id": "1", "small": "2", "count": "3", "ratio": "1.5", "body": "x", "nick": "x", "score": "4",
	"seen": "2026-01-02T03:04:05Z", "maybe": "x", "flag": "true", "when": "2026-01-02", "at": "2026-01-02T03:04:05Z",
}

// Every operator FilterOps lists for a column runs on every engine, with a
// value in the form a query string gives it ("a,b" for the list operators).
func TestFilterOpsAreAccepted(t *testing.T) {
	m, err := orm.ModelOf[Sample]()
	must(t, err)
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Sample])
		must(t, orm.Save(ctx, &Sample{Body: "row"}))
		for _, f := range m.Fields {
			for _, op := range orm.FilterOps(f, f.Nullable) {
				val := sampleText[f.Column]
				switch op {
				case "in", "not_in":
					val = val + "," + val
				case "isnull", "notnull":
					val = "true"
				}
				t.Run(f.Column+"__"+op, func(t *testing.T) {
					if _, err := orm.Query[Sample](ctx).FilterText(f.Column+"__"+op, val).Get(); err != nil {
						assert.NoError(t, err, "%s__%s=%s: %v", f.Column, op, val, err)
					}
				})
			}
		}
	})
}

// Every operator FilterOps does not list for a column is refused as
// invalid input on every engine, before any SQL runs (LIKE on a number is a
// database error on PostgreSQL, which would otherwise be a 500).
func TestFilterOpsRefused(t *testing.T) {
	m, err := orm.ModelOf[Sample]()
	must(t, err)
	all := []string{"eq", "ne", "in", "not_in", "lt", "lte", "le", "gt", "gte", "ge", "like", "startswith",
		"endswith", "contains", "istartswith", "iendswith", "icontains", "isnull", "notnull"}
	eachEngine(t, func(t *testing.T) {
		ctx, _, _ := openTestDB(t, orm.CreateTable[Sample])
		for _, f := range m.Fields {
			allowed := orm.FilterOps(f, true)
			for _, op := range all {
				alias := map[string]string{"le": "lte", "ge": "gte"}[op]
				if slices.Contains(allowed, op) || slices.Contains(allowed, alias) {
					continue
				}
				_, err := orm.Query[Sample](ctx).FilterText(f.Column+"__"+op, "1").Get()
				assert.ErrorIs(t, err, orm.ErrInvalid, "%s__%s: err = %v, want ErrInvalid", f.Column, op, err)
			}
		}
	})
}

func TestFilterOpsByKind(t *testing.T) {
	m, err := orm.ModelOf[Sample]()
	must(t, err)
	tests := []struct {
		column   string
		nullable bool
		want     []string
	}{
		{"blob", false, nil},
		{"flag", true, []string{"eq", "ne", "in", "not_in", "isnull", "notnull"}},
		{"count", false, []string{"eq", "ne", "in", "not_in", "lt", "lte", "gt", "gte"}},
		{"body", false, []string{"eq", "ne", "in", "not_in", "lt", "lte", "gt", "gte", "like", "startswith", "endswith", "contains", "istartswith", "iendswith", "icontains"}},
		{"at", true, []string{"eq", "ne", "in", "not_in", "lt", "lte", "gt", "gte", "isnull", "notnull"}},
	}
	for _, tt := range tests {
		t.Run(tt.column, func(t *testing.T) {
			got := orm.FilterOps(m.Field(tt.column), tt.nullable)
			assert.True(t, slices.Equal(got, tt.want), "FilterOps = %v, want %v", got, tt.want)
		})
	}
	acct, err := orm.ModelOf[Account]()
	must(t, err)
	ops := orm.FilterOps(acct.Field("password_hash"), false)
	assert.Nil(t, ops, "hidden column has operators")
}

func TestDescribeAccessors(t *testing.T) {
	got := orm.OneOfValues("draft 'in review'  published")
	assert.True(t, slices.Equal(got, []string{"draft", "in review", "published"}), "OneOfValues = %q", got)
	m, err := orm.ModelOf[Sample]()
	must(t, err)
	assert.Nil(t, m.Field("body").Relation(), "a plain column has a relation")
	vol, err := orm.ModelOf[Volume]()
	must(t, err)
	r := vol.Field("writer_id").Relation()
	if assert.NotNil(t, r, "writer_id relation") {
		assert.Equal(t, "writer", r.Name, "writer_id relation")
	}
}
