// Package httpapi is Discord's "Interactions Endpoint URL" transport: Discord
// POSTs each interaction, signed with the application's Ed25519 key, and the
// response goes back in the HTTP body. It lets several stateless replicas
// behind a load balancer answer interactions with no gateway connection.
//
// Nothing is acted on before the signature is verified. Bodies are bounded,
// stale timestamps are refused (a captured request cannot be replayed later),
// and no body, however malformed, panics the process.
package httpapi

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Path is where Discord POSTs interactions; /healthz is beside it.
const Path = "/interactions"

// Limits. Discord's own interaction payloads are a few KiB; resolved data
// for a large message stays far below 1 MiB.
const (
	MaxBody = 1 << 20
	// MaxSkew is how far a request's timestamp may be from our clock.
	MaxSkew = 5 * time.Minute
	// Deadline is how long the handler has: Discord waits 3 s for the
	// response, and the network takes some of that.
	Deadline = 2500 * time.Millisecond
)

// Handler decides the response to one verified interaction. after, if not
// nil, runs once the response has been written (sent reports whether it
// was), in its own goroutine with a context that outlives the request:
// deferred work continues over REST (the webhook edit) from there.
type Handler func(ctx context.Context, i *discordgo.Interaction) (resp *discordgo.InteractionResponse, after func(ctx context.Context, sent bool))

// Server serves /interactions and /healthz.
type Server struct {
	key     ed25519.PublicKey
	handle  Handler
	log     *slog.Logger
	now     func() time.Time
	serving atomic.Bool
	ready   func() bool
	srv     *http.Server
	ln      net.Listener
}

// Config configures a Server.
type Config struct {
	PublicKey ed25519.PublicKey
	Handler   Handler
	Logger    *slog.Logger
	// Ready, if set, must also hold for /healthz to say ready (the
	// commands registered, not shutting down).
	Ready func() bool
	// Now is the clock; nil is time.Now.
	Now func() time.Time
}

// ParsePublicKey reads the hex public key the Developer Portal shows.
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	b, err := hex.DecodeString(strings.TrimSpace(s))
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, errors.New("DISCORD_PUBLIC_KEY is not a 64-character hex Ed25519 key (Developer Portal → General Information → Public Key)")
	}
	return ed25519.PublicKey(b), nil
}

// New makes a server; Listen starts it.
func New(cfg Config) (*Server, error) {
	// ed25519.Verify panics on a key of the wrong size: refuse it here.
	if len(cfg.PublicKey) != ed25519.PublicKeySize {
		return nil, errors.New("interactions endpoint: the public key must be 32 bytes")
	}
	if cfg.Handler == nil {
		return nil, errors.New("interactions endpoint: no handler")
	}
	s := &Server{key: cfg.PublicKey, handle: cfg.Handler, log: cfg.Logger, now: cfg.Now, ready: cfg.Ready}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	return s, nil
}

// ServeHTTP routes /interactions and /healthz.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case Path:
		s.interactions(w, r)
	case "/healthz":
		if !s.serving.Load() || (s.ready != nil && !s.ready()) {
			http.Error(w, "not ready", http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, "ok\n")
	default:
		http.NotFound(w, r)
	}
}

func (s *Server) interactions(w http.ResponseWriter, r *http.Request) {
	defer func() {
		// Nothing a request carries may take the process down.
		if v := recover(); v != nil {
			s.log.Error("interaction endpoint panic", "panic", v, "stack", string(debug.Stack()))
			http.Error(w, "internal error", http.StatusInternalServerError)
		}
	}()
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	sig, ts := r.Header.Get("X-Signature-Ed25519"), r.Header.Get("X-Signature-Timestamp")
	if sig == "" || ts == "" {
		http.Error(w, "missing signature", http.StatusUnauthorized)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "could not read body", http.StatusBadRequest)
		return
	}
	// discordgo's check reads the body itself: hand it the bounded copy.
	r.Body = io.NopCloser(bytes.NewReader(body))
	if !discordgo.VerifyInteraction(r, s.key) {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	// The timestamp is signed, so it is Discord's; an old one is a replay.
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		http.Error(w, "bad timestamp", http.StatusUnauthorized)
		return
	}
	if d := s.now().Sub(time.Unix(sec, 0)); d > MaxSkew || d < -MaxSkew {
		http.Error(w, "stale timestamp", http.StatusUnauthorized)
		return
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		http.Error(w, "not an interaction", http.StatusBadRequest)
		return
	}
	if i.Type == discordgo.InteractionPing {
		writeJSON(w, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), Deadline)
	resp, after := s.handle(ctx, &i)
	cancel()
	sent := false
	switch {
	case resp == nil && i.Type == discordgo.InteractionApplicationCommandAutocomplete:
		// Autocomplete with nothing to offer (e.g. shutting down). Written
		// by hand: discordgo drops an empty choices list, which Discord
		// needs.
		sent = writeJSON(w, json.RawMessage(`{"type":8,"data":{"choices":[]}}`)) == nil
	case resp == nil:
		http.Error(w, "no response", http.StatusInternalServerError)
	default:
		sent = writeJSON(w, resp) == nil
		if !sent {
			s.log.Warn("interaction response not delivered", "type", i.Type.String())
		}
	}
	if after != nil {
		// The response must reach Discord before any follow-up edits it,
		// and the follow-up must not die with the request.
		if f, ok := w.(http.Flusher); ok && sent {
			f.Flush()
		}
		go after(context.WithoutCancel(r.Context()), sent)
	}
}

func writeJSON(w http.ResponseWriter, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "could not encode the response", http.StatusInternalServerError)
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	_, err = w.Write(b)
	return err
}

// Listen binds addr and serves in the background; Addr says where.
func (s *Server) Listen(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("INTERACTIONS_ADDR %s: %w", addr, err)
	}
	s.ln = ln
	// Timeouts: a client that trickles headers or a body, or never reads
	// the response, cannot hold a connection for long.
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 10 * time.Second, IdleTimeout: 90 * time.Second, MaxHeaderBytes: 32 << 10,
		ErrorLog: slog.NewLogLogger(s.log.Handler(), slog.LevelWarn)}
	s.serving.Store(true)
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.serving.Store(false)
			s.log.Error("interactions endpoint stopped", "err", err)
		}
	}()
	return nil
}

// Addr is the address the server listens on.
func (s *Server) Addr() string {
	if s.ln == nil {
		return ""
	}
	return s.ln.Addr().String()
}

// Shutdown stops taking requests and waits for those being answered.
func (s *Server) Shutdown(ctx context.Context) error {
	s.serving.Store(false)
	if s.srv == nil {
		return nil
	}
	if err := s.srv.Shutdown(ctx); err != nil {
		return fmt.Errorf("stop interactions endpoint: %w", err)
	}
	return nil
}
