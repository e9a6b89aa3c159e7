package routes

import (
	"net/http"

	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// invalid answers 400 {"errors": [...]}, the chapter's shape for failed
// validation in custom routes.
func invalid(res *response.Response, errs []string) error {
	return res.JSON(map[string]any{"errors": errs}, http.StatusBadRequest)
}

// saveNew validates m and saves it, answering 400 {"errors": [...]} with
// the chapter's messages, or 201 {key: record}: the end of every create
// route of the chapter.
func saveNew[T any](req *router.Request, res *response.Response, key string, m *T) error {
	if errs := orm.Validate(m); errs != nil {
		return invalid(res, errs)
	}
	if err := orm.Save(req.Context(), m); err != nil {
		return err
	}
	return res.JSON(map[string]any{key: m}, http.StatusCreated) // the model as AutoCrud writes it
}

// dicts converts rows to maps keyed by column, for answers that add keys.
func dicts[T any](rows []T, fields ...string) ([]map[string]any, error) {
	out := make([]map[string]any, len(rows))
	for i := range rows {
		d, err := orm.ToDict(&rows[i], fields...)
		if err != nil {
			return nil, err
		}
		out[i] = d
	}
	return out, nil
}
