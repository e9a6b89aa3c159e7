package schema_test

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const module = "github.com/tina4stack/tina4-go/tina4/"

// imports returns the packages that the non-test files of dir import.
func imports(t *testing.T, dir string) []string {
	t.Helper()
	pkg, err := build.ImportDir(dir, 0)
	require.NoError(t, err)
	return pkg.Imports
}

// The import graph points one way: schema knows nothing of orm, and crud and
// openapi take field kinds from schema, not from dialect.
func TestImportDirection(t *testing.T) {
	tests := []struct {
		dir       string
		forbidden []string
	}{
		{".", []string{module + "orm", module + "crud", module + "openapi", module + "router", module + "response", "net/http"}},
		{"../../crud", []string{module + "orm/dialect"}},
		{"../../openapi", []string{module + "orm/dialect"}},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			got := imports(t, tt.dir)
			for _, f := range tt.forbidden {
				assert.NotContains(t, got, f)
			}
		})
	}
	assert.Contains(t, imports(t, "../../crud"), module+"orm/schema")
	assert.Contains(t, imports(t, "../../openapi"), module+"orm/schema")
}

// crud and openapi do not reflect over model structs: crud imports reflect
// only for the types Models returns, and neither package walks a struct's
// fields by index or name (openapi's types.go walks the non-model types of
// custom routes' declared answers, and skips models).
func TestNoModelReflection(t *testing.T) {
	reflectAllowed := map[string][]string{
		"../../crud":    {"register.go"},
		"../../openapi": {"build.go", "types.go"},
	}
	for dir, allowed := range reflectAllowed {
		t.Run(dir, func(t *testing.T) {
			files, err := filepath.Glob(filepath.Join(dir, "*.go"))
			require.NoError(t, err)
			fset := token.NewFileSet()
			for _, path := range files {
				if strings.HasSuffix(path, "_test.go") {
					continue
				}
				f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
				require.NoError(t, err)
				name := filepath.Base(path)
				for _, imp := range f.Imports {
					if imp.Path.Value == `"reflect"` {
						assert.True(t, slices.Contains(allowed, name), "%s imports reflect", path)
					}
				}
				ast.Inspect(f, func(n ast.Node) bool {
					if sel, ok := n.(*ast.SelectorExpr); ok {
						switch sel.Sel.Name {
						case "FieldByIndex", "FieldByName", "FieldByIndexErr":
							t.Errorf("%s: %s reads a struct field by reflection", fset.Position(sel.Pos()), sel.Sel.Name)
						}
					}
					return true
				})
			}
		})
	}
}
