package tina4

import (
	"strings"

	"github.com/tina4stack/tina4-go/tina4/orm"
)

// ScaleConfig holds the settings for running beyond one database server
// (README: "Scaling out"). Config embeds it.
type ScaleConfig struct {
	// ReplicaURLs (DATABASE_REPLICA_URLS) is a comma-separated list of read
	// replicas of DATABASE_URL, same engine: reads outside transactions go
	// to them; see orm.WithReplicas. (A string keeps Config comparable.)
	ReplicaURLs string
	// Pooler (DATABASE_POOLER) names the connection pooler in front of
	// PostgreSQL: empty for none, or pgbouncer (transaction pooling); see
	// orm.WithPooler.
	Pooler string
	// TxRetry is how orm.Transaction retries a transaction the database
	// aborted: DATABASE_TX_ATTEMPTS (runs in all, default 5, 1 for none),
	// DATABASE_TX_RETRY_DELAY (first pause, default 10ms) and
	// DATABASE_TX_RETRY_MAX_DELAY (default 1s).
	TxRetry orm.RetryPolicy
}

// read fills s from the environment.
func (s *ScaleConfig) read(e *envReader) {
	e.str("DATABASE_REPLICA_URLS", &s.ReplicaURLs)
	e.str("DATABASE_POOLER", &s.Pooler)
	s.Pooler = strings.ToLower(strings.TrimSpace(s.Pooler))
	if s.Pooler == "none" {
		s.Pooler = ""
	}
	e.int("DATABASE_TX_ATTEMPTS", &s.TxRetry.Attempts, 1, 1000)
	e.dur("DATABASE_TX_RETRY_DELAY", &s.TxRetry.BaseDelay)
	e.dur("DATABASE_TX_RETRY_MAX_DELAY", &s.TxRetry.MaxDelay)
}

// options are the orm.Open options of s.
func (s ScaleConfig) options() []orm.Option {
	opts := []orm.Option{orm.WithRetry(s.TxRetry)}
	if s.Pooler != "" {
		opts = append(opts, orm.WithPooler(s.Pooler))
	}
	if urls := s.replicas(); len(urls) > 0 {
		opts = append(opts, orm.WithReplicas(urls...))
	}
	return opts
}

// replicas splits ReplicaURLs, dropping empty entries.
func (s ScaleConfig) replicas() []string {
	var out []string
	for _, u := range strings.Split(s.ReplicaURLs, ",") {
		if u = strings.TrimSpace(u); u != "" {
			out = append(out, u)
		}
	}
	return out
}
