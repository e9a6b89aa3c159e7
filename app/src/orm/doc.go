// Package models holds the example app's models: the ORM chapter's notes,
// tasks, products and blog. Each file registers its models in init(), which
// main.go triggers with a blank import. Referenced models are registered
// before the models that refer to them (Author, then BlogPost, then
// Comment), because tables are created in registration order.
//
// The folder is app/src/orm, as in Tina4; the package is named models so
// that it does not shadow tina4/orm.
package models
