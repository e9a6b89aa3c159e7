package routes

import (
	"net/http"

	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/response"
)

// invalid answers 400 {"errors": [...]}, the chapter's shape for failed
// validation in custom routes.
func invalid(res *response.Response, errs []string) error {
	return res.JSON(map[string]any{"errors": errs}, http.StatusBadRequest)
}

// notFound answers 404 {"error": msg}.
func notFound(res *response.Response, msg string) error {
	return res.JSON(map[string]string{"error": msg}, http.StatusNotFound)
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
