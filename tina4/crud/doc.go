// Package crud mounts REST endpoints (AutoCrud) for registered ORM models.
package crud
