package tina4

import (
	"fmt"
	"net/http"

	"github.com/tina4stack/tina4-go/tina4/response"
)

// limitHeaders answers 431 {"error": "request headers are larger than N
// bytes"} to a request whose request line and headers, counted as sent,
// exceed max bytes. The server (http.Server.MaxHeaderBytes, set to the same
// limit) stops reading a little past it, at max+4096 bytes, and answers 431
// in plain text itself; this middleware makes the answer JSON for requests
// between the two. max <= 0 turns it off.
func limitHeaders(max int) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		if max <= 0 {
			return next
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if headerBytes(r) > max {
				_ = response.New(w, r).JSON(map[string]string{
					"error": fmt.Sprintf("request headers are larger than %d bytes", max),
				}, http.StatusRequestHeaderFieldsTooLarge)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// headerBytes counts the request line and the header lines of r as an
// HTTP/1.1 client sends them ("Name: value\r\n").
func headerBytes(r *http.Request) int {
	n := len(r.Method) + 1 + len(r.RequestURI) + 1 + len(r.Proto) + 2
	if r.Host != "" {
		n += len("Host: ") + len(r.Host) + 2
	}
	for k, vs := range r.Header {
		for _, v := range vs {
			n += len(k) + 2 + len(v) + 2
		}
	}
	return n
}
