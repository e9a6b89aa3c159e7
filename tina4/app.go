package tina4

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strconv"

	"github.com/tina4stack/tina4-go/tina4/crud"
	"github.com/tina4stack/tina4-go/tina4/orm"
	"github.com/tina4stack/tina4-go/tina4/response"
	"github.com/tina4stack/tina4-go/tina4/router"
)

// App is a configured Tina4 application: its settings, its database and its
// router, ready to serve.
type App struct {
	cfg     Config
	db      *orm.DB
	router  *router.Router
	log     *slog.Logger
	logBuf  *logBuffer // the default logger's buffer, flushed on Close; nil with Config.Logger
	handler http.Handler
	// respSettings are the App's debug mode and logger, carried by every
	// request's context (see withApp): not the process's, so two Apps in
	// one process answer and log each by its own.
	respSettings response.Settings
}

// New opens cfg.DatabaseURL and makes it the ORM's default database, brings
// the schema to the models (see prepareSchema: the missing model tables,
// the pending migrations of cfg.MigrationsDir, then the drift check, which
// refuses to start on a difference it may not fix by itself), mounts
// AutoCrud under cfg.CrudPrefix for the models not mounted yet, and adds GET
// /health, unless the router already has one. AutoCrud routes are fallbacks,
// so the app's own routes win whether they were registered before or after.
// It sets the router's Auth from cfg.Secret and cfg.APIKey (see setupAuth)
// and wraps the router in the header size limit and, when configured, CORS.
// With cfg.Swagger or cfg.Debug it then serves the OpenAPI document of those
// routes and Swagger UI at /swagger (see package openapi); else /swagger is
// a 404.
func New(cfg Config) (_ *App, err error) {
	if cfg.DatabaseURL == "" {
		cfg.DatabaseURL = orm.DefaultURL
	}
	corsMW, err := corsMiddleware(cfg)
	if err != nil {
		return nil, err
	}
	a := &App{cfg: cfg, router: cfg.Router, log: cfg.Logger}
	if a.router == nil {
		a.router = router.Default()
	}
	if a.log == nil {
		a.log, a.logBuf = bufferedLogger(os.Stderr)
		defer func() { // a failed start still shows what it logged
			if err != nil {
				a.logBuf.Flush()
			}
		}()
	}
	a.respSettings = response.Settings{Debug: cfg.Debug, Logger: a.log}
	applyModelOptions(cfg)
	db, err := openDB(cfg, a.log)
	if err != nil {
		return nil, err
	}
	a.db = db
	ctx := orm.WithDB(context.Background(), db)
	if err := a.prepareSchema(ctx); err != nil {
		db.Close()
		return nil, err
	}
	orm.SetDefault(db)

	a.router.MaxBodyBytes = cfg.MaxBodyBytes
	if a.router.JSONEncoder == nil { // res.JSON(model) answers as AutoCrud does
		a.router.JSONEncoder = response.EncoderFunc(orm.AppendValueJSON)
	}
	if cfg.AutoCrud {
		copts := []crud.Option{crud.WithAccess(cfg.CrudAccess), crud.WithQueryLimits(cfg.CrudQueryLimits)}
		if cfg.CrudDefaultLimit > 0 && cfg.CrudMaxLimit >= cfg.CrudDefaultLimit {
			copts = append(copts, crud.WithLimits(cfg.CrudDefaultLimit, cfg.CrudMaxLimit))
		}
		for _, m := range crud.Discover(a.router, cfg.CrudPrefix, copts...) {
			a.log.Debug("tina4: AutoCrud", "table", m.Table(), "prefix", cfg.CrudPrefix)
		}
	}
	warnShadowedRoutes(a.router, a.log)
	if !hasRoute(a.router, http.MethodGet, "/health") {
		a.router.Get("/health", health, router.Fallback(), router.Public(), router.Describe("Health check", "health"),
			router.Returns(200, healthBody{}), router.Returns(503, healthBody{}, "The database does not answer."))
	}
	if cfg.Swagger || cfg.Debug {
		if err := a.mountSwagger(); err != nil {
			db.Close()
			return nil, err
		}
	}
	a.setupAuth()
	h := a.withApp()
	if corsMW != nil {
		h = corsMW(h)
	}
	a.handler = logRequests(a.log, cfg.AccessLog, cfg.SlowRequest)(limitHeaders(cfg.MaxHeaderBytes)(h))
	return a, nil
}

// Handler returns the App as an http.Handler: the router, with every
// request's context carrying the App's database, and a log line per request.
func (a *App) Handler() http.Handler { return a.handler }

// DB returns the App's database.
func (a *App) DB() *orm.DB { return a.db }

// Router returns the App's router.
func (a *App) Router() *router.Router { return a.router }

// Config returns the App's settings.
func (a *App) Config() Config { return a.cfg }

// Addr returns the address Serve listens on, HOST:PORT.
func (a *App) Addr() string { return net.JoinHostPort(a.cfg.Host, strconv.Itoa(a.cfg.Port)) }

// Close closes the database and writes out the log lines still buffered.
// If the database is the ORM's default, the default is cleared.
func (a *App) Close() error {
	if a.logBuf != nil {
		a.logBuf.Flush()
	}
	if orm.Default() == a.db {
		orm.SetDefault(nil)
	}
	return a.db.Close()
}

type appKey struct{}

// withApp puts the App, its database and its response settings (debug mode,
// logger) into every request's context, so that two Apps in one process
// each use their own.
func (a *App) withApp() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := response.WithSettings(orm.WithDB(r.Context(), a.db), a.respSettings)
		a.router.ServeContext(w, r, &appCtx{Context: ctx, a: a}) // one copy of the request, the router's
	})
}

// appCtx is the context withApp gives each request: the App, without a
// context.WithValue of its own.
type appCtx struct {
	context.Context
	a *App
}

// Value answers appKey with the App and asks the parent for any other key.
func (c *appCtx) Value(key any) any {
	if _, ok := key.(appKey); ok {
		return c.a
	}
	return c.Context.Value(key)
}

// FromContext returns the App serving the request whose context is ctx, or
// nil.
func FromContext(ctx context.Context) *App {
	a, _ := ctx.Value(appKey{}).(*App)
	return a
}

func hasRoute(r *router.Router, method, pattern string) bool {
	for _, rt := range r.Routes() {
		if rt.Pattern != pattern {
			continue
		}
		for _, m := range rt.Methods {
			if m == method {
				return true
			}
		}
	}
	return false
}
