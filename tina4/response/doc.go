// Package response writes HTTP responses and maps errors to statuses.
package response
