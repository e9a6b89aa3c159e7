package orm

import (
	"database/sql"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type vpFlat struct {
	ID       int64          `db:"id"`
	Title    string         `db:"title" validate:"required,max=5"`
	Body     *string        `db:"body" validate:"omitempty,min=2"`
	Need     *string        `db:"need" validate:"required"`
	Count    int            `db:"count" validate:"gte=1,lte=10"`
	Ratio    float64        `db:"ratio" validate:"gt=0"`
	Unsigned uint16         `db:"unsigned" validate:"lt=100"`
	On       bool           `db:"on" validate:"required"`
	Kind     string         `db:"kind" validate:"oneof=a b 'c d'"`
	Mail     string         `validate:"omitempty,email|url"`
	Skipped  string         `db:"-" validate:"required"`
	Code     string         `db:"code" validate:"len=3"`
	Ignored  string         `db:"ignored" validate:"-"`
	Maybe    sql.NullString `db:"maybe"`
	At       time.Time      `db:"at"`
	Tags     []string       `db:"-"`
	hidden   string         // unexported: the validator skips it
}

func (vpFlat) TableName() string { return "vp_flat" }

type vpInner struct {
	Name string `validate:"required"`
}

type vpCross struct {
	ID   int64    `db:"id"`
	A    string   `db:"a" validate:"required"`
	B    string   `db:"b" validate:"eqfield=A"`
	Tags []string `db:"-" validate:"dive,required"`
}

func (vpCross) TableName() string { return "vp_cross" }

type vpNested struct {
	ID    int64    `db:"id"`
	Title string   `db:"title" validate:"required"`
	Inner *vpInner `db:"-"`
}

func (vpNested) TableName() string { return "vp_nested" }

// TestValidatePlanChoosesPerField: the per-field path is taken only when
// every check stays on its own field.
func TestValidatePlanChoosesPerField(t *testing.T) {
	tests := []struct {
		name string
		typ  reflect.Type
		want bool
	}{
		{"flat rules", reflect.TypeFor[vpFlat](), true},
		{"cross-field and dive", reflect.TypeFor[vpCross](), false},
		{"nested struct with tags", reflect.TypeFor[vpNested](), false},
		{"interface field", reflect.TypeFor[struct {
			X any `db:"x"`
		}](), false},
		{"embedded", reflect.TypeFor[struct {
			vpInner
			Y string `db:"y" validate:"required"`
		}](), false},
		{"unknown rule", reflect.TypeFor[struct {
			Y string `db:"y" validate:"no_such_rule_xyz"`
		}](), false},
		{"tagged struct kind", reflect.TypeFor[struct {
			Y sql.NullString `db:"y" validate:"required"`
		}](), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, buildValidatePlan(tt.typ).perField)
		})
	}
}

// viaStruct validates m with validator's Struct, as Valid did before the
// per-field path.
func viaStruct(t *testing.T, m any) error {
	typ := reflect.TypeOf(m).Elem()
	validatePlans.Store(typ, &validatePlan{})
	defer validatePlans.Delete(typ)
	return Valid(m)
}

// TestValidatePlanMatchesStruct: the per-field path answers exactly as
// validator's Struct does, error for error, on valid and invalid records.
func TestValidatePlanMatchesStruct(t *testing.T) {
	s := func(v string) *string { return &v }
	good := func() vpFlat {
		return vpFlat{Title: "ok", Need: s(""), Count: 3, Ratio: 0.5, Unsigned: 7, On: true, Kind: "c d",
			Skipped: "x", Code: "abc", hidden: "unchecked"}
	}
	tests := []struct {
		name string
		edit func(*vpFlat)
	}{
		{"valid", func(*vpFlat) {}},
		{"zero", func(v *vpFlat) { *v = vpFlat{} }},
		{"too long, counted in characters", func(v *vpFlat) { v.Title = "日本語日本語" }},
		{"five characters of many bytes", func(v *vpFlat) { v.Title = "日本語日本" }},
		{"short optional", func(v *vpFlat) { v.Body = s("x") }},
		{"empty optional pointer", func(v *vpFlat) { v.Body = s("") }},
		{"nil required pointer", func(v *vpFlat) { v.Need = nil }},
		{"bounds", func(v *vpFlat) { v.Count, v.Ratio, v.Unsigned = 11, -1, 100 }},
		{"low bound", func(v *vpFlat) { v.Count = 0 }},
		{"false required bool", func(v *vpFlat) { v.On = false }},
		{"not one of", func(v *vpFlat) { v.Kind = "c" }},
		{"email or url", func(v *vpFlat) { v.Mail = "nope" }},
		{"email", func(v *vpFlat) { v.Mail = "a@b.co" }},
		{"url", func(v *vpFlat) { v.Mail = "https://example.com" }},
		{"field not stored", func(v *vpFlat) { v.Skipped = "" }},
		{"exact length", func(v *vpFlat) { v.Code = "abcd" }},
		{"everything wrong", func(v *vpFlat) {
			*v = vpFlat{Title: strings.Repeat("x", 6), Body: s("y"), Count: 99, Ratio: 0, Unsigned: 200,
				Kind: "z", Mail: "@", Code: "a", Ignored: ""}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := good()
			tt.edit(&v)
			require.True(t, planOf(reflect.TypeFor[vpFlat]()).perField)
			want := viaStruct(t, &v)
			got := Valid(&v)
			if want == nil {
				require.NoError(t, got)
				return
			}
			require.Error(t, got)
			assert.Equal(t, want.Error(), got.Error())
			var wv, gv *ValidationError
			require.ErrorAs(t, want, &wv)
			require.ErrorAs(t, got, &gv)
			assert.Equal(t, wv.Errors, gv.Errors)
		})
	}
}
