package openapi

// Option configures Build and Mount.
type Option func(*options)

type options struct {
	servers []Server
}

// WithServers sets the document's servers: the base URLs a client sends its
// requests to. Without it the document lists none, and OpenAPI tools take
// the host that served the document.
func WithServers(servers ...Server) Option {
	return func(o *options) { o.servers = append(o.servers, servers...) }
}

func applyOptions(opts []Option) options {
	var o options
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	return o
}
