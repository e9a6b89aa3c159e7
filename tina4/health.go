package tina4

import (
	"context"
	"net/http"
	"time"

	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// healthBody is the answer of GET /health, for its documentation.
type healthBody struct {
	Status   string `json:"status"`
	Database string `json:"database,omitempty"`
}

// health answers GET /health: 200 {"status":"ok","database":"ok"} when the
// database answers a ping within two seconds, else 503 with "database":
// "unavailable".
func health(req *router.Request, res *response.Response) error {
	a := FromContext(req.Context())
	if a == nil {
		return res.JSON(healthBody{Status: "ok"}, http.StatusOK)
	}
	ctx, cancel := context.WithTimeout(req.Context(), 2*time.Second)
	defer cancel()
	if err := a.db.Ping(ctx); err != nil {
		a.log.ErrorContext(ctx, "tina4: health: database ping failed", "error", err)
		return res.JSON(healthBody{Status: "error", Database: "unavailable"}, http.StatusServiceUnavailable)
	}
	return res.JSON(healthBody{Status: "ok", Database: "ok"}, http.StatusOK)
}
