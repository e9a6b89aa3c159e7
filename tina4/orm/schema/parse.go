package schema

import (
	"database/sql"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/tina4stack/tina4-go/tina4/orm/dialect"
)

// SoftDeletes, embedded in a model, turns on soft delete (chapter section 8):
// Delete sets deleted_at instead of removing the row, and the finders skip
// such rows. A field of type *time.Time tagged `db:"deleted_at,soft_delete"`
// does the same.
type SoftDeletes struct {
	DeletedAt *time.Time `db:"deleted_at,soft_delete"`
}

// Tabler is implemented by models that name their own table.
type Tabler interface{ TableName() string }

var (
	timeType     = reflect.TypeFor[time.Time]()
	bytesType    = reflect.TypeFor[[]byte]()
	nullTimeType = reflect.TypeFor[sql.NullTime]()
)

// parseModel reads the metadata of struct type t. Malformed models are
// reported as errors naming the type and the field.
func (r *Registry) parseModel(t reflect.Type) (*Model, error) {
	if t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("orm: model %v must be a struct type", t)
	}
	m := &Model{reg: r, Type: t, Name: t.Name(), byColumn: map[string]*Field{}, byName: map[string]*Field{}}
	if tb, ok := reflect.New(t).Interface().(Tabler); ok {
		m.tableFn = tb.TableName
	}
	if err := m.addFields(t, nil); err != nil {
		return nil, err
	}
	if err := m.checkRelations(); err != nil {
		return nil, err
	}
	for _, r := range m.Relations {
		m.hasReverse = m.hasReverse || r.Kind != RelBelongsTo
	}
	if len(m.Fields) == 0 {
		return nil, fmt.Errorf("orm: model %s has no columns", m.Name)
	}
	if m.PK == nil {
		m.PK = m.byColumn["id"]
		if m.PK == nil {
			return nil, fmt.Errorf("orm: model %s has no primary key: add an ID field or tag one `db:\"...,pk\"`", m.Name)
		}
		m.PK.PrimaryKey = true
	}
	if m.PK.Nullable {
		return nil, fmt.Errorf("orm: model %s: primary key %s cannot be nullable", m.Name, m.PK.Name)
	}
	if m.PK.Kind == Int && m.PK.Column == "id" {
		m.PK.AutoIncrement = true // an integer id is generated unless given
	}
	return m, nil
}

func (m *Model) addFields(t reflect.Type, index []int) error {
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag, tagged := sf.Tag.Lookup("db")
		if tag == "-" {
			continue
		}
		path := append(append([]int(nil), index...), i)
		if sf.Anonymous && !tagged {
			et := sf.Type
			if et.Kind() == reflect.Pointer {
				return fmt.Errorf("orm: model %s: embedded pointer %s is not supported; embed the struct by value", m.Name, sf.Name)
			}
			if et.Kind() == reflect.Struct && et != timeType {
				if err := m.addFields(et, path); err != nil {
					return err
				}
				continue
			}
		}
		if !sf.IsExported() {
			continue
		}
		var (
			f   *Field
			err error
		)
		if reflect.PointerTo(sf.Type).Implements(relationFieldType) {
			f, err = m.addRelation(sf, tag, path)
		} else {
			f, err = m.parseField(sf, tag, path)
		}
		if err != nil {
			return err
		}
		if f == nil {
			continue
		}
		if _, dup := m.byColumn[f.Column]; dup {
			return fmt.Errorf("orm: model %s: field %s: column %q is declared twice", m.Name, sf.Name, f.Column)
		}
		m.Fields = append(m.Fields, f)
		m.byColumn[f.Column] = f
		m.byName[f.Name] = f
		if f.PrimaryKey {
			if m.PK != nil {
				return fmt.Errorf("orm: model %s: field %s: a second primary key (composite keys are not supported)", m.Name, sf.Name)
			}
			m.PK = f
		}
		if f.softDelete {
			m.SoftDelete = f
		}
		if f.Version {
			if m.Version != nil {
				return fmt.Errorf("orm: model %s: field %s: a second version column (%s is one)", m.Name, sf.Name, m.Version.Name)
			}
			m.Version = f
		}
	}
	return nil
}

func (m *Model) parseField(sf reflect.StructField, tag string, path []int) (*Field, error) {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("orm: model %s: field %s: %s", m.Name, sf.Name, fmt.Sprintf(format, args...))
	}
	parts := strings.Split(tag, ",")
	f := &Field{Name: sf.Name, Column: strings.TrimSpace(parts[0]), Index: path, Type: sf.Type}
	if f.Column == "" {
		f.Column = CamelToSnake(sf.Name)
	}
	for _, opt := range parts[1:] {
		switch strings.TrimSpace(opt) {
		case "pk":
			f.PrimaryKey = true
		case "auto", "auto_increment":
			f.AutoIncrement = true
		case "auto_now_add":
			f.AutoNowAdd = true
		case "auto_now":
			f.AutoNow = true
		case "hidden":
			f.Hidden = true
		case "readonly":
			f.ReadOnly = true
		case "unique":
			f.Unique = true
		case "soft_delete":
			f.softDelete = true
		case "version":
			f.Version = true
		case "text":
			f.Kind = Text
		case "null":
			f.Nullable = true
		case "":
		default:
			return nil, fail("unknown db tag option %q", opt)
		}
	}
	kind, nullable, codec, ok := kindOf(sf.Type)
	if reflect.PointerTo(sf.Type).Implements(relationFieldType) { // a ForeignKey
		_, nullKey := reflect.New(sf.Type).Interface().(interface{ NullableKey() })
		kind, nullable, codec, ok = Int, nullKey || f.Nullable, CodecKey, true
		if TextKeyed(reflect.New(sf.Type).Interface().(RelationField).RelationTarget()) {
			kind = String // the target's key is text: so is this column
		}
	} else if f.Nullable {
		return nil, fail("the null option is for foreign keys; use a pointer or sql.Null type")
	}
	if !ok {
		return nil, fail("unsupported type %v", sf.Type)
	}
	if f.Kind == Text && kind != String {
		return nil, fail("the text option needs a string type, not %v", sf.Type)
	}
	if f.Kind == 0 {
		f.Kind = kind
	}
	f.Nullable, f.codec = nullable, codec
	if (f.AutoNowAdd || f.AutoNow) && kind != Time {
		return nil, fail("auto_now and auto_now_add need a time.Time field, not %v", sf.Type)
	}
	if f.softDelete && (kind != Time || !nullable) {
		return nil, fail("soft_delete needs a nullable time (*time.Time or sql.NullTime), not %v", sf.Type)
	}
	if f.AutoIncrement && kind != Int {
		return nil, fail("auto_increment needs an integer field, not %v", sf.Type)
	}
	if f.Version && (kind != Int || nullable || codec != CodecPlain || f.PrimaryKey || f.AutoIncrement) {
		return nil, fail("version needs a non-null integer field that is not the primary key, not %v", sf.Type)
	}
	if err := f.parseValidation(sf); err != nil {
		return nil, fail("%v", err)
	}
	if def, ok := sf.Tag.Lookup("default"); ok {
		v, err := parseDefault(sf.Type, def)
		if err != nil {
			return nil, fail("default %q: %v", def, err)
		}
		f.Default, f.HasDefault, f.defaultValue = def, true, v
	}
	ref, isRef := sf.Tag.Lookup("references")
	if isRef && codec == CodecKey {
		return nil, fail("a ForeignKey names its table by its type; drop the references tag")
	}
	if isRef || codec == CodecKey {
		if isRef && (strings.Count(ref, ".") != 1 || strings.HasPrefix(ref, ".") || strings.HasSuffix(ref, ".")) {
			return nil, fail("references %q must be table.column", ref)
		}
		f.References = ref
		if !f.Nullable && !f.HasDefault {
			f.Required = true // a NOT NULL key must be given: see requiredKeys
		}
		var err error
		if f.OnDelete, err = fkAction(sf.Tag.Get("on_delete")); err != nil {
			return nil, fail("on_delete: %v", err)
		}
		if f.OnUpdate, err = fkAction(sf.Tag.Get("on_update")); err != nil {
			return nil, fail("on_update: %v", err)
		}
		if f.OnDelete == "SET NULL" && !f.Nullable {
			return nil, fail("on_delete SET NULL needs a nullable column (a pointer or sql.Null type)")
		}
		if f.OnUpdate == "SET NULL" && !f.Nullable {
			return nil, fail("on_update SET NULL needs a nullable column (a pointer or sql.Null type)")
		}
		if f.OnUpdate == "SET NULL" && !f.Nullable {
			return nil, fail("on_update SET NULL needs a nullable column (a pointer or sql.Null type)")
		}
	}
	return f, nil
}

func (f *Field) parseValidation(sf reflect.StructField) error {
	f.Validate = sf.Tag.Get("validate")
	for _, rule := range strings.Split(f.Validate, ",") {
		name, param, _ := strings.Cut(rule, "=")
		switch name {
		case "required":
			f.Required = true
		case "max", "lte":
			if f.Kind == String {
				n, err := strconv.Atoi(param)
				if err != nil {
					return fmt.Errorf("validate %s=%q: not a whole number", name, param)
				}
				f.Size = n
			}
		}
	}
	if re, ok := sf.Tag.Lookup("regex"); ok {
		p, err := regexp.Compile(re)
		if err != nil {
			return fmt.Errorf("regex %q: %v", re, err)
		}
		f.Pattern = p
	}
	return nil
}

// kindOf maps a Go type to its storage kind, whether it is nullable, and the
// codec that moves it to and from the driver.
func kindOf(t reflect.Type) (Kind, bool, Codec, bool) {
	if t == nullTimeType {
		return Time, true, CodecNullTime, true
	}
	if t.Kind() == reflect.Pointer {
		k, _, c, ok := kindOf(t.Elem())
		if !ok || t.Elem().Kind() == reflect.Pointer || c == CodecNullTime || c == CodecScanner {
			return 0, false, 0, false
		}
		if c == CodecTime {
			c = CodecTimePtr
		}
		return k, true, c, true
	}
	if t.PkgPath() == "database/sql" && strings.HasPrefix(t.Name(), "Null") {
		if v, ok := t.FieldByName("V"); ok { // sql.Null[T]
			k, _, c, ok := kindOf(v.Type)
			return k, true, CodecScanner, ok && c == CodecPlain
		}
		for i := 0; i < t.NumField(); i++ { // sql.NullString, NullInt64, ...
			if t.Field(i).Name != "Valid" {
				k, _, _, ok := kindOf(t.Field(i).Type)
				return k, true, CodecScanner, ok
			}
		}
	}
	switch {
	case t == timeType:
		return Time, false, CodecTime, true
	case t == bytesType:
		return Bytes, false, CodecPlain, true
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return Int, false, CodecPlain, true
	case reflect.String:
		return String, false, CodecPlain, true
	case reflect.Float32, reflect.Float64:
		return Float, false, CodecPlain, true
	case reflect.Bool:
		return Bool, false, CodecPlain, true
	}
	return 0, false, 0, false
}

// parseDefault converts the text of a default tag into a value of type t.
func parseDefault(t reflect.Type, s string) (reflect.Value, error) {
	base := t
	if base.Kind() == reflect.Pointer {
		base = base.Elem()
	}
	v := reflect.New(base).Elem()
	switch {
	case base == timeType:
		tm, err := dialect.ParseTime(s)
		if err != nil {
			return reflect.Value{}, err
		}
		v.Set(reflect.ValueOf(tm))
	case base.Kind() == reflect.String:
		v.SetString(s)
	case base.Kind() == reflect.Bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return reflect.Value{}, fmt.Errorf("not a boolean")
		}
		v.SetBool(b)
	case v.CanInt():
		n, err := strconv.ParseInt(s, 10, base.Bits())
		if err != nil {
			return reflect.Value{}, fmt.Errorf("not an integer of %v", base)
		}
		v.SetInt(n)
	case v.CanUint():
		n, err := strconv.ParseUint(s, 10, base.Bits())
		if err != nil {
			return reflect.Value{}, fmt.Errorf("not an unsigned integer of %v", base)
		}
		v.SetUint(n)
	case v.CanFloat():
		n, err := strconv.ParseFloat(s, base.Bits())
		if err != nil {
			return reflect.Value{}, fmt.Errorf("not a number")
		}
		v.SetFloat(n)
	default:
		return reflect.Value{}, fmt.Errorf("type %v cannot have a default", t)
	}
	if t.Kind() == reflect.Pointer {
		p := reflect.New(base)
		p.Elem().Set(v)
		return p, nil
	}
	return v, nil
}

func fkAction(s string) (string, error) {
	switch strings.ToUpper(strings.TrimSpace(strings.ReplaceAll(s, "_", " "))) {
	case "", "RESTRICT":
		return "RESTRICT", nil
	case "CASCADE":
		return "CASCADE", nil
	case "SET NULL":
		return "SET NULL", nil
	case "NO ACTION":
		return "NO ACTION", nil
	}
	return "", fmt.Errorf("unknown action %q (use CASCADE, SET NULL, RESTRICT or NO ACTION)", s)
}
