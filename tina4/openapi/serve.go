package openapi

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"

	"github.com/tina4stack/tina4-go/tina4/errkind"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// DefaultPath is where Mount serves Swagger UI: /swagger, with the document
// at /swagger/openapi.json.
const DefaultPath = "/swagger"

// ui holds Swagger UI (from the swagger-ui-dist package, see ui/README.md)
// and Tina4's page that starts it.
//
//go:embed ui/index.html ui/tina4-swagger.js ui/swagger-ui-bundle.js ui/swagger-ui.css ui/favicon-32x32.png
//go:embed ui/LICENSE ui/NOTICE ui/swagger-ui-bundle.js.LICENSE.txt
var ui embed.FS

var indexPage = template.Must(template.ParseFS(ui, "ui/index.html"))

// Mount builds the document of the routes registered on r so far (Build)
// and serves it under path (DefaultPath when empty): GET path is Swagger UI,
// GET path/openapi.json the document, and GET path/{file} the UI's files,
// all from the binary, so the page works offline. The routes are Public.
// Routes registered after Mount are not in the document. It returns the
// document. Options (WithServers) are Build's.
func Mount(r *router.Router, path string, info Info, opts ...Option) (*Document, error) {
	if path == "" {
		path = DefaultPath
	}
	path = "/" + strings.Trim(path, "/")
	doc := Build(r, info, opts...)
	body, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("openapi: encode the document: %w", err)
	}
	var page bytes.Buffer
	if err := indexPage.Execute(&page, struct{ Title, Prefix string }{info.Title, path}); err != nil {
		return nil, fmt.Errorf("openapi: the Swagger UI page: %w", err)
	}
	r.Get(path, func(req *router.Request, res *response.Response) error {
		return res.HTML(page.String(), http.StatusOK)
	}, router.Public())
	r.Get(path+"/openapi.json", func(req *router.Request, res *response.Response) error {
		return res.JSON(json.RawMessage(body), http.StatusOK)
	}, router.Public())
	r.Get(path+"/{file}", serveAsset, router.Public())
	return doc, nil
}

var errNoFile = errkind.New(errkind.NotFound, "Not found")

// serveAsset answers one of the UI's files, or 404.
func serveAsset(req *router.Request, res *response.Response) error {
	name := "ui/" + req.Param("file")
	if name == "ui/index.html" || !fs.ValidPath(name) {
		return res.Error(errNoFile)
	}
	if _, err := fs.Stat(ui, name); err != nil {
		return res.Error(errNoFile)
	}
	w := res.Writer()
	w.Header().Set("Cache-Control", "public, max-age=3600")
	http.ServeFileFS(w, req.Raw, ui, name)
	return nil
}
