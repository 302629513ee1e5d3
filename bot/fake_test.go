package bot

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"ordinancebot/answer"
	"ordinancebot/bot/httpapi"
	fd "ordinancebot/internal/fakediscord"
	"ordinancebot/internal/testengine"
)

// startBot runs the real session against a fake Discord, over the
// gateway.
func startBot(t *testing.T, configure ...func(*Config)) (*fd.Server, *Bot) {
	t.Helper()
	return gateway.start(t, configure...)
}

// transport is how the fake Discord delivers interactions: over the
// gateway, or signed and POSTed to the bot's interactions endpoint (HTTP
// mode). Messages (mentions, DMs) always come over the gateway, so an
// HTTP bot here is the replica that keeps it.
type transport struct {
	name string
	http bool
}

var (
	gateway     = transport{"gateway", false}
	httpMode    = transport{"http", true}
	transports  = []transport{gateway, httpMode}
	discardLogs = slog.New(slog.NewTextHandler(io.Discard, nil))
)

// eachTransport runs an end-to-end test once per transport, in parallel
// subtests: the tests mostly wait on loopback, so both fit in the time of
// one.
func eachTransport(t *testing.T, test func(t *testing.T, tr transport)) {
	for _, tr := range transports {
		t.Run(tr.name, func(t *testing.T) {
			t.Parallel()
			test(t, tr)
		})
	}
}

// start runs the real session against a fresh fake Discord that delivers
// interactions over tr.
func (tr transport) start(t *testing.T, configure ...func(*Config)) (*fd.Server, *Bot) {
	t.Helper()
	f := fd.New(t)
	cfg := Config{Token: fd.Token, APIURL: f.URL(), Logger: discardLogs, HTTPInteractions: tr.http}
	for _, c := range configure {
		c(&cfg)
	}
	b, err := New(cfg, answer.Engine{Engine: testengine.Get(t)})
	if err != nil {
		t.Fatal(err)
	}
	b.Session().ShouldReconnectOnError = false
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := b.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	if tr.http {
		f.DeliverInteractionsTo(serveInteractions(t, b, cfg.Logger) + httpapi.Path)
	}
	return f, b
}

// serveInteractions serves b's interactions endpoint on loopback until t
// ends and returns its base URL.
func serveInteractions(t testing.TB, b *Bot, log *slog.Logger) string {
	t.Helper()
	key, err := httpapi.ParsePublicKey(fd.PublicKeyHex())
	if err != nil {
		t.Fatal(err)
	}
	srv, err := httpapi.New(httpapi.Config{PublicKey: key, Handler: b.HandleHTTP, Ready: b.Connected, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Listen("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	// Registered after the bot's cleanup, so it runs first: no request
	// reaches a closed bot.
	t.Cleanup(func() { srv.Shutdown(context.Background()) })
	return "http://" + srv.Addr()
}

const (
	fakeAppID        = fd.AppID
	fakeGuildID      = fd.GuildID
	fakeChannel      = fd.ChannelID
	forbiddenChannel = fd.ForbiddenChannel
)

var (
	interaction = fd.Interaction
	decode      = fd.Decode
)

func TestEndToEndAgainstFakeDiscord(t *testing.T) { eachTransport(t, testEndToEnd) }

func testEndToEnd(t *testing.T, tr transport) {
	f, _ := tr.start(t)

	if f.Intents()&(1<<15) != 0 {
		t.Errorf("identified with intents %d, which include the privileged MESSAGE_CONTENT", f.Intents())
	}
	reg := f.Next(t)
	if reg.Method != "PUT" || reg.Path != "/applications/"+fakeAppID+"/commands" {
		t.Fatalf("first request %s %s, want the bulk command overwrite", reg.Method, reg.Path)
	}
	var cmds []map[string]any
	json.Unmarshal(reg.Body, &cmds)
	if len(cmds) != len(Commands()) || cmds[0]["name"] != "ask" {
		t.Fatalf("registered %d commands: %s", len(cmds), reg.Body)
	}

	t.Run("ask", func(t *testing.T) {
		f.Dispatch("INTERACTION_CREATE", interaction(2, map[string]any{
			"id": "90", "name": "ask", "type": 1,
			"options": []any{map[string]any{"name": "question", "type": 3, "value": "can the police ask about my immigration status? @everyone"}},
		}))
		r := f.Next(t)
		if !isCallback(r) {
			t.Fatalf("got %s %s", r.Method, r.Path)
		}
		body := decode(t, r.Body)
		data := body["data"].(map[string]any)
		if body["type"].(float64) != 4 {
			t.Fatalf("response type %v", body["type"])
		}
		am := data["allowed_mentions"].(map[string]any)
		if p, ok := am["parse"].([]any); !ok || len(p) != 0 {
			t.Fatalf("allowed_mentions %v, want parse []", am)
		}
		embed := data["embeds"].([]any)[0].(map[string]any)
		fields := embed["fields"].([]any)
		if len(fields) == 0 || !strings.Contains(embed["title"].(string), "@\u200beveryone") {
			t.Fatalf("embed %v", embed)
		}
		if !strings.Contains(string(r.Body), "**") || !strings.Contains(string(r.Body), "](https://") {
			t.Fatalf("want bold matches and a linked citation: %s", r.Body)
		}
		if data["components"] == nil {
			t.Fatal("no buttons")
		}
	})

	t.Run("autocomplete", func(t *testing.T) {
		f.Dispatch("INTERACTION_CREATE", interaction(4, map[string]any{
			"id": "90", "name": "ask", "type": 1,
			"options": []any{map[string]any{"name": "question", "type": 3, "value": "ice at scho", "focused": true}},
		}))
		body := decode(t, f.Next(t).Body)
		choices := body["data"].(map[string]any)["choices"].([]any)
		if body["type"].(float64) != 8 || len(choices) < 2 || len(choices) > 25 {
			t.Fatalf("autocomplete: %v", body)
		}
		// A real question first, never the fragment typed (issue 14,
		// item 13): the fragment answers nothing, and comes last.
		if !strings.Contains(strings.ToLower(choices[0].(map[string]any)["name"].(string)), "school") {
			t.Errorf("first suggestion for %q: %v", "ice at scho", choices)
		}
		if last := choices[len(choices)-1].(map[string]any)["name"]; last != "ice at scho" {
			t.Errorf("the fragment typed should be the last choice, got %v", last)
		}
	})

	t.Run("mention", func(t *testing.T) {
		f.Dispatch("MESSAGE_CREATE", map[string]any{
			"id": "800", "channel_id": fakeChannel, "guild_id": fakeGuildID, "content": "<@200> will the city help ICE? <@&55>",
			"author":    map[string]any{"id": "700", "username": "asker"},
			"mentions":  []any{map[string]any{"id": fakeAppID, "username": "ordinancebot", "bot": true}},
			"timestamp": "2026-01-01T00:00:00Z",
		})
		r := f.Next(t)
		if r.Method != "POST" || r.Path != "/channels/"+fakeChannel+"/messages" {
			t.Fatalf("got %s %s", r.Method, r.Path)
		}
		body := decode(t, r.Body)
		ref := body["message_reference"].(map[string]any)
		if ref["message_id"] != "800" {
			t.Fatalf("reply reference %v", ref)
		}
		if p, ok := body["allowed_mentions"].(map[string]any)["parse"].([]any); !ok || len(p) != 0 {
			t.Fatalf("allowed_mentions %v", body["allowed_mentions"])
		}
		if strings.Contains(string(r.Body), "<@&55>") {
			t.Fatal("role mention echoed unescaped")
		}
	})

	t.Run("source and about", func(t *testing.T) {
		f.Dispatch("INTERACTION_CREATE", interaction(2, map[string]any{
			"id": "91", "name": "source", "type": 1,
			"options": []any{map[string]any{"name": "id", "type": 3, "value": "article-6"}},
		}))
		if b := string(f.Next(t).Body); !strings.Contains(b, "inquire about a person’s immigration status") {
			t.Fatalf("source: %s", b)
		}
		f.Dispatch("INTERACTION_CREATE", interaction(2, map[string]any{"id": "92", "name": "about", "type": 1}))
		if b := string(f.Next(t).Body); !strings.Contains(b, "California Insider") {
			t.Fatalf("about: %s", b)
		}
	})

	t.Run("answer with sources", func(t *testing.T) {
		f.Dispatch("INTERACTION_CREATE", interaction(2, map[string]any{
			"id": "93", "name": "Answer with sources", "type": 3, "target_id": "801",
			"resolved": map[string]any{"messages": map[string]any{"801": map[string]any{
				"id": "801", "channel_id": fakeChannel, "content": "wat about ICE at schools",
				"author": map[string]any{"id": "701", "username": "newcomer"}, "timestamp": "2026-01-01T00:00:00Z",
			}}},
		}))
		ack := decode(t, f.Next(t).Body)
		if ack["type"].(float64) != 5 || ack["data"].(map[string]any)["flags"].(float64) != 64 {
			t.Fatalf("want a private deferral first: %v", ack)
		}
		reply := f.Next(t)
		if reply.Path != "/channels/"+fakeChannel+"/messages" || decode(t, reply.Body)["message_reference"].(map[string]any)["message_id"] != "801" {
			t.Fatalf("want a reply to message 801, got %s %s", reply.Path, reply.Body)
		}
		if !strings.Contains(strings.ToLower(string(reply.Body)), "school") {
			t.Errorf("answer to the school question does not mention schools: %.300s", reply.Body)
		}
		edit := f.Next(t)
		if edit.Method != "PATCH" || !strings.Contains(string(edit.Body), "Posted the cited answer") {
			t.Fatalf("want the deferred response edited with a confirmation, got %s %s %s", edit.Method, edit.Path, edit.Body)
		}
	})

	t.Run("answer with sources where the bot may not post", func(t *testing.T) {
		ic := interaction(2, map[string]any{
			"id": "94", "name": "Answer with sources", "type": 3, "target_id": "802",
			"resolved": map[string]any{"messages": map[string]any{"802": map[string]any{
				"id": "802", "channel_id": forbiddenChannel, "content": "is it law yet",
				"author": map[string]any{"id": "701", "username": "newcomer"}, "timestamp": "2026-01-01T00:00:00Z",
			}}},
		})
		ic["channel_id"] = forbiddenChannel
		f.Dispatch("INTERACTION_CREATE", ic)
		f.Next(t) // deferral
		if r := f.Next(t); !strings.HasPrefix(r.Path, "/channels/"+forbiddenChannel) {
			t.Fatalf("want the refused post, got %s", r.Path)
		}
		edit := f.Next(t)
		if edit.Method != "PATCH" || !strings.Contains(string(edit.Body), "couldn't post") || !strings.Contains(string(edit.Body), `"embeds"`) {
			t.Fatalf("want the answer in the private response: %s", edit.Body)
		}
	})

	t.Run("messages: ignored unless mentioned, answered in DMs", func(t *testing.T) {
		f.Dispatch("MESSAGE_CREATE", map[string]any{
			"id": "810", "channel_id": fakeChannel, "guild_id": fakeGuildID, "content": "chatting about ICE, not to the bot",
			"author": map[string]any{"id": "700", "username": "asker"}, "timestamp": "2026-01-01T00:00:00Z",
		})
		f.Dispatch("MESSAGE_CREATE", map[string]any{
			"id": "811", "channel_id": "410", "content": "<@200> what was the vote",
			"author":   map[string]any{"id": "900", "username": "otherbot", "bot": true},
			"mentions": []any{map[string]any{"id": fakeAppID, "username": "ordinancebot", "bot": true}}, "timestamp": "2026-01-01T00:00:00Z",
		})
		f.Dispatch("MESSAGE_CREATE", map[string]any{
			"id": "812", "channel_id": "420", "content": "when was it signed",
			"author": map[string]any{"id": "700", "username": "asker"}, "timestamp": "2026-01-01T00:00:00Z",
		})
		r := f.Next(t)
		if r.Path != "/channels/420/messages" || !strings.Contains(string(r.Body), "signed") {
			t.Fatalf("the first thing sent should be the DM reply, got %s %.200s", r.Path, r.Body)
		}
	})

	t.Run("unknown command and hostile question", func(t *testing.T) {
		f.Dispatch("INTERACTION_CREATE", interaction(2, map[string]any{"id": "95", "name": "gone", "type": 1}))
		body := decode(t, f.Next(t).Body)
		if body["data"].(map[string]any)["flags"].(float64) != 64 {
			t.Fatalf("errors should be private: %v", body)
		}
		long := strings.Repeat("**@everyone** [x](https://example.com) ```ICE``` \u202e ", 120)
		f.Dispatch("INTERACTION_CREATE", interaction(2, map[string]any{
			"id": "96", "name": "ask", "type": 1,
			"options": []any{map[string]any{"name": "question", "type": 3, "value": long}},
		}))
		// What members see: content and embeds. Buttons' custom ids carry
		// the question back to the bot and are never rendered.
		data := decode(t, f.Next(t).Body)["data"].(map[string]any)
		delete(data, "components")
		shown, _ := json.Marshal(data)
		if b := string(shown); strings.Contains(b, "@everyone") || strings.Contains(b, "[x](https://example.com)") {
			t.Fatalf("echoed text not neutralised: %.300s", b)
		}
	})

	t.Run("more results button", func(t *testing.T) {
		f.Dispatch("INTERACTION_CREATE", interaction(3, map[string]any{
			"custom_id": moreID(3, "will the city help ICE"), "component_type": 2,
		}))
		body := decode(t, f.Next(t).Body)
		embed := body["data"].(map[string]any)["embeds"].([]any)[0].(map[string]any)
		first := embed["fields"].([]any)[0].(map[string]any)["name"].(string)
		if !strings.HasPrefix(first, "4. ") {
			t.Fatalf("second page starts with %q, want rank 4", first)
		}
	})
}

// isCallback reports whether r is an interaction response: the callback
// over REST, or the body of the HTTP response, recorded as one.
func isCallback(r fd.Request) bool {
	return r.Method == "POST" && strings.HasPrefix(r.Path, "/interactions/") && strings.HasSuffix(r.Path, "/tok/callback")
}
