package orm_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

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
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestValidErrorAndValidateAndSave(t *testing.T) {
	eachEngine(t, func(t *testing.T) {
		ctx, _, log := openTestDB(t, orm.CreateTable[Product])
		p := Product{Name: "X"}
		err := orm.ValidateAndSave(ctx, &p)
		var ve *orm.ValidationError
		if !errors.Is(err, orm.ErrInvalid) || !errors.As(err, &ve) || errkind.Of(err) != errkind.Invalid {
			t.Fatalf("err = %v", err)
		}
		if len(errkind.Details(err)) != 3 || log.Count() != 0 {
			t.Fatalf("details %v, %d statements (want none)", errkind.Details(err), log.Count())
		}
		p = Product{Name: "Kettle", SKU: "KI-0001", Price: 9.99}
		must(t, orm.ValidateAndSave(ctx, &p))
		if p.ID == 0 {
			t.Fatal("valid product not saved")
		}
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
	if got := orm.Validate(&slugged{Slug: "Not A Slug"}); len(got) != 1 || got[0] != "slug: Must be a URL slug" {
		t.Fatalf("got %q", got)
	}
	if got := orm.Validate(&slugged{Slug: "a-good-slug"}); got != nil {
		t.Fatalf("got %q", got)
	}
	err := orm.Valid(&unknownRule{})
	if err == nil || !strings.Contains(err.Error(), "nosuchrule") || errkind.Of(err) == errkind.Invalid {
		t.Fatalf("an unknown rule must be a developer error, got %v", err)
	}
}
