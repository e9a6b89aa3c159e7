// Package router maps Tina4 path patterns to handlers on top of httprouter.
package router
