package orm

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	jsonv1 "github.com/go-json-experiment/json/v1"

	"github.com/tina4stack/tina4-go/tina4/orm/schema"
)

// AppendValueJSON appends v, any Go value, to dst as JSON in which every
// registered model (a T or *T passed to Register, or already used through
// ModelOf, Find, Query...) is written as AppendJSON writes it: column names
// as keys, hidden columns left out, loaded relations embedded. Models are
// found wherever encoding/json would reach them: v itself, pointers, slices,
// arrays, map values, exported and embedded struct fields, and values held
// in interfaces (a map[string]any holding a []*Note).
//
// When v holds no model it returns dst unchanged and ok false, and the
// caller encodes v as it would anyway (encoding/json): ordinary values keep
// their exact encoding. Otherwise v is encoded with encoding/json's rules
// (the v1 semantics of github.com/go-json-experiment/json, without HTML
// escaping, as the response package writes) and the models in it as above;
// ok is true. A model type with its own MarshalJSON or MarshalText method is
// left to that method.
//
// What a type can hold is worked out once per type; the check of a value
// whose type can hold no model is a map lookup. It is the encoder the tina4
// App gives its router (response.Encoder), so that res.JSON(post, 200) in a
// custom route answers as AutoCrud does.
func AppendValueJSON(dst []byte, v any) (out []byte, ok bool, err error) {
	if v == nil {
		return dst, false, nil
	}
	var w holdWalk
	if !w.holdsAny(v, 0) {
		return dst, false, nil
	}
	if w.err != nil {
		return dst, true, w.err
	}
	defer func() {
		if p := recover(); p != nil { // the encoder refuses some shapes by panicking
			out, ok, err = dst, true, fmt.Errorf("orm: json: cannot encode %T: %v", v, p)
		}
	}()
	out, err = jsonv2.Marshal(v, valueJSONOptions)
	if err != nil {
		return dst, true, err
	}
	return append(dst, out...), true, nil
}

// valueJSONOptions encode as encoding/json (v1) does, HTML characters
// unescaped, with models written by writeModelJSON.
var valueJSONOptions = jsonv2.JoinOptions(
	jsonv1.DefaultOptionsV1(),
	jsontext.EscapeForHTML(false),
	jsonv2.WithMarshalers(jsonv2.JoinMarshalers(
		jsonv2.MarshalToFunc(writeNumberJSON),
		jsonv2.MarshalToFunc(writeModelJSON),
	)),
)

// writeNumberJSON writes an encoding/json Number as encoding/json does: as
// a number ("" as 0); one that is not a number is an error.
func writeNumberJSON(enc *jsontext.Encoder, n json.Number) error {
	if n == "" {
		n = "0"
	}
	if _, err := strconv.ParseFloat(string(n), 64); err != nil && !errors.Is(err, strconv.ErrRange) {
		return fmt.Errorf("json: invalid number literal %q", string(n))
	}
	return enc.WriteValue(jsontext.Value(n))
}

// writeModelJSON writes a model (T or non-nil *T) as AppendJSON does; any
// other value is left to the default encoding.
func writeModelJSON(enc *jsontext.Encoder, v any) error {
	t := reflect.TypeOf(v)
	if t.Kind() == reflect.Pointer {
		if reflect.ValueOf(v).IsNil() {
			return errors.ErrUnsupported
		}
		t = t.Elem()
	}
	if valueClassOf(t).kind != classModel {
		return errors.ErrUnsupported
	}
	b, err := AppendJSON(nil, v)
	if err != nil {
		return err
	}
	return enc.WriteValue(b)
}

// maxHoldDepth bounds the search for a model in a value: past it (a cycle,
// or absurd nesting) the value is handed to the encoder, which reports
// cycles as encoding/json does.
const maxHoldDepth = 1000

// holdWalk looks for a model in a value; err is set when it finds one
// that cannot be encoded as a model.
type holdWalk struct{ err error }

// holdsAny is holds for a value in an interface, with the shapes of
// decoded JSON and of answers built by hand checked without reflection.
func (w *holdWalk) holdsAny(x any, depth int) bool {
	switch x := x.(type) {
	case nil, string, bool, float64, int, int64, error:
		return false
	case map[string]any:
		if depth > maxHoldDepth {
			return true
		}
		for _, e := range x {
			if w.holdsAny(e, depth+1) {
				return true
			}
		}
		return false
	case []any:
		if depth > maxHoldDepth {
			return true
		}
		for _, e := range x {
			if w.holdsAny(e, depth+1) {
				return true
			}
		}
		return false
	}
	return w.holds(reflect.ValueOf(x), depth)
}

// holds reports whether encoding v would reach a model.
func (w *holdWalk) holds(v reflect.Value, depth int) bool {
	if depth > maxHoldDepth {
		return true
	}
	c := valueClassOf(v.Type())
	switch c.kind {
	case classPlain:
		return false
	case classModel:
		return true
	}
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			return false
		}
		if v.CanInterface() {
			return w.holdsAny(v.Elem().Interface(), depth+1)
		}
		return w.holds(v.Elem(), depth+1)
	case reflect.Pointer:
		return !v.IsNil() && w.holds(v.Elem(), depth+1)
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if w.holds(v.Index(i), depth+1) {
				return true
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if w.holds(it.Value(), depth+1) {
				return true
			}
		}
	case reflect.Struct:
		if c.embedded >= 0 {
			if f := v.Field(c.embedded); f.Kind() != reflect.Pointer || !f.IsNil() {
				w.err = fmt.Errorf("orm: json: %s embeds the model %s, whose fields would be written "+
					"under their Go names, hidden ones included: give the field a name or a json tag", v.Type(), f.Type())
				return true
			}
		}
		for _, i := range c.fields {
			if w.holds(v.Field(i), depth+1) {
				return true
			}
		}
	}
	return false
}

// The classes of a type for holdWalk.
const (
	classPlain = iota // can hold no model: encoding/json alone
	classModel        // a model struct
	classWalk         // may hold one: look at the value
)

// valueClass is what holdWalk knows about a type: fields lists the struct
// fields encoding/json may reach, embedded the index of an embedded model
// without a json name (-1 when none), which encoding/json would inline.
type valueClass struct {
	kind     uint8
	fields   []int
	embedded int
	gen      uint64 // the registry's Generation when it was worked out
}

// valueClasses caches valueClass per reflect.Type.
var valueClasses sync.Map

var (
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// valueClassOf returns (and caches) the class of t. Models are the types the
// registry holds: usually registered in init(), before any answer is
// encoded; a model the ORM reads later makes every class be worked out
// again, so that a value encoded before it is not taken for a plain one.
func valueClassOf(t reflect.Type) *valueClass {
	gen := schema.Default.Generation() // a class worked out before a model was read may have missed it
	if c, ok := valueClasses.Load(t); ok && c.(*valueClass).gen == gen {
		return c.(*valueClass)
	}
	c := &valueClass{kind: classPlain, embedded: -1, gen: gen}
	switch {
	case selfMarshaling(t):
	case isRegisteredModel(t):
		c.kind = classModel
	case reachesModel(t, map[reflect.Type]bool{}):
		c.kind = classWalk
		if t.Kind() == reflect.Struct {
			c.fields = jsonFields(t)
			c.embedded = embeddedModel(t)
		}
	}
	valueClasses.Store(t, c)
	return c
}

// reachesModel reports whether a value of type t can lead to a model: a
// model type, or an interface (which may hold one) is reachable from it.
func reachesModel(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return false // already being looked at, higher up
	}
	seen[t] = true
	if selfMarshaling(t) {
		return false
	}
	if isRegisteredModel(t) {
		return true
	}
	switch t.Kind() {
	case reflect.Interface:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		return reachesModel(t.Elem(), seen)
	case reflect.Struct:
		for _, i := range jsonFields(t) {
			if reachesModel(t.Field(i).Type, seen) {
				return true
			}
		}
	}
	return false
}

// jsonFields returns the indexes of the fields of struct type t that
// encoding/json may write: exported or embedded, not tagged "-".
func jsonFields(t reflect.Type) []int {
	var out []int
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() && !f.Anonymous {
			continue
		}
		if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name == "-" && !strings.HasPrefix(f.Tag.Get("json"), "-,") {
			continue
		}
		out = append(out, i)
	}
	return out
}

// embeddedModel returns the index of a field of struct type t that embeds a
// model (T or *T) without a json name, or -1.
func embeddedModel(t reflect.Type) int {
	for _, i := range jsonFields(t) {
		f := t.Field(i)
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); f.Anonymous && name == "" && isRegisteredModel(ft) && !selfMarshaling(ft) {
			return i
		}
	}
	return -1
}

// selfMarshaling reports whether t (or *t) encodes itself, so encoding/json
// never looks inside it.
func selfMarshaling(t reflect.Type) bool {
	if t.Kind() == reflect.Interface {
		return false
	}
	if t.Implements(jsonMarshalerType) || t.Implements(textMarshalerType) {
		return true
	}
	if t.Kind() != reflect.Pointer {
		pt := reflect.PointerTo(t)
		return pt.Implements(jsonMarshalerType) || pt.Implements(textMarshalerType)
	}
	return false
}
