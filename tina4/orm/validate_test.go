package orm_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/orm"
)

func TestValidationMessages(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want []string
	}{
		{"chapter product", &Product{Name: "X", SKU: "bad", Price: 0.001, Category: "Toys"}, []string{
			"name: Must be at least 2 characters",
			"sku: Must match pattern ^[A-Z]{2}-\\d{4}$",
			"price: Must be at least 0.01",
			"category: Must be one of: Electronics, Kitchen, Office, Fitness",
		}},
		{"too long and too much", &Product{Name: strings.Repeat("n", 201), SKU: "EL-1234", Price: 1000000}, []string{
			"name: Must be at most 200 characters",
			"price: Must be at most 999999.99",
		}},
		{"required fields", &Product{}, []string{
			"name: This field is required",
			"sku: This field is required",
			"price: This field is required",
		}},
		{"valid", &Product{Name: "Kettle", SKU: "KI-0001", Price: 0.01, Category: "Kitchen"}, nil},
		{"empty optional choice is fine", &Product{Name: "Mat", SKU: "FI-0002", Price: 12}, nil},
		{"unicode counts characters", &Product{Name: "日本", SKU: "JP-0001", Price: 1}, nil},
		{"email and mapped column", &Author{Name: "Al", Email: "not-an-email"}, []string{"email: Must be a valid email address"}},
		{"field mapping names the column", &Account{}, []string{"fname: This field is required"}},
		{"title required", &Note{}, []string{"title: This field is required"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := orm.Validate(tt.in)
			require.Equal(t, tt.want, got)
		})
	}
}

func TestValidErrorAndValidateAndSave(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, log := openTestDB(t, orm.CreateTable[Product])
		p := Product{Name: "X"}
		err := orm.ValidateAndSave(ctx, &p)
		var ve *orm.ValidationError
		require.ErrorIs(t, err, orm.ErrInvalid, "err")
		require.ErrorAs(t, err, &ve, "err")
		require.Equal(t, errkind.Invalid, errkind.Of(err), "err")
		require.Len(t, errkind.Details(err), 3, "details %v, %d statements (want none)", errkind.Details(err), log.Count())
		require.Equal(t, 0, log.Count(), "details %v, %d statements (want none)", errkind.Details(err), log.Count())
		p = Product{Name: "Kettle", SKU: "KI-0001", Price: 9.99}
		must(t, orm.ValidateAndSave(ctx, &p))
		require.NotEqual(t, int64(0), p.ID, "valid product not saved")
		// Save itself does not validate (chapter gotcha 5).
		bad := Product{Name: "X", SKU: "nope", Price: 1}
		must(t, orm.Save(ctx, &bad))
	})
}

func init() {
	orm.RegisterRule("slug", func(v any) bool {
		s, _ := v.(string)
		return s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == ""
	}, "Must be a URL slug")
}

type slugged struct {
	ID   int64
	Slug string `validate:"slug"`
}

type unknownRule struct {
	ID   int64
	Name string `validate:"nosuchrule"`
}

func TestCustomRules(t *testing.T) {
	got := orm.Validate(&slugged{Slug: "Not A Slug"})
	require.Len(t, got, 1)
	require.Equal(t, "slug: Must be a URL slug", got[0])
	got = orm.Validate(&slugged{Slug: "a-good-slug"})
	require.Nil(t, got)
	err := orm.Valid(&unknownRule{})
	require.Error(t, err, "an unknown rule must be a developer error")
	require.Contains(t, err.Error(), "nosuchrule", "an unknown rule must be a developer error")
	require.NotEqual(t, errkind.Invalid, errkind.Of(err), "an unknown rule must be a developer error")
}
