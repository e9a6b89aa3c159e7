package router

import (
	"net/http"

	"github.com/tina4stack/tina4-go/tina4/response"
)

// adapt turns a HandlerFunc into the http.Handler at the end of a route's
// middleware chain. The Request and Response live in the request's match, so
// calling a HandlerFunc allocates nothing more.
func (rt *Router) adapt(h HandlerFunc) http.Handler {
	if h == nil {
		return nil // register panics with a clear message
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m := matchOf(r)
		if m == nil { // a middleware replaced the context with an unrelated one
			m = &match{Context: r.Context()}
		}
		m.req = Request{Raw: r, w: w, route: m.route, params: m.params, maxBody: rt.MaxBodyBytes}
		m.res.Reset(w, r)
		m.res.SetEncoder(rt.JSONEncoder)
		err := h(&m.req, &m.res)
		switch {
		case err == nil:
		case m.res.Written():
			response.LoggerFrom(r.Context()).ErrorContext(r.Context(), "router: handler error after the response was written",
				"method", r.Method, "path", r.URL.Path, "error", err)
		default:
			_ = m.res.Error(err)
		}
	})
}
