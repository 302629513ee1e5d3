package bot

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/answer"
	"ordinancebot/bot/httpapi"
	fd "ordinancebot/internal/fakediscord"
	"ordinancebot/internal/testengine"
	"ordinancebot/pins/boltstore"
)

// startHTTPBot runs the bot as an HTTP-only replica against a fake
// Discord and serves its interactions endpoint on loopback.
func startHTTPBot(t testing.TB, f *fd.Server, configure ...func(*Config)) (*Bot, string) {
	t.Helper()
	store, err := boltstore.Open(filepath.Join(t.TempDir(), "pins.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	cfg := Config{Token: fd.Token, APIURL: f.URL(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Store: store, NoGateway: true, HTTPInteractions: true}
	for _, c := range configure {
		c(&cfg)
	}
	b, err := New(cfg, answer.Engine{Engine: testengine.Get(t)})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := b.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b, serveInteractions(t, b, cfg.Logger)
}

func TestHTTPModeEndToEnd(t *testing.T) {
	f := fd.New(t)
	_, base := startHTTPBot(t, f)
	endpoint := base + httpapi.Path
	// No READY without a gateway: the application id comes over REST,
	// then the same bulk overwrite registers the commands.
	if r := f.Next(t); r.Method != "GET" || r.Path != "/applications/@me" {
		t.Fatalf("first request %s %s, want GET /applications/@me", r.Method, r.Path)
	}
	if r := f.Next(t); r.Method != "PUT" || r.Path != "/applications/"+fd.AppID+"/commands" {
		t.Fatalf("second request %s %s, want the command overwrite", r.Method, r.Path)
	}
	resp, err := http.Get(base + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", resp, err)
	}
	resp.Body.Close()

	t.Run("ping", func(t *testing.T) {
		code, body := f.PostInteraction(t, endpoint, map[string]any{"type": 1, "id": "1", "application_id": fd.AppID, "token": "t", "version": 1})
		if code != 200 || body["type"].(float64) != 1 {
			t.Fatalf("ping: %d %v", code, body)
		}
	})

	t.Run("ask answers in the HTTP body", func(t *testing.T) {
		start := time.Now()
		code, body := f.PostInteraction(t, endpoint, askIC("can the police ask about my immigration status?"))
		if code != 200 || body["type"].(float64) != 4 {
			t.Fatalf("ask: %d %v", code, body)
		}
		if took := time.Since(start); took > time.Second {
			t.Fatalf("first response took %v", took)
		}
		embeds := body["data"].(map[string]any)["embeds"].([]any)
		if len(embeds) == 0 || !strings.Contains(mustString(embeds[0].(map[string]any)["title"]), "immigration") {
			t.Fatalf("embed: %v", embeds)
		}
	})

	t.Run("autocomplete", func(t *testing.T) {
		_, body := f.PostInteraction(t, endpoint, interaction(4, map[string]any{
			"id": "90", "name": "ask", "type": 1,
			"options": []any{map[string]any{"name": "question", "type": 3, "value": "ice at scho", "focused": true}},
		}))
		if body["type"].(float64) != 8 || len(body["data"].(map[string]any)["choices"].([]any)) < 2 {
			t.Fatalf("autocomplete: %v", body)
		}
	})

	t.Run("pin, then the pinned answer comes first", func(t *testing.T) {
		_, body := f.PostInteraction(t, endpoint, as(pinSub("add", strOpt(optQ, "is the sky green"), strOpt(optAnswer, "No, says the curated answer.")), discordgo.PermissionAdministrator))
		if !strings.Contains(mustString(body["data"].(map[string]any)["content"]), "Pinned p1") {
			t.Fatalf("pin add: %v", body)
		}
		_, body = f.PostInteraction(t, endpoint, askIC("is the sky green?"))
		if !strings.Contains(mustJSONString(body), "curated answer") {
			t.Fatalf("the pinned answer is not shown: %v", body)
		}
	})

	t.Run("deferred work continues over REST", func(t *testing.T) {
		_, ack := f.PostInteraction(t, endpoint, interaction(2, map[string]any{
			"id": "93", "name": "Answer with sources", "type": 3, "target_id": "801",
			"resolved": map[string]any{"messages": map[string]any{"801": map[string]any{
				"id": "801", "channel_id": fakeChannel, "content": "wat about ICE at schools",
				"author": map[string]any{"id": "701", "username": "newcomer"}, "timestamp": "2026-01-01T00:00:00Z",
			}}},
		}))
		if ack["type"].(float64) != 5 {
			t.Fatalf("want a deferral in the body: %v", ack)
		}
		reply := f.Next(t)
		if reply.Path != "/channels/"+fakeChannel+"/messages" {
			t.Fatalf("want the reply posted, got %s %s", reply.Method, reply.Path)
		}
		edit := f.Next(t)
		if edit.Method != "PATCH" || !strings.HasPrefix(edit.Path, "/webhooks/"+fd.AppID+"/tok/messages/@original") {
			t.Fatalf("want the deferred response edited over REST, got %s %s", edit.Method, edit.Path)
		}
	})

	t.Run("a forged interaction is refused", func(t *testing.T) {
		req, _ := http.NewRequest("POST", endpoint, strings.NewReader(`{"type":2}`))
		req.Header.Set("X-Signature-Ed25519", strings.Repeat("00", 64))
		req.Header.Set("X-Signature-Timestamp", "1")
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode != 401 {
			t.Fatalf("forged: %v %v", resp, err)
		}
		resp.Body.Close()
	})
}

// With the endpoint on and the gateway kept, one interaction delivered
// both ways is answered once.
func TestInteractionOnBothTransportsIsAnsweredOnce(t *testing.T) {
	f := fd.New(t)
	_, base := startHTTPBot(t, f, func(c *Config) { c.NoGateway = false })
	f.Next(t) // registration
	ic := askIC("what was the vote")
	ic["id"] = "777001"
	if code, body := f.PostInteraction(t, base+httpapi.Path, ic); code != 200 || body["type"].(float64) != 4 {
		t.Fatalf("over HTTP: %d %v", code, body)
	}
	f.Dispatch("INTERACTION_CREATE", ic)
	other := askIC("is it law yet")
	other["id"] = "777002"
	f.Dispatch("INTERACTION_CREATE", other)
	// The next callback is the other interaction's: 777001 was not
	// answered a second time over the gateway.
	if r := f.Next(t); r.Path != "/interactions/777002/tok/callback" {
		t.Fatalf("got %s %s, want only 777002's callback", r.Method, r.Path)
	}
}

func mustString(v any) string { s, _ := v.(string); return s }

func mustJSONString(v any) string { return string(mustJSON(v)) }

// "Pin as answer" behind a load balancer: the command reaches one replica
// and its form's submit another, sharing only the store. The form carries
// what the submit needs.
func TestPinAsAnswerAcrossReplicas(t *testing.T) {
	f := fd.New(t)
	shared, err := boltstore.Open(filepath.Join(t.TempDir(), "shared.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { shared.Close() })
	useShared := func(c *Config) { c.Store = shared }
	_, a := startHTTPBot(t, f, useShared)
	_, b := startHTTPBot(t, f, useShared)
	for range 4 { // each replica: GET /applications/@me, the command overwrite
		f.Next(t)
	}
	_, modal := f.PostInteraction(t, a+httpapi.Path, pinAsIC(map[string]any{
		"id": "860", "channel_id": fd.ChannelID, "content": "No: city staff may not ask about status. See `article-6`.",
		"author": map[string]any{"id": "701", "username": "mod"}, "timestamp": "2026-01-01T00:00:00Z",
		"referenced_message": map[string]any{"id": "859", "channel_id": fd.ChannelID, "content": "can city staff ask if im a citizen",
			"author": map[string]any{"id": "702", "username": "asker"}, "timestamp": "2026-01-01T00:00:00Z"},
	}))
	if modal["type"].(float64) != 9 {
		t.Fatalf("replica A: want the form, got %v", modal)
	}
	_, ack := f.PostInteraction(t, b+httpapi.Path, as(submitForm(t, modal, nil), modPerms))
	if ack["type"].(float64) != 5 {
		t.Fatalf("replica B: want a deferral, got %v", ack)
	}
	if r := f.Next(t); r.Method != "PUT" || !strings.HasSuffix(r.Path, "/pins/860") {
		t.Fatalf("want message 860 pinned, got %s %s", r.Method, r.Path)
	}
	if r := f.Next(t); !strings.Contains(string(r.Body), "Saved as p1") {
		t.Fatalf("confirmation: %s", r.Body)
	}
	p, err := shared.Get(t.Context(), fd.GuildID, "p1")
	if err != nil || p.Answer != "No: city staff may not ask about status. See `article-6`." ||
		len(p.Questions) != 1 || p.Questions[0] != "can city staff ask if im a citizen" || !strings.HasSuffix(p.MessageURL, "/860") {
		t.Fatalf("stored %+v, %v", p, err)
	}
}
