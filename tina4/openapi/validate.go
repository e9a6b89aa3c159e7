package openapi

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// oasSchema is the official JSON Schema of OpenAPI 3.1 documents (see
// schema/README.md).
//
//go:embed schema/oas-3.1.json
var oasSchema []byte

const (
	oasSchemaURL = "https://spec.openapis.org/oas/3.1/schema/2025-11-23"
	docURL       = "urn:tina4:openapi.json" // where a checked document's $refs resolve
)

// Validate checks doc, an OpenAPI 3.1 document in JSON, against the
// official OpenAPI 3.1 schema, and then each Schema Object in it (under
// components/schemas, and the schema of every parameter and body) against
// JSON Schema 2020-12, which the OpenAPI schema leaves unchecked. Formats
// and patterns are checked too, and two rules of the specification that its
// schema cannot express: no two path templates differ only in parameter
// names, and each operation's path parameters are the names of its
// template.
func Validate(doc []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return fmt.Errorf("openapi: validate: %w", err)
	}
	oas, err := jsonschema.UnmarshalJSON(bytes.NewReader(oasSchema))
	if err != nil {
		return fmt.Errorf("openapi: validate: the embedded schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(oasSchemaURL, oas); err != nil {
		return fmt.Errorf("openapi: validate: %w", err)
	}
	sch, err := c.Compile(oasSchemaURL)
	if err != nil {
		return fmt.Errorf("openapi: validate: %w", err)
	}
	if err := sch.Validate(inst); err != nil {
		return fmt.Errorf("openapi: the document is not valid OpenAPI 3.1: %w", err)
	}
	sc, err := schemaCompiler(inst)
	if err != nil {
		return err
	}
	errs := checkPaths(inst)
	for _, ptr := range schemaPointers(inst, "#", false) {
		if _, err := sc.Compile(docURL + ptr); err != nil {
			errs = append(errs, fmt.Errorf("openapi: schema %s: %w", ptr, err))
		}
	}
	return errors.Join(errs...)
}

// schemaCompiler compiles the schemas of the parsed document inst, with
// their $refs resolved inside it.
func schemaCompiler(inst any) (*jsonschema.Compiler, error) {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource(docURL, inst); err != nil {
		return nil, fmt.Errorf("openapi: validate: %w", err)
	}
	return c, nil
}

// schemaPointers returns the JSON pointers (as URL fragments) of the
// Schema Objects in v: the values of "schema" keys in parameters and media
// types, and the entries of components/schemas.
func schemaPointers(v any, at string, inSchemas bool) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := at + "/" + escapePointer(k)
			switch {
			case inSchemas, k == "schema":
				out = append(out, p)
			case k == "schemas" && at == "#/components":
				out = append(out, schemaPointers(x[k], p, true)...)
			default:
				out = append(out, schemaPointers(x[k], p, false)...)
			}
		}
	case []any:
		for i, item := range x {
			out = append(out, schemaPointers(item, at+"/"+strconv.Itoa(i), false)...)
		}
	}
	return out
}

func escapePointer(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// CheckResponse checks body, the JSON an operation answered with, against
// the schema doc documents for it: the operation of method on path (the
// document's path template, such as "/api/notes/{id}") and the response of
// status, else of its range ("4XX"), else "default". Tests use it to show that the document tells the
// truth about real answers.
func CheckResponse(doc []byte, method, path string, status int, body []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return fmt.Errorf("openapi: check: %w", err)
	}
	op := dig(inst, "paths", path, strings.ToLower(method))
	if op == nil {
		return fmt.Errorf("openapi: check: no operation %s %s", method, path)
	}
	code := strconv.Itoa(status)
	if dig(op, "responses", code) == nil {
		code = strconv.Itoa(status/100) + "XX" // a range: 4XX
	}
	if dig(op, "responses", code) == nil {
		code = "default"
	}
	res := dig(op, "responses", code)
	if res == nil {
		return fmt.Errorf("openapi: check: %s %s documents no %d answer", method, path, status)
	}
	if dig(res, "content", "application/json", "schema") == nil {
		if len(bytes.TrimSpace(body)) == 0 {
			return nil
		}
		return fmt.Errorf("openapi: check: %s %s %s documents no body, got %q", method, path, code, body)
	}
	val, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("openapi: check: %s %s %d: the body is not JSON: %w", method, path, status, err)
	}
	c, err := schemaCompiler(inst)
	if err != nil {
		return err
	}
	ptr := "#/paths/" + escapePointer(path) + "/" + strings.ToLower(method) + "/responses/" + code +
		"/content/" + escapePointer("application/json") + "/schema"
	sch, err := c.Compile(docURL + ptr)
	if err != nil {
		return fmt.Errorf("openapi: check: %w", err)
	}
	if err := sch.Validate(val); err != nil {
		return fmt.Errorf("openapi: %s %s %d: the body does not match the document: %w", method, path, status, err)
	}
	return nil
}

// dig follows keys through nested objects, or returns nil.
func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// operationFields are the Path Item Object's operations.
var operationFields = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// checkPaths reports path templates that are equal once their parameter
// names are left out, and operations whose path parameters (their own and
// their path item's, $refs aside) are not the names of their template.
func checkPaths(inst any) []error {
	paths, _ := dig(inst, "paths").(map[string]any)
	keys := make([]string, 0, len(paths))
	for k := range paths {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var errs []error
	seen := map[string]string{} // normalised template -> the first key
	for _, path := range keys {
		norm := normalPath(path)
		if first, ok := seen[norm]; ok {
			errs = append(errs, fmt.Errorf("openapi: paths %s and %s differ only in parameter names", first, path))
		}
		seen[norm] = path
		want := templateNames(path)
		sort.Strings(want)
		shared := pathParamNames(dig(paths[path], "parameters"))
		for _, method := range operationFields {
			op := dig(paths[path], method)
			if op == nil {
				continue
			}
			got := append(pathParamNames(dig(op, "parameters")), shared...)
			sort.Strings(got)
			got = slices.Compact(got)
			if !slices.Equal(got, want) {
				errs = append(errs, fmt.Errorf("openapi: %s %s: path parameters %v, but the template names %v", method, path, got, want))
			}
		}
	}
	return errs
}

// pathParamNames returns the names of the "in": "path" parameters of a
// parameters array.
func pathParamNames(v any) []string {
	list, _ := v.([]any)
	var names []string
	for _, p := range list {
		if dig(p, "in") == "path" {
			name, _ := dig(p, "name").(string)
			names = append(names, name)
		}
	}
	return names
}
