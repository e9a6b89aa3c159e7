package crud

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/internal/jsoncheck"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/orm/schema"
)

// decodeBody reads a JSON object from body and sets the fields of v (a *T
// of model m) named by its keys, which are column names. It returns the
// columns that were sent. See the package doc for the rules; the decoding
// itself is the model's (schema.Model.DecodeJSON); every problem found is
// reported, and nothing is set when there is any.
func decodeBody(body io.Reader, m *orm.Model, v any) (map[string]bool, error) {
	b, err := io.ReadAll(body)
	if err != nil {
		return nil, readError(err)
	}
	if err := jsoncheck.Check(b); err != nil {
		return nil, err
	}
	d, err := m.DecodeJSON(b, v, schema.DecodeOptions{
		Other: func(key string, raw json.RawMessage) (bool, string) { return embeddedRelation(m, v, key, raw) },
	})
	if err != nil {
		return nil, readError(err)
	}
	if len(d.Problems) > len(d.Nulls) {
		return nil, &bodyError{problems: d.Problems}
	}
	if len(d.Nulls) > 0 {
		// Only required values are missing: answer as validation does,
		// with every other failing field of the record as it would be.
		tmp := m.Clone(v)
		d.Apply(tmp)
		return nil, requiredError(m, tmp, d.Nulls)
	}
	d.Apply(v)
	return d.Sent, nil
}

// requiredError is the validation error of a body that sent null for the
// non-nullable columns nulls: those columns are "This field is required",
// and the other columns of rec (a *T: the record with the rest of the body
// applied) are validated as usual. The answer is 400 {"error":"Validation
// failed","detail":[...]}.
func requiredError(m *orm.Model, rec any, nulls []*orm.Field) error {
	failed := map[string]string{}
	var ve *orm.ValidationError
	if err := orm.Valid(rec); errors.As(err, &ve) {
		for _, fe := range ve.Errors {
			failed[fe.Field] = fe.Message
		}
	}
	for _, f := range nulls {
		failed[f.Column] = schema.MsgRequired
	}
	out := &orm.ValidationError{Model: m.Name}
	for _, f := range m.Fields {
		if msg, ok := failed[f.Column]; ok {
			out.Errors = append(out.Errors, orm.FieldError{Field: f.Column, Message: msg})
		}
	}
	return out
}

// readError classifies an error met while reading the body: over the size
// limit is TooLarge, anything else is the client's malformed JSON.
func readError(err error) error {
	var tooBig *http.MaxBytesError
	var syntax *schema.SyntaxError
	switch {
	case errors.As(err, &tooBig):
		return errkind.Wrap(errkind.TooLarge, fmt.Errorf("request body is larger than %d bytes", tooBig.Limit))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return invalid("invalid JSON body: unexpected end of input")
	case errors.As(err, &syntax):
		return invalid("invalid JSON body: %s", syntax.Error())
	}
	return invalid("invalid JSON body: %v", err)
}

// bodyError lists the problems of a request body, one line each.
type bodyError struct{ problems []string }

func (e *bodyError) Error() string      { return strings.Join(e.problems, "; ") }
func (e *bodyError) Kind() errkind.Kind { return errkind.Invalid }

// Details lists the problems when there are several.
func (e *bodyError) Details() []string {
	if len(e.problems) < 2 {
		return nil
	}
	return e.problems
}
