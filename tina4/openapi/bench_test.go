package openapi_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tina4stack/tina4-go/tina4/openapi"
)

// BenchmarkBuild builds and encodes the document of the test app (two
// models, their AutoCrud routes and four custom routes), as start-up does.
func BenchmarkBuild(b *testing.B) {
	r := newRouter(b)
	b.ReportAllocs()
	for b.Loop() {
		_, err := json.Marshal(openapi.Build(r, openapi.Info{Title: "T", Version: "1"}))
		require.NoError(b, err)
	}
}

// BenchmarkValidate checks the test app's document against the OpenAPI 3.1
// schema and JSON Schema 2020-12.
func BenchmarkValidate(b *testing.B) {
	_, doc := document(b, newRouter(b))
	b.ReportAllocs()
	for b.Loop() {
		err := openapi.Validate(doc)
		require.NoError(b, err)
	}
}
