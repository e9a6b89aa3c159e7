package tina4

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/openapi"
)

// mountSwagger serves the OpenAPI document of every route registered so far
// (the app's, AutoCrud's and /health) and Swagger UI at /swagger, unless the
// router serves /swagger already.
func (a *App) mountSwagger() error {
	if hasRoute(a.router, http.MethodGet, openapi.DefaultPath) {
		return nil
	}
	if _, err := openapi.Mount(a.router, openapi.DefaultPath, apiInfo(a.cfg), openapi.WithServers(apiServers(a.cfg)...)); err != nil {
		return fmt.Errorf("tina4: swagger: %w", err)
	}
	a.log.Debug("tina4: Swagger UI", "path", openapi.DefaultPath)
	return nil
}

// apiInfo is the document's info from TINA4_API_TITLE, TINA4_API_VERSION,
// TINA4_API_DESCRIPTION and TINA4_API_LICENSE.
func apiInfo(cfg Config) openapi.Info {
	info := openapi.Info{Title: cfg.APITitle, Version: cfg.APIVersion, Description: cfg.APIDescription}
	if info.Title == "" {
		info.Title = "Tina4 API"
	}
	if info.Version == "" {
		info.Version = "1.0.0"
	}
	if info.Description == "" {
		info.Description = "AutoCrud serves every model under " + cfg.CrudPrefix + "; see the list's query parameters for paging, order, include and filters."
	}
	if l := cfg.APILicense; l != "" {
		info.License = &openapi.License{Name: l}
		if !strings.ContainsAny(l, " \t") {
			info.License.Identifier = l // an SPDX identifier, such as MIT or Apache-2.0
		}
	}
	return info
}

// apiServers is the document's servers: TINA4_API_SERVERS, else "/" (the
// host that serves the document).
func apiServers(cfg Config) []openapi.Server {
	var out []openapi.Server
	for _, u := range strings.Split(cfg.APIServers, ",") {
		if u = strings.TrimSpace(u); len(u) > 1 {
			u = strings.TrimSuffix(u, "/") // redocly: no-server-trailing-slash
		}
		if u != "" {
			out = append(out, openapi.Server{URL: u})
		}
	}
	if len(out) > 0 {
		return out
	}
	// Relative to the document: Swagger UI and generated clients then call
	// the host that served it, whatever name, port or proxy it was reached
	// through (an absolute default such as http://localhost:7145 breaks
	// behind a proxy, and in tests on a spare port).
	return []openapi.Server{{URL: "/", Description: "The host that serves this document (TINA4_API_SERVERS sets absolute URLs)."}}
}
