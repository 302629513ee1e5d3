package httpapi

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

var (
	pub, priv, _ = ed25519.GenerateKey(bytes.NewReader(bytes.Repeat([]byte{7}, 64)))
	clock        = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
)

// sign returns Discord's headers for body at time at.
func sign(body []byte, at time.Time) (sig, ts string) {
	ts = strconv.FormatInt(at.Unix(), 10)
	return hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...))), ts
}

type calls struct {
	mu    sync.Mutex
	n     int
	after chan bool
}

func newServer(t *testing.T, c *calls) *Server {
	t.Helper()
	s, err := New(Config{PublicKey: pub, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return clock },
		Handler: func(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, func(context.Context, bool)) {
			c.mu.Lock()
			c.n++
			c.mu.Unlock()
			if _, ok := ctx.Deadline(); !ok {
				t.Error("the handler has no deadline")
			}
			if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
				return nil, nil
			}
			return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource},
				func(ctx context.Context, sent bool) {
					if ctx.Err() != nil {
						t.Error("the follow-up's context is already done")
					}
					c.after <- sent
				}
		}})
	if err != nil {
		t.Fatal(err)
	}
	s.serving.Store(true)
	return s
}

func TestInteractionsEndpoint(t *testing.T) {
	command := []byte(`{"id":"1","application_id":"2","type":2,"token":"tok","version":1,"data":{"id":"3","name":"ask","type":1}}`)
	signed := func(body []byte) func(*http.Request) {
		return func(r *http.Request) {
			sig, ts := sign(body, clock)
			r.Header.Set("X-Signature-Ed25519", sig)
			r.Header.Set("X-Signature-Timestamp", ts)
		}
	}
	big := append([]byte(`{"type":2,"x":"`), bytes.Repeat([]byte("a"), MaxBody)...)
	big = append(big, `"}`...)
	tests := []struct {
		name    string
		method  string
		body    []byte
		headers func(*http.Request)
		code    int
		want    string // in the response body
		handled bool
	}{
		{"ping", "POST", []byte(`{"type":1}`), signed([]byte(`{"type":1}`)), 200, `{"type":1}`, false},
		{"command", "POST", command, signed(command), 200, `{"type":5}`, true},
		{"autocomplete with nothing", "POST", []byte(`{"type":4,"data":{"name":"ask"}}`), signed([]byte(`{"type":4,"data":{"name":"ask"}}`)), 200, `"choices":[]`, true},
		{"no signature", "POST", command, func(*http.Request) {}, 401, "missing signature", false},
		{"no timestamp", "POST", command, func(r *http.Request) { sig, _ := sign(command, clock); r.Header.Set("X-Signature-Ed25519", sig) }, 401, "missing", false},
		{"signature of another body", "POST", command, signed([]byte(`{"type":1}`)), 401, "bad signature", false},
		{"signature not hex", "POST", command, func(r *http.Request) {
			r.Header.Set("X-Signature-Ed25519", "zz")
			r.Header.Set("X-Signature-Timestamp", "1")
		}, 401, "bad signature", false},
		{"timestamp changed after signing", "POST", command, func(r *http.Request) {
			sig, _ := sign(command, clock)
			r.Header.Set("X-Signature-Ed25519", sig)
			r.Header.Set("X-Signature-Timestamp", strconv.FormatInt(clock.Unix()+1, 10))
		}, 401, "bad signature", false},
		{"stale", "POST", command, func(r *http.Request) {
			sig, ts := sign(command, clock.Add(-MaxSkew-time.Second))
			r.Header.Set("X-Signature-Ed25519", sig)
			r.Header.Set("X-Signature-Timestamp", ts)
		}, 401, "stale", false},
		{"from the future", "POST", command, func(r *http.Request) {
			sig, ts := sign(command, clock.Add(MaxSkew+time.Second))
			r.Header.Set("X-Signature-Ed25519", sig)
			r.Header.Set("X-Signature-Timestamp", ts)
		}, 401, "stale", false},
		{"signed timestamp not a number", "POST", command, func(r *http.Request) {
			ts := "yesterday"
			r.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), command...))))
			r.Header.Set("X-Signature-Timestamp", ts)
		}, 401, "bad timestamp", false},
		{"oversized", "POST", big, signed(big), 413, "too large", false},
		{"signed garbage", "POST", []byte("\x00\xff{{"), signed([]byte("\x00\xff{{")), 400, "not an interaction", false},
		{"signed wrong shape", "POST", []byte(`{"type":"two","data":[1,2]}`), signed([]byte(`{"type":"two","data":[1,2]}`)), 400, "not an interaction", false},
		{"GET", "GET", nil, func(*http.Request) {}, 405, "POST only", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &calls{after: make(chan bool, 1)}
			s := newServer(t, c)
			r := httptest.NewRequest(tt.method, Path, bytes.NewReader(tt.body))
			tt.headers(r)
			w := httptest.NewRecorder()
			s.ServeHTTP(w, r)
			if w.Code != tt.code || !strings.Contains(w.Body.String(), tt.want) {
				t.Fatalf("got %d %q, want %d with %q", w.Code, w.Body.String(), tt.code, tt.want)
			}
			if (c.n > 0) != tt.handled {
				t.Fatalf("handler called %d times", c.n)
			}
			if tt.code == 200 && w.Header().Get("Content-Type") != "application/json" {
				t.Fatalf("content type %q", w.Header().Get("Content-Type"))
			}
			if tt.name == "command" {
				select {
				case sent := <-c.after:
					if !sent {
						t.Fatal("follow-up told the response was not sent")
					}
				case <-time.After(2 * time.Second):
					t.Fatal("no follow-up")
				}
			}
		})
	}
}

func TestHealthz(t *testing.T) {
	c := &calls{after: make(chan bool, 1)}
	s := newServer(t, c)
	get := func() int {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, httptest.NewRequest("GET", "/healthz", nil))
		return w.Code
	}
	if get() != 200 {
		t.Fatal("not ready while serving")
	}
	s.serving.Store(false)
	if get() != 503 {
		t.Fatal("ready while not serving")
	}
}

func TestParsePublicKey(t *testing.T) {
	if k, err := ParsePublicKey(" " + hex.EncodeToString(pub) + "\n"); err != nil || !bytes.Equal(k, pub) {
		t.Fatalf("%v", err)
	}
	for _, bad := range []string{"", "abc", hex.EncodeToString(pub)[:60], strings.Repeat("g", 64)} {
		if _, err := ParsePublicKey(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if _, err := New(Config{PublicKey: pub[:10], Handler: func(context.Context, *discordgo.Interaction) (*discordgo.InteractionResponse, func(context.Context, bool)) {
		return nil, nil
	}}); err == nil {
		t.Fatal("a short key was accepted")
	}
}

// FuzzSignedBodies: whatever a signed body holds, the endpoint answers
// with a status and never panics.
func FuzzSignedBodies(f *testing.F) {
	for _, s := range []string{`{"type":1}`, `{"type":2,"data":{"name":"ask","options":[{"name":"q","type":3,"value":1}]}}`,
		`{"type":3,"data":{"custom_id":"x","component_type":2}}`, `{"type":5,"data":{"components":[{"type":1,"components":[{"type":4}]}]}}`,
		`null`, `[]`, `{"type":2,"data":null}`, `{"member":{"user":null}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		c := &calls{after: make(chan bool, 1)}
		s := newServer(t, c)
		r := httptest.NewRequest("POST", Path, bytes.NewReader(body))
		sig, ts := sign(body, clock)
		r.Header.Set("X-Signature-Ed25519", sig)
		r.Header.Set("X-Signature-Timestamp", ts)
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code == 200 {
			var v map[string]any
			if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
				t.Fatalf("200 with a body that is not JSON: %q", w.Body.String())
			}
		}
	})
}
