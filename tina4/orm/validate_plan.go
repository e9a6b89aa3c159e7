package orm

import (
	"reflect"
	"strings"
	"sync"

	"github.com/go-playground/validator/v10"
)

// validatePlan is how Valid runs a model's validate tags. When every tag of
// the struct is a rule that looks at its own field only (required, max,
// oneof... on a field of a plain kind) and no field leads the validator into
// a nested struct, checking each tagged field with validator's Var gives the
// same errors as validator's Struct, which also boxes every field of the
// struct, tagged or not, on each call. Otherwise (cross-field rules, dive,
// nested or embedded structs, custom Valuer types, unknown rules) Valid uses
// Struct, as before.
type validatePlan struct {
	perField bool          // the fields below are all the checks Struct would make
	fields   []planChecked // the tagged fields, in field order
}

// planChecked is one tagged field of a per-field plan.
type planChecked struct {
	index int    // the field's index in the struct
	name  string // its name in errors, as the validator's tag name function gives it
	tag   string // its validate tag
}

var validatePlans sync.Map // reflect.Type (a struct) -> *validatePlan

// planOf returns the validate plan of struct type t, built once.
func planOf(t reflect.Type) *validatePlan {
	if p, ok := validatePlans.Load(t); ok {
		return p.(*validatePlan)
	}
	p, _ := validatePlans.LoadOrStore(t, buildValidatePlan(t))
	return p.(*validatePlan)
}

// ownFieldRules are the validator's rules that look at their own field only:
// checked on the field's value with Var, they decide as they do within Struct.
var ownFieldRules = map[string]bool{
	"omitempty": true, "required": true, "min": true, "max": true, "len": true,
	"gt": true, "gte": true, "lt": true, "lte": true, "eq": true, "ne": true,
	"oneof": true, "email": true, "url": true, "http_url": true, "uri": true,
	"alpha": true, "alphanum": true, "alphaunicode": true, "alphanumunicode": true,
	"numeric": true, "number": true, "hexadecimal": true, "ascii": true, "printascii": true,
	"lowercase": true, "uppercase": true, "boolean": true, "contains": true, "containsany": true,
	"excludes": true, "excludesall": true, "startswith": true, "endswith": true,
	"uuid": true, "uuid4": true, "ip": true, "ipv4": true, "ipv6": true, "e164": true,
	"json": true, "base64": true, "hostname": true, "fqdn": true,
}

var validatorValuer = reflect.TypeFor[validator.Valuer]()

// buildValidatePlan decides whether struct type t can be validated field by
// field, and lists its tagged fields.
func buildValidatePlan(t reflect.Type) *validatePlan {
	slow := &validatePlan{}
	if implementsValuer(t) {
		return slow
	}
	p := &validatePlan{perField: true}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if sf.Anonymous {
			return slow // the validator walks embedded structs as part of t
		}
		if !sf.IsExported() {
			continue // the validator skips unexported fields
		}
		tag := sf.Tag.Get("validate")
		if tag == "-" {
			continue
		}
		if tag == "" {
			if !untaggedIsInert(sf.Type, map[reflect.Type]bool{}) {
				return slow
			}
			continue
		}
		if !plainKind(sf.Type) || !ownFieldTag(tag) {
			return slow
		}
		name := sf.Name
		if n := tagName(sf); n != "" {
			name = n
		}
		p.fields = append(p.fields, planChecked{index: i, name: name, tag: tag})
	}
	return p
}

// tagName is the name the validator gives a field in its errors: the db
// column, "-" for a field the database does not store.
func tagName(sf reflect.StructField) string {
	name, _, _ := strings.Cut(sf.Tag.Get("db"), ",")
	if name == "-" {
		return "-"
	}
	if name == "" {
		return CamelToSnake(sf.Name)
	}
	return name
}

// implementsValuer reports whether t or *t has a ValidatorValue method,
// which makes the validator check another value in its place.
func implementsValuer(t reflect.Type) bool {
	return t.Implements(validatorValuer) || reflect.PointerTo(t).Implements(validatorValuer)
}

// derefNoValuer follows t's pointers to the type they point to, and reports
// false when t or a type on the way has a ValidatorValue method.
func derefNoValuer(t reflect.Type) (reflect.Type, bool) {
	for {
		if implementsValuer(t) {
			return t, false
		}
		if t.Kind() != reflect.Pointer {
			return t, true
		}
		t = t.Elem()
	}
}

// plainKind reports whether t, behind any pointers, is a bool, number or
// string of no ValidatorValue method: a value the validator checks as it is.
func plainKind(t reflect.Type) bool {
	t, ok := derefNoValuer(t)
	if !ok {
		return false
	}
	switch t.Kind() {
	case reflect.Bool, reflect.String,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

// untaggedIsInert reports whether the validator, meeting a field of type t
// without a validate tag, finds nothing to check: t is not an interface and
// holds (behind pointers, in nested structs) no validate tag and no
// ValidatorValue method. Slices, maps and arrays are not walked without dive.
func untaggedIsInert(t reflect.Type, seen map[reflect.Type]bool) bool {
	t, ok := derefNoValuer(t)
	if !ok {
		return false
	}
	switch t.Kind() {
	case reflect.Interface:
		return false
	case reflect.Struct:
	default:
		return true
	}
	if seen[t] {
		return true
	}
	seen[t] = true
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.Anonymous && !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("validate")
		if tag == "-" {
			continue
		}
		if tag != "" || !untaggedIsInert(sf.Type, seen) {
			return false
		}
	}
	return true
}

// ownFieldTag reports whether every rule of a validate tag is one of
// ownFieldRules (alternatives joined by | included).
func ownFieldTag(tag string) bool {
	for _, rule := range strings.Split(tag, ",") {
		for _, alt := range strings.Split(rule, "|") {
			name, _, _ := strings.Cut(alt, "=")
			if !ownFieldRules[name] {
				return false
			}
		}
	}
	return true
}

// checkFields runs p's per-field checks on the struct value rv and records
// the first failing rule of each field in failed, as Struct would.
func (p *validatePlan) checkFields(rv reflect.Value, failed map[string]string) error {
	for _, f := range p.fields {
		err := validate.Var(rv.Field(f.index).Interface(), f.tag)
		if err == nil {
			continue
		}
		fes, ok := err.(validator.ValidationErrors)
		if !ok {
			return err
		}
		for _, fe := range fes {
			if _, seen := failed[f.name]; !seen {
				failed[f.name] = ruleMessage(fe)
			}
		}
	}
	return nil
}
