// Package response writes HTTP responses and maps errors to statuses.
//
// A Response wraps an http.ResponseWriter and offers one method per kind of
// answer (JSON, HTML, Text, Redirect, File, Download, Status). Each returns an
// error so a handler can end with "return res.JSON(v, 200)". JSON tries the
// Response's Encoder first (SetEncoder; a router sets its JSONEncoder on every
// request): the tina4 App plugs in one that writes ORM models as AutoCrud
// does, without this package knowing the ORM.
//
// Errors become statuses in one table (StatusOf) driven by the errkind
// vocabulary, and WriteError turns an error into a JSON body of the form
//
//	{"error": "message", "detail": ["line", ...]}
//
// A 5xx answer never shows the error's text unless debug mode is on in the
// Settings the request's context carries (WithSettings: tina4.App puts its
// TINA4_DEBUG there, router.Router its Debug field): internal messages, SQL
// and stack traces stay in the log, which is the only thing this package
// logs (through the Settings' Logger, else log/slog's default logger).
package response
