// Package ops serves the bot's operational endpoints when METRICS_ADDR is
// set: /healthz (ready only when connected to Discord with the index
// loaded, and the corpus version) and Prometheus /metrics.
package ops

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics counts what the bot does; it implements bot.Observer.
type Metrics struct {
	reg        *prometheus.Registry
	questions  *prometheus.CounterVec
	pins       prometheus.Counter
	feedback   *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	reconnects prometheus.Counter
	throttled  *prometheus.CounterVec
	reloads    *prometheus.CounterVec
}

// NewMetrics registers the bot's metrics and the Go runtime's.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		questions: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ordinancebot_questions_total",
			Help: "Questions asked, by whether the bot had a relevant answer."}, []string{"answered"}),
		pins: prometheus.NewCounter(prometheus.CounterOpts{Name: "ordinancebot_pins_total",
			Help: "Answers pinned by moderators."}),
		feedback: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ordinancebot_feedback_total",
			Help: "Helpful / not helpful votes."}, []string{"helpful"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "ordinancebot_interaction_seconds",
			Help:    "Time from receiving an interaction to answering it (and its follow-up work).",
			Buckets: []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5}}, []string{"type"}),
		reconnects: prometheus.NewCounter(prometheus.CounterOpts{Name: "ordinancebot_gateway_reconnects_total",
			Help: "Gateway connections resumed after a drop."}),
		throttled: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ordinancebot_throttled_total",
			Help: "Requests refused by the per-user rate limit (ASK_COOLDOWN, ASK_BURST), by the path they came through."}, []string{"via"}),

		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ordinancebot_corpus_reloads_total",
			Help: "Reloads of CORPUS_DIR, by outcome: swapped, unchanged, failed (the previous documents kept)."}, []string{"outcome"}),
	}
	m.reg.MustRegister(m.questions, m.pins, m.feedback, m.latency, m.reconnects, m.throttled, m.reloads,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *Metrics) Question(answered bool) { m.questions.WithLabelValues(fmt.Sprint(answered)).Inc() }
func (m *Metrics) Pinned()                { m.pins.Inc() }
func (m *Metrics) Feedback(helpful bool)  { m.feedback.WithLabelValues(fmt.Sprint(helpful)).Inc() }
func (m *Metrics) Reconnected()           { m.reconnects.Inc() }
func (m *Metrics) Throttled(via string)   { m.throttled.WithLabelValues(via).Inc() }

// CorpusReload counts one reload of the corpus by its outcome.
func (m *Metrics) CorpusReload(outcome string) { m.reloads.WithLabelValues(outcome).Inc() }
func (m *Metrics) Interaction(kind string, took time.Duration) {
	m.latency.WithLabelValues(kind).Observe(took.Seconds())
}

// Server serves /healthz and /metrics.
type Server struct {
	srv *http.Server
	ln  net.Listener
}

// Corpus is what /healthz tells of the documents the bot answers from.
type Corpus struct {
	// Version is the documents' content hash (short hex): it changes when
	// a reload of CORPUS_DIR has been swapped in.
	Version   string      `json:"version"`
	AsOf      string      `json:"as_of"`
	Passages  int         `json:"passages"`
	Documents []CorpusDoc `json:"documents"`
	LoadedAt  time.Time   `json:"loaded_at"`
}

// CorpusDoc is one document's as-of date.
type CorpusDoc struct {
	ID   string `json:"id"`
	AsOf string `json:"as_of"`
}

// Health is what /healthz reports.
type Health struct {
	// Ready is whether the bot can answer (connected to Discord).
	Ready func() bool
	// Corpus, if set, is the corpus being answered from.
	Corpus func() Corpus
}

// Listen starts serving on addr. A bare port (":9090") is bound to
// loopback: metrics are not for the internet unless asked for.
func Listen(addr string, m *Metrics, ready func() bool) (*Server, error) {
	return ListenHealth(addr, m, Health{Ready: ready})
}

// ListenHealth is Listen with the corpus version in /healthz.
func ListenHealth(addr string, m *Metrics, h Health) (*Server, error) {
	if host, port, err := net.SplitHostPort(addr); err == nil && host == "" {
		addr = net.JoinHostPort("127.0.0.1", port)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on METRICS_ADDR %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", h.serve)
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}))
	s := &Server{srv: &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}, ln: ln}
	go s.srv.Serve(ln)
	return s, nil
}

// serve answers /healthz: the status code is the readiness check (200 or
// 503), as before; the body's first line stays "ok" or the reason, and
// the corpus version follows it, so checks that read the first line or
// the status keep working. Accept: application/json gets the same as JSON.
func (h Health) serve(w http.ResponseWriter, r *http.Request) {
	ready, status, line := h.Ready(), http.StatusOK, "ok"
	if !ready {
		status, line = http.StatusServiceUnavailable, "not ready: not connected to Discord"
	}
	var c *Corpus
	if h.Corpus != nil {
		v := h.Corpus()
		c = &v
	}
	w.Header().Set("Cache-Control", "no-store")
	if strings.Contains(r.Header.Get("Accept"), "application/json") {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(struct {
			Ready  bool    `json:"ready"`
			Status string  `json:"status"`
			Corpus *Corpus `json:"corpus,omitempty"`
		}{ready, line, c})
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	fmt.Fprintln(w, line)
	if c != nil {
		fmt.Fprintf(w, "corpus %s as of %s, %d passages, loaded %s\n", c.Version, c.AsOf, c.Passages, c.LoadedAt.UTC().Format(time.RFC3339))
		for _, d := range c.Documents {
			fmt.Fprintf(w, "document %s as of %s\n", d.ID, d.AsOf)
		}
	}
}

// Addr is where the server listens.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Close stops the server.
func (s *Server) Close(ctx context.Context) error {
	if err := s.srv.Shutdown(ctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("stop metrics server: %w", err)
	}
	return nil
}
