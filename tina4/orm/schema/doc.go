// Package schema owns the reflection over model structs: it reads a model
// type once (its table, columns, kinds, tags, defaults, validation hints and
// declared relations), keeps the registry of models with its options (such
// as plural table names), and holds the per-field codecs that move a
// field's value to the driver (Bind), to plain data and JSON (Value,
// JSONType, DefaultJSON) and from a JSON request body (Model.DecodeJSON).
// Package orm builds SQL and runs it from this metadata; crud and openapi
// describe and decode models through it and never reflect over model
// structs themselves. schema imports dialect (for kinds and time binding)
// and never orm; the tag rules are in the orm package doc and the README.
package schema
