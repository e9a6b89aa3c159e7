package orm

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/go-playground/validator/v10"

	"github.com/tina4stack/tina4-go/tina4/errkind"
)

// FieldError is one failing field: its column and the chapter's message.
type FieldError struct {
	Field, Message string
}

// String returns "field: message", as the chapter prints it.
func (e FieldError) String() string { return e.Field + ": " + e.Message }

// ValidationError lists the failing fields of a model, one entry per field,
// in field order. It matches ErrInvalid and has errkind.Invalid.
type ValidationError struct {
	Model  string
	Errors []FieldError
}

func (e *ValidationError) Error() string {
	return "orm: validate " + e.Model + ": " + strings.Join(e.Details(), "; ")
}

// Details returns "field: message" for each failing field.
func (e *ValidationError) Details() []string {
	out := make([]string, len(e.Errors))
	for i, fe := range e.Errors {
		out[i] = fe.String()
	}
	return out
}

// Is matches ErrInvalid.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalid }

// Kind returns errkind.Invalid.
func (e *ValidationError) Kind() errkind.Kind { return errkind.Invalid }

// PublicMessage returns "Validation failed"; the details say why.
func (e *ValidationError) PublicMessage() string { return "Validation failed" }

var (
	validate     = newValidator()
	ruleMessages sync.Map // tag -> message of rules added by RegisterRule
)

func newValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(tagName) // validate_plan.go: the per-field path names fields the same way
	v.RegisterCustomTypeFunc(func(f reflect.Value) any {
		val, err := f.Interface().(driver.Valuer).Value()
		if err != nil {
			return nil
		}
		return val
	}, sql.NullString{}, sql.NullInt64{}, sql.NullInt32{}, sql.NullInt16{}, sql.NullFloat64{},
		sql.NullBool{}, sql.NullTime{}, sql.NullByte{})
	return v
}

// RegisterRule adds a custom validation rule usable in validate tags, with
// the message reported when it fails (the chapter's validator option). Call
// it from init(), before any validation runs.
//
//	orm.RegisterRule("slug", func(v any) bool { s, _ := v.(string); return slugRE.MatchString(s) }, "Must be a URL slug")
func RegisterRule(tag string, fn func(value any) bool, message string) {
	if err := validate.RegisterValidation(tag, func(fl validator.FieldLevel) bool {
		return fn(fl.Field().Interface())
	}); err != nil {
		panic("orm: RegisterRule " + tag + ": " + err.Error())
	}
	ruleMessages.Store(tag, message)
}

// Validate checks m against its validate and regex tags and returns one
// "field: message" line per failing field, in field order, or nil when m is
// valid.
func Validate(m any) []string {
	err := Valid(m)
	if err == nil {
		return nil
	}
	var ve *ValidationError
	if errors.As(err, &ve) {
		return ve.Details()
	}
	return []string{err.Error()}
}

// Valid checks m like Validate and returns a *ValidationError, or nil.
func Valid(m any) (err error) {
	meta, rv, err := modelOfValue(m)
	if err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil { // an unknown rule in a validate tag
			err = fmt.Errorf("orm: validate %s: %v", meta.Name, p)
		}
	}()
	failed := map[string]string{}
	if plan := planOf(rv.Type()); plan.perField {
		if verr := plan.checkFields(rv, failed); verr != nil {
			return fmt.Errorf("orm: validate %s: %w", meta.Name, verr)
		}
	} else if verr := validate.Struct(m); verr != nil {
		var fes validator.ValidationErrors
		if !errors.As(verr, &fes) {
			return fmt.Errorf("orm: validate %s: %w", meta.Name, verr)
		}
		for _, fe := range fes {
			if _, seen := failed[fe.Field()]; !seen {
				failed[fe.Field()] = ruleMessage(fe)
			}
		}
	}
	for _, f := range meta.Fields {
		if f.Pattern == nil {
			continue
		}
		if _, seen := failed[f.Column]; seen {
			continue
		}
		if s, ok := stringValue(rv.FieldByIndex(f.Index)); ok && s != "" && !f.Pattern.MatchString(s) {
			failed[f.Column] = "Must match pattern " + f.Pattern.String()
		}
	}
	requiredKeys(meta, rv, failed)
	if len(failed) == 0 {
		return nil
	}
	ve := &ValidationError{Model: meta.Name}
	for _, f := range meta.Fields {
		if msg, ok := failed[f.Column]; ok {
			ve.Errors = append(ve.Errors, FieldError{Field: f.Column, Message: msg})
			delete(failed, f.Column)
		}
	}
	for field, msg := range failed { // rules on fields that are not columns
		ve.Errors = append(ve.Errors, FieldError{Field: field, Message: msg})
	}
	return ve
}

func stringValue(v reflect.Value) (string, bool) {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return "", false
		}
		v = v.Elem()
	}
	if ns, ok := v.Interface().(sql.NullString); ok {
		return ns.String, ns.Valid
	}
	if v.Kind() != reflect.String {
		return "", false
	}
	return v.String(), true
}

// ruleMessage words a failed rule as the chapter does.
func ruleMessage(fe validator.FieldError) string {
	p := fe.Param()
	kind := fe.Kind()
	textual := kind == reflect.String
	counted := kind == reflect.Slice || kind == reflect.Map || kind == reflect.Array
	switch fe.Tag() {
	case "required", "required_if", "required_unless", "required_with", "required_without":
		return "This field is required"
	case "min", "gte":
		return bound("at least", p, textual, counted)
	case "max", "lte":
		return bound("at most", p, textual, counted)
	case "gt":
		return "Must be greater than " + p
	case "lt":
		return "Must be less than " + p
	case "len":
		if textual {
			return "Must be exactly " + p + " characters"
		}
		return "Must be exactly " + p
	case "oneof":
		return "Must be one of: " + strings.Join(oneofValues(p), ", ")
	case "email":
		return "Must be a valid email address"
	case "url", "http_url":
		return "Must be a valid URL"
	case "eq":
		return "Must be " + p
	case "ne":
		return "Must not be " + p
	}
	if msg, ok := ruleMessages.Load(fe.Tag()); ok {
		return msg.(string)
	}
	if p != "" {
		return "Must satisfy " + fe.Tag() + "=" + p
	}
	return "Must satisfy " + fe.Tag()
}

func bound(word, p string, textual, counted bool) string {
	switch {
	case textual:
		return "Must be " + word + " " + p + " characters"
	case counted:
		return "Must have " + word + " " + p + " items"
	}
	return "Must be " + word + " " + p
}

// oneofValues splits a oneof parameter: space-separated, 'quoted values'
// may hold spaces.
func oneofValues(p string) []string {
	var out []string
	for p = strings.TrimSpace(p); p != ""; p = strings.TrimSpace(p) {
		if p[0] == '\'' {
			if end := strings.IndexByte(p[1:], '\''); end >= 0 {
				out = append(out, p[1:end+1])
				p = p[end+2:]
				continue
			}
		}
		word, rest, _ := strings.Cut(p, " ")
		out = append(out, word)
		p = rest
	}
	return out
}
