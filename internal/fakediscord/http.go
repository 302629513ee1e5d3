package fakediscord

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// The application's signing key. Discord signs every interaction it POSTs
// to the Interactions Endpoint URL; the bot is given the public half
// (DISCORD_PUBLIC_KEY). Fixed, so a child process can be given it too.
var privateKey = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{0x5e}, ed25519.SeedSize))

// PublicKeyHex is DISCORD_PUBLIC_KEY for a bot talking to this fake.
func PublicKeyHex() string { return hex.EncodeToString(privateKey.Public().(ed25519.PublicKey)) }

// Sign returns the X-Signature-Ed25519 and X-Signature-Timestamp headers
// Discord would send with body at time at.
func Sign(body []byte, at time.Time) (signature, timestamp string) {
	timestamp = strconv.FormatInt(at.Unix(), 10)
	return hex.EncodeToString(ed25519.Sign(privateKey, append([]byte(timestamp), body...))), timestamp
}

var interactionIDs atomic.Int64

func init() { interactionIDs.Store(1_000_000) }

// PostInteraction signs ic and POSTs it to endpoint (the bot's
// .../interactions URL), as Discord does in HTTP mode. It gives ic a fresh
// id unless the caller set one other than Interaction's "500", checks a
// 200 body against the spec like a gateway callback, and returns the
// status and the decoded body. The response is not among Requests: the
// follow-ups it starts may reach the fake before PostInteraction returns.
func (f *Server) PostInteraction(t testing.TB, endpoint string, ic map[string]any) (int, map[string]any) {
	t.Helper()
	code, body, err := f.TryPostInteraction(endpoint, ic)
	if err != nil {
		t.Fatal(err)
	}
	return code, body
}

// TryPostInteraction is PostInteraction returning its errors, for
// goroutines and for bots that may be gone (a killed replica).
func (f *Server) TryPostInteraction(endpoint string, ic map[string]any) (int, map[string]any, error) {
	code, _, m, err := f.postInteraction(endpoint, ic)
	return code, m, err
}

// postInteraction is TryPostInteraction also returning the raw body.
func (f *Server) postInteraction(endpoint string, ic map[string]any) (int, []byte, map[string]any, error) {
	id, _ := ic["id"].(string)
	if id == "" || id == "500" {
		id = strconv.FormatInt(interactionIDs.Add(1), 10)
		ic["id"] = id
	}
	body, err := json.Marshal(ic)
	if err != nil {
		return 0, nil, nil, err
	}
	sig, ts := Sign(body, time.Now())
	req, err := http.NewRequest("POST", endpoint, bytes.NewReader(body))
	if err != nil {
		return 0, nil, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Ed25519", sig)
	req.Header.Set("X-Signature-Timestamp", ts)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, nil, fmt.Errorf("POST interaction: %w", err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, nil, nil, fmt.Errorf("read interaction response: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode, out, map[string]any{"error": string(out)}, nil
	}
	var m map[string]any
	if err := json.Unmarshal(out, &m); err != nil {
		return resp.StatusCode, out, nil, fmt.Errorf("interaction response is not JSON: %v\n%s", err, out)
	}
	// A PONG is the HTTP transport's own; the spec's callbacks are the rest.
	if typ, _ := ic["type"].(int); typ != 1 {
		tok, _ := ic["token"].(string)
		if probs := Validate("POST", fmt.Sprintf("/interactions/%s/%s/callback", id, tok), out); len(probs) > 0 {
			f.mu.Lock()
			f.problems = append(f.problems, probs...)
			f.mu.Unlock()
		}
	}
	return resp.StatusCode, out, m, nil
}
