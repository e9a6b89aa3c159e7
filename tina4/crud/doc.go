// Package crud mounts REST endpoints (AutoCrud) for registered ORM models,
// the Go form of the ORM chapter's section 9.
//
// Register, Mount or Discover put five kinds of route on a router for each
// model, under a prefix and the model's table name:
//
//	GET    {prefix}/{table}        list, with paging, filters and ordering
//	POST   {prefix}/{table}        create: 201 and the record
//	GET    {prefix}/{table}/{id}   one record, or 404 {"error":"Not found"}
//	PUT    {prefix}/{table}/{id}   partial update: only the columns sent are written
//	PATCH  {prefix}/{table}/{id}   the same as PUT
//	DELETE {prefix}/{table}/{id}   204; a soft delete when the model has one
//
// {id} is {id:int} for an integer primary key, so /api/notes/abc and an id
// that overflows int64 answer 404 without reaching the database.
//
// Every route is registered with router.Fallback: a custom route for the same
// method and path wins, whichever was registered first.
//
// # Listing
//
//	GET /api/notes?limit=20&skip=40
//	GET /api/notes?page=3&per_page=20
//	GET /api/notes?category=work&title__icontains=go&order=-created_at,title
//
// answers {"data": [...], "total": N, "limit": L, "skip": S}, where total
// counts every matching row. The reserved keys are:
//
//	limit      page size, default 10 (WithLimits); larger values are capped at
//	           the maximum, 100 by default; 0, negative or non-numeric is a 400
//	skip       rows to skip, default 0 (offset is an alias); negative or
//	           non-numeric is a 400
//	page       1-based page number, with per_page (an alias of limit); it
//	           cannot be combined with skip or offset
//	order      comma-separated column names, "-" for descending
//	include    comma-separated declared relations to embed in each row
//	           ("author", "posts.comments"); an unknown one is a 400
//
// Every other key is a filter in the ORM's syntax: "column" or
// "column__op", with op one of eq ne lt lte gt gte in not_in isnull notnull
// like startswith endswith contains istartswith iendswith icontains. Values
// are converted to the column's type and bound; column names are checked
// against the model, so a query string never becomes SQL. Unknown columns,
// hidden columns, unknown operators and values that do not convert are 400s,
// and so are keys and values that are not valid UTF-8 or hold a NUL, which
// PostgreSQL would refuse with an error (a string id like that is a 404).
// A key given twice is two conditions, both applied.
//
// The work of one request is bounded (QueryLimits, WithQueryLimits): the
// number of filters, the values they bind together, the distinct order
// fields, the relations a filter key or an include path follows, and the
// related rows one answer embeds (counted while they load); past a limit
// the answer is a 400 naming it. skip with offset is a 400. An include path
// may not return to a model already on it. GET /{table}/{id} takes include
// too, and no other key; an {id} not written as its number ("+1", "01") is
// a 404.
//
// # Request bodies
//
// POST, PUT and PATCH take a JSON object whose keys are column names (as in
// the JSON the endpoints answer with). Each value is checked against its
// column's Go type: a string for strings, an integer for integers (no
// fraction, within range), true or false for booleans, an RFC 3339 string
// for times, base64 for []byte, null only for nullable (pointer or sql.Null)
// columns. Any mismatch, an unknown key, a duplicate key, malformed JSON or a
// body that is not an object answers 400 naming the problem; nothing is
// written.
//
// Keys of columns a client may not set (the primary key, auto_now and
// auto_now_add timestamps, deleted_at, the version column and readonly
// columns) are accepted only when their value equals the record's current
// value, so that a client can PUT back a record it has read; any other value
// is a 400 "x is read-only" (an integer other than the stored version is a
// 409: see Concurrent edits).
// They are never silently dropped, and an "id" in a body never changes which
// row is written: the row is the one named in the path. On POST the current
// value is the zero value, so a non-zero "id" is refused. A column both
// hidden and read-only is refused whatever the value, so that its value
// cannot be guessed; a hidden writable column (a password hash) can be set
// but never appears in an answer.
//
// Bodies that are not valid UTF-8, strings holding NUL (\u0000) or an
// unpaired surrogate, and arrays or objects nested more than 64 deep are
// 400s too: encoding/json would silently replace such text, and PostgreSQL
// refuses NUL. A body over the router's MaxBodyBytes is a 413.
//
// POST is mounted only for models whose primary key the database generates
// (an integer id): orm.Rows can insert only through Save, which treats a
// client-chosen key as an update.
//
// On create, columns missing from the body take their default tag before
// validation. The record is then validated (orm.Valid); a failure answers 400
// {"error":"Validation failed","detail":["title: This field is required"]}.
// Database constraint failures, such as deleting an author whose posts still
// refer to it, answer 409.
//
// # Concurrent edits
//
// PUT and PATCH write only the columns the body names, plus the auto_now and
// version columns (orm.Update), so clients changing different columns of one
// row at the same time all keep their change. Each runs in one transaction
// that locks the row (orm.ForUpdate: SELECT ... FOR UPDATE on PostgreSQL and
// MySQL, SQLite's write transaction), applies the body to the stored row,
// validates the whole record, writes, and reads the row back: the answer is
// the row as stored. DELETE also locks the row before deleting it.
//
// GET of one record sends a strong ETag, a hash of the row's visible columns
// and its version column; If-None-Match naming it answers 304. PUT, PATCH and
// DELETE with If-Match compare it with the locked row's ETag and answer 412
// {"error":"Precondition failed: ..."}, changing nothing, when none matches;
// "If-Match: *" holds for any row, and a missing row is a 404 as without the
// header. A malformed If-Match is a 400. PUT and PATCH answers carry the new
// ETag.
//
// A model with a version column (`db:"version,version"`) gets it set to 1 on
// insert and incremented by every write; a body may carry it only with the
// stored value, and an older or other value (a record edited after someone
// else changed it) answers 409 {"error":"Conflict: the record was changed
// since it was read; read it again and retry"} (orm.ErrStale).
//
// # Access
//
// AutoCrud routes are public by default, as in Tina4: they are registered
// with router.Public(). Secured() guards every route of a model, reads
// included; SecuredWrites() guards POST, PUT, PATCH and DELETE and keeps GET
// open. Pass them to Register, Mount or Discover (tina4.New passes the one
// TINA4_AUTOCRUD_SECURED names to Discover), or record them for one model
// with Configure, which wins over the others. A guarded route needs a valid
// bearer token (see router.Router.Auth) and answers 401 {"error":
// "Unauthorized"} without one.
package crud
