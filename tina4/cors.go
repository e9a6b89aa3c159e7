package tina4

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/rs/cors"
)

// corsMiddleware returns the CORS middleware configured by the TINA4_CORS_*
// settings, or nil when TINA4_CORS_ORIGINS is empty (CORS off: browsers
// refuse cross-origin calls). It answers preflight (OPTIONS) requests itself,
// before routing and access control, and adds the Access-Control-* headers
// to the answers of allowed origins, 401s included. Credentials with the
// origin * or any pattern holding a wildcard (https://*, https://*.example.com)
// is an error: it would let any site, or any host that matches, act with a
// user's cookies. With credentials, list the origins one by one.
func corsMiddleware(cfg Config) (func(http.Handler) http.Handler, error) {
	origins := splitList(cfg.CORSOrigins)
	if len(origins) == 0 {
		return nil, nil
	}
	if cfg.CORSCredentials {
		if slices.Contains(origins, "*") {
			return nil, fmt.Errorf("tina4: TINA4_CORS_CREDENTIALS=true cannot be used with TINA4_CORS_ORIGINS=*: list the origins")
		}
		for _, o := range origins {
			if strings.Contains(o, "*") {
				return nil, fmt.Errorf("tina4: TINA4_CORS_CREDENTIALS=true cannot be used with the wildcard origin %q in TINA4_CORS_ORIGINS: list the origins", o)
			}
		}
	}
	maxAge := int(cfg.CORSMaxAge / time.Second)
	if maxAge == 0 {
		maxAge = -1 // send Access-Control-Max-Age: 0 rather than leave it to the browser
	}
	c := cors.New(cors.Options{
		AllowedOrigins:   origins,
		AllowedMethods:   splitList(cfg.CORSMethods),
		AllowedHeaders:   splitList(cfg.CORSHeaders),
		AllowCredentials: cfg.CORSCredentials,
		MaxAge:           maxAge,
	})
	return c.Handler, nil
}

// splitList splits a comma-separated setting, dropping empty items.
func splitList(s string) []string {
	var out []string
	for item := range strings.SplitSeq(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}
