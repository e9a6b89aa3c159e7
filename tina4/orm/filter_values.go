package orm

import (
	"fmt"
	"reflect"
	"strings"
)

// checkScalar refuses a list or a map given to an operator that compares
// one value (eq, ne, lt, ...): Filter("name", []string{...}) is invalid
// input, not a driver error. A []byte is one value.
func checkScalar(op string, v any) error {
	switch rv := reflect.ValueOf(v); rv.Kind() {
	case reflect.Slice:
		if rv.Type() != bytesType {
			return fmt.Errorf("%s takes one value, not a list (use in or not_in)", op)
		}
	case reflect.Map, reflect.Chan, reflect.Func:
		return fmt.Errorf("%s takes one value, not a %T", op, v)
	}
	if err := checkUintArg("value", v); err != nil {
		return fmt.Errorf("%s: %s", op, strings.TrimPrefix(err.Error(), "orm: "))
	}
	return nil
}
