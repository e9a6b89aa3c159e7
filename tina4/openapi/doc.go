// Package openapi describes a Tina4 app as an OpenAPI 3.1 document and serves
// it with Swagger UI.
//
// Build reads the routes of a router: AutoCrud routes (crud.Endpoints) are
// described from their models' metadata, exactly as AutoCrud treats them:
// each model has a row schema (every column but the hidden ones, read-only
// keys and timestamps, the relations include may embed), a create schema
// (required columns, min/max length and value, pattern, enum from oneof,
// defaults) and an update schema (the same, all optional); the list has its
// {data, total, limit, skip} envelope and its query parameters: paging,
// order, include, and the filters a generated client needs (the operators of
// each column's kind, foreign-key traversals in their equality form, never
// two keys a generator names alike; the rest of crud.Endpoint.QueryParams
// is named in the description; see listParams); errors have the {"error",
// "detail"} body. Other routes are described from their pattern (typed path
// parameters), router.Describe (summary and tags) and the documentation
// options router.Accepts, Returns, Query and Explain. Secured routes need
// the bearerAuth scheme; the others say security: [] (public).
//
// Mount serves the document at /swagger/openapi.json and Swagger UI at
// /swagger, from files embedded in the binary (the swagger-ui-dist package),
// so it works offline. The App mounts it when TINA4_SWAGGER=true or
// TINA4_DEBUG=true, with the info and servers of the TINA4_API_* settings
// (WithServers).
//
// Validate checks a document against the official OpenAPI 3.1 schema and its
// Schema Objects against JSON Schema 2020-12, with
// github.com/santhosh-tekuri/jsonschema/v6; CheckResponse checks a real
// answer against the document. The document's types are this package's own
// small structs (typed, in field order), rather than a general OpenAPI
// library's: the schemas come from ORM metadata, not from reflection alone,
// and a JSON Schema library validates the result.
package openapi
