package bot

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	fd "ordinancebot/internal/fakediscord"
	"ordinancebot/pins/boltstore"
)

const (
	modPerms  = int64(1 << 51) // PIN_MESSAGES
	modRoleID = "777"
)

// startModBot runs a bot with a pins store at path against its own fake,
// over the gateway.
func startModBot(t *testing.T, path string) (*fd.Server, *Bot, *boltstore.Store) {
	t.Helper()
	return gateway.startMod(t, path)
}

// startMod is startModBot over tr.
func (tr transport) startMod(t *testing.T, path string) (*fd.Server, *Bot, *boltstore.Store) {
	t.Helper()
	store, err := boltstore.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	// Registered before the bot's own cleanup, so it runs after the bot
	// has closed (cleanups run last-in first-out).
	t.Cleanup(func() { store.Close() })
	f, b := tr.start(t, func(c *Config) { c.Store, c.ModRoleIDs = store, []string{modRoleID} })
	f.Next(t) // command registration
	return f, b, store
}

// as makes an interaction from a member with the given permissions.
func as(ic map[string]any, perms int64, roles ...string) map[string]any {
	ic["member"] = fd.Member("701", perms, roles...)
	return ic
}

func askIC(q string) map[string]any {
	return fd.Interaction(2, map[string]any{"id": "90", "name": "ask", "type": 1,
		"options": []any{map[string]any{"name": "question", "type": 3, "value": q}}})
}

func buttonIC(customID, messageID, channelID string) map[string]any {
	ic := fd.Interaction(3, map[string]any{"custom_id": customID, "component_type": 2})
	ic["channel_id"] = channelID
	ic["message"] = map[string]any{"id": messageID, "channel_id": channelID, "content": "", "timestamp": "2026-01-01T00:00:00Z",
		"author": map[string]any{"id": fd.AppID, "username": "ordinancebot", "bot": true}}
	return ic
}

func modalIC(customID string, values map[string]string) map[string]any {
	var rows []any
	for k, v := range values {
		rows = append(rows, map[string]any{"type": 1, "components": []any{map[string]any{"type": 4, "custom_id": k, "value": v}}})
	}
	return fd.Interaction(5, map[string]any{"custom_id": customID, "components": rows})
}

// formValues are the text inputs of a modal response, by custom id, with
// the values it prefilled.
func formValues(t *testing.T, modal map[string]any) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, row := range modal["data"].(map[string]any)["components"].([]any) {
		for _, c := range row.(map[string]any)["components"].([]any) {
			in := c.(map[string]any)
			v, _ := in["value"].(string)
			out[in["custom_id"].(string)] = v
		}
	}
	return out
}

// submitForm is the modal submit Discord sends for modal: every input
// with its prefilled value, unless the moderator typed another (typed).
func submitForm(t *testing.T, modal map[string]any, typed map[string]string) map[string]any {
	t.Helper()
	values := formValues(t, modal)
	for k, v := range typed {
		values[k] = v
	}
	return modalIC(modal["data"].(map[string]any)["custom_id"].(string), values)
}

func pinSub(sub string, opts ...map[string]any) map[string]any {
	o := []any{}
	for _, x := range opts {
		o = append(o, x)
	}
	return fd.Interaction(2, map[string]any{"id": "91", "name": "pin", "type": 1,
		"options": []any{map[string]any{"name": sub, "type": 1, "options": o}}})
}

func strOpt(name, v string) map[string]any {
	return map[string]any{"name": name, "type": 3, "value": v}
}

func body(t *testing.T, r fd.Request) string {
	t.Helper()
	return string(r.Body)
}

func TestModeratorsPinAnswersThreeWays(t *testing.T) {
	eachTransport(t, testModeratorsPinAnswersThreeWays)
}

func testModeratorsPinAnswersThreeWays(t *testing.T, tr transport) {
	path := filepath.Join(t.TempDir(), "pins.db")
	f, _, store := tr.startMod(t, path)

	// An answer carries feedback and pin buttons in a server.
	f.Dispatch("INTERACTION_CREATE", askIC("can the police ask about my immigration status"))
	if b := body(t, f.Next(t)); !strings.Contains(b, `"custom_id":"pina:can the police ask about my immigration status"`) ||
		!strings.Contains(b, "Not helpful") {
		t.Fatalf("answer lacks pin/feedback buttons: %.400s", b)
	}

	t.Run("a member who cannot pin is refused and nothing is stored", func(t *testing.T) {
		f.Dispatch("INTERACTION_CREATE", as(buttonIC(idPinAnswer+"can the police ask about my immigration status", "850", fd.ChannelID), 0))
		r := fd.Decode(t, f.Next(t).Body)
		if r["data"].(map[string]any)["flags"].(float64) != 64 || !strings.Contains(r["data"].(map[string]any)["content"].(string), "Only moderators") {
			t.Fatalf("refusal: %v", r)
		}
		if ps, _ := store.List(t.Context(), fd.GuildID); len(ps) != 0 {
			t.Fatalf("a refused pin was stored: %v", ps)
		}
	})

	t.Run("1: Pin answer button", func(t *testing.T) {
		f.Dispatch("INTERACTION_CREATE", as(buttonIC(idPinAnswer+"can the police ask about my immigration status", "850", fd.ChannelID), modPerms))
		if r := fd.Decode(t, f.Next(t).Body); r["type"].(float64) != 5 {
			t.Fatalf("want a deferral, got %v", r)
		}
		if r := f.Next(t); r.Method != "PUT" || !strings.Contains(r.Path, "/pins/850") {
			t.Fatalf("want the message pinned, got %s %s", r.Method, r.Path)
		}
		if b := body(t, f.Next(t)); !strings.Contains(b, "Saved as p1") || !strings.Contains(b, "pinned in the channel") {
			t.Fatalf("confirmation: %s", b)
		}
		p, err := store.Get(t.Context(), fd.GuildID, "p1")
		if err != nil || len(p.Citations) == 0 || p.PinnedBy != "701" || !strings.HasSuffix(p.MessageURL, "/850") {
			t.Fatalf("stored pin %+v, %v", p, err)
		}
	})

	t.Run("a reworded question shows the pin first", func(t *testing.T) {
		f.Dispatch("INTERACTION_CREATE", askIC("can cops ask about immigration status?"))
		b := fd.Decode(t, f.Next(t).Body)
		embeds := b["data"].(map[string]any)["embeds"].([]any)
		if len(embeds) < 2 || !strings.Contains(embeds[0].(map[string]any)["title"].(string), "📌 Pinned by this server's moderators") {
			t.Fatalf("first embed: %v", embeds[0])
		}
		time.Sleep(100 * time.Millisecond) // the use is counted after the reply
		if p, _ := store.Get(t.Context(), fd.GuildID, "p1"); p.Uses != 1 {
			t.Errorf("uses %d, want 1", p.Uses)
		}
	})

	t.Run("2: Pin as answer on a moderator's message", func(t *testing.T) {
		ic := fd.Interaction(2, map[string]any{"id": "92", "name": "Pin as answer", "type": 3, "target_id": "860",
			"resolved": map[string]any{"messages": map[string]any{"860": map[string]any{
				"id": "860", "channel_id": fd.ChannelID, "content": "No: city staff may not ask about status. **Source:** article-6",
				"author": map[string]any{"id": "701", "username": "mod"}, "timestamp": "2026-01-01T00:00:00Z",
				"referenced_message": map[string]any{"id": "859", "channel_id": fd.ChannelID, "content": "can city staff ask if im a citizen",
					"author": map[string]any{"id": "702", "username": "asker"}, "timestamp": "2026-01-01T00:00:00Z"},
			}}},
		})
		f.Dispatch("INTERACTION_CREATE", as(ic, 0, modRoleID)) // a moderator by role
		modal := fd.Decode(t, f.Next(t).Body)
		data := modal["data"].(map[string]any)
		if modal["type"].(float64) != 9 || !strings.Contains(body(t, fd.Request{Body: mustJSON(data)}), "can city staff ask if im a citizen") {
			t.Fatalf("want a modal prefilled with the replied-to question: %v", modal)
		}
		if v := formValues(t, modal); v[inputAnswer] != "No: city staff may not ask about status. **Source:** article-6" {
			t.Fatalf("want the message text prefilled as the answer: %v", v)
		}
		f.Dispatch("INTERACTION_CREATE", as(submitForm(t, modal, map[string]string{
			inputQuestions: "can city staff ask if im a citizen\ndo city workers ask about papers"}), 0, modRoleID))
		f.Next(t) // deferral
		if r := f.Next(t); !strings.Contains(r.Path, "/pins/860") {
			t.Fatalf("want message 860 pinned, got %s", r.Path)
		}
		if b := body(t, f.Next(t)); !strings.Contains(b, "Saved as p2") {
			t.Fatalf("confirmation: %s", b)
		}
		if p, _ := store.Get(t.Context(), fd.GuildID, "p2"); len(p.Questions) != 2 || !strings.Contains(p.Answer, "city staff may not ask") {
			t.Fatalf("stored %+v", p)
		}
	})

	t.Run("3: /pin add, list, edit, remove", func(t *testing.T) {
		f.Dispatch("INTERACTION_CREATE", as(pinSub("add", strOpt("question", "is there a hotline?"), strOpt("answer", "Call **211** @everyone")), modPerms))
		if b := body(t, f.Next(t)); !strings.Contains(b, "Pinned p3") {
			t.Fatalf("add: %s", b)
		}
		f.Dispatch("INTERACTION_CREATE", as(pinSub("list"), modPerms))
		r := f.Next(t)
		if b := body(t, r); !strings.Contains(b, "Pinned answers (3)") || !strings.Contains(b, "p3") {
			t.Fatalf("list: %.500s", b)
		}
		// The answers are the moderators' markdown (p1 the bot's own, from
		// the button): shown as markdown, not escaped again (issue 14,
		// item 15), so bold is bold and "\[1, 2\]" reads "[1, 2]".
		for _, fl := range fd.Decode(t, r.Body)["data"].(map[string]any)["embeds"].([]any)[0].(map[string]any)["fields"].([]any) {
			v := fl.(map[string]any)["value"].(string)
			if strings.Contains(v, `\*`) || strings.Contains(v, `\\`) || strings.Contains(v, "@everyone") {
				t.Errorf("pin list shows escaped markdown or a live mention: %q", v)
			}
			if strings.HasPrefix(fl.(map[string]any)["name"].(string), "p1") && !strings.HasPrefix(v, "**") {
				t.Errorf("the button's pin should start with its bold label: %q", v)
			}
		}
		f.Dispatch("INTERACTION_CREATE", as(pinSub("edit", strOpt("id", "p3")), modPerms))
		modal := fd.Decode(t, f.Next(t).Body)
		if modal["type"].(float64) != 9 || !strings.Contains(string(mustJSON(modal)), "is there a hotline?") {
			t.Fatalf("edit modal: %v", modal)
		}
		f.Dispatch("INTERACTION_CREATE", as(modalIC(modalPinEdit+"p3", map[string]string{
			inputQuestions: "is there a hotline?\nwho do i call", inputAnswer: "Call 211."}), modPerms))
		if b := body(t, f.Next(t)); !strings.Contains(b, "Saved p3") {
			t.Fatalf("edit: %s", b)
		}
		if p, _ := store.Get(t.Context(), fd.GuildID, "p3"); p.Answer != "Call 211." || p.EditedBy != "701" {
			t.Fatalf("edited %+v", p)
		}
		f.Dispatch("INTERACTION_CREATE", as(pinSub("remove", strOpt("id", "p3")), modPerms))
		if b := body(t, f.Next(t)); !strings.Contains(b, "Removed p3") {
			t.Fatalf("remove: %s", b)
		}
		f.Dispatch("INTERACTION_CREATE", as(pinSub("add", strOpt("question", "x"), strOpt("answer", "y")), 0))
		if b := body(t, f.Next(t)); !strings.Contains(b, "Only moderators") {
			t.Fatalf("non-moderator /pin add: %s", b)
		}
	})

	t.Run("a pin is saved even when Discord refuses to pin the message", func(t *testing.T) {
		for _, ch := range []string{fd.ForbiddenChannel, fd.FullPinsChannel} {
			f.Dispatch("INTERACTION_CREATE", as(buttonIC(idPinAnswer+"what about administrative warrants", "870", ch), modPerms))
			f.Next(t) // deferral
			f.Next(t) // the refused pin
			b := body(t, f.Next(t))
			want := map[string]string{fd.ForbiddenChannel: "Pin Messages permission", fd.FullPinsChannel: "maximum number of pins"}[ch]
			if !strings.Contains(b, "could not pin") || !strings.Contains(b, want) || !strings.Contains(b, "saved all the same") {
				t.Fatalf("channel %s: %s", ch, b)
			}
		}
		if ps, _ := store.List(t.Context(), fd.GuildID); len(ps) != 4 {
			t.Fatalf("%d pins, want 4 (p1, p2, and the two refused by Discord)", len(ps))
		}
	})

	t.Run("another server never sees these pins", func(t *testing.T) {
		ic := askIC("can cops ask about immigration status?")
		ic["guild_id"] = "301"
		f.Dispatch("INTERACTION_CREATE", ic)
		if b := body(t, f.Next(t)); strings.Contains(b, "📌") {
			t.Fatal("guild 301 was shown guild 300's pin")
		}
	})

	t.Run("autocomplete offers pinned questions first", func(t *testing.T) {
		f.Dispatch("INTERACTION_CREATE", fd.Interaction(4, map[string]any{"id": "90", "name": "ask", "type": 1,
			"options": []any{map[string]any{"name": "question", "type": 3, "value": "city staff", "focused": true}}}))
		r := fd.Decode(t, f.Next(t).Body)
		choices := r["data"].(map[string]any)["choices"].([]any)
		if len(choices) == 0 || choices[0].(map[string]any)["name"] != "can city staff ask if im a citizen" {
			t.Fatalf("choices: %v", choices)
		}
	})
}

func TestPinsSurviveARestart(t *testing.T) { eachTransport(t, testPinsSurviveARestart) }

func testPinsSurviveARestart(t *testing.T, tr transport) {
	path := filepath.Join(t.TempDir(), "pins.db")
	f, b, store := tr.startMod(t, path)
	f.Dispatch("INTERACTION_CREATE", as(pinSub("add", strOpt("question", "is it law yet"), strOpt("answer", "Yes, since December 2024.")), modPerms))
	if !strings.Contains(body(t, f.Next(t)), "Pinned p1") {
		t.Fatal("pin not acknowledged")
	}
	b.Close()
	store.Close()

	f2, _, _ := tr.startMod(t, path)
	f2.Dispatch("INTERACTION_CREATE", askIC("is it a law yet??"))
	if b := body(t, f2.Next(t)); !strings.Contains(b, "Yes, since December 2024.") {
		t.Fatalf("after restart the pin is gone: %.300s", b)
	}
}

func TestFeedbackAndTheUnansweredQueue(t *testing.T) {
	eachTransport(t, testFeedbackAndTheUnansweredQueue)
}

func testFeedbackAndTheUnansweredQueue(t *testing.T, tr transport) {
	f, _, store := tr.startMod(t, filepath.Join(t.TempDir(), "pins.db"))

	f.Dispatch("INTERACTION_CREATE", askIC("what is the capital of france"))
	f.Next(t)
	// Another member: the queue counts each member once per question.
	again := askIC("What is the capital of France?")
	again["member"] = fd.Member("702", 0)
	f.Dispatch("INTERACTION_CREATE", again)
	f.Next(t)
	// Chat is not queued: there is nothing for a moderator to answer.
	f.Dispatch("INTERACTION_CREATE", askIC("thanks bot, that helped"))
	f.Next(t)
	f.Dispatch("INTERACTION_CREATE", buttonIC(idNotHelpful+"is it law yet", "880", fd.ChannelID))
	if b := body(t, f.Next(t)); !strings.Contains(b, "didn't help") {
		t.Fatalf("vote reply: %s", b)
	}
	f.Dispatch("INTERACTION_CREATE", buttonIC(idHelpful+"what was the vote", "881", fd.ChannelID))
	f.Next(t)
	if up, down, _ := store.Votes(t.Context(), fd.GuildID, "what was the vote"); up != 1 || down != 0 {
		t.Fatalf("votes %d/%d", up, down)
	}
	time.Sleep(100 * time.Millisecond) // the queue is written after the reply

	f.Dispatch("INTERACTION_CREATE", fd.Interaction(2, map[string]any{"id": "93", "name": "unanswered", "type": 1}))
	if b := body(t, f.Next(t)); !strings.Contains(b, "Only moderators") {
		t.Fatalf("non-moderator /unanswered: %s", b)
	}
	f.Dispatch("INTERACTION_CREATE", as(fd.Interaction(2, map[string]any{"id": "93", "name": "unanswered", "type": 1}), modPerms))
	b := body(t, f.Next(t))
	if !strings.Contains(b, "asked 2×") || !strings.Contains(b, "capital of france") || !strings.Contains(b, "voted not helpful") {
		t.Fatalf("queue: %.700s", b)
	}
	q, _ := store.Queue(t.Context(), fd.GuildID, 10)
	if len(q) != 2 {
		t.Fatalf("queue entries %v", q)
	}

	f.Dispatch("INTERACTION_CREATE", as(buttonIC(idQueuePin+q[0].ID, "890", fd.ChannelID), modPerms))
	modal := fd.Decode(t, f.Next(t).Body)
	if modal["type"].(float64) != 9 {
		t.Fatalf("want a modal: %v", modal)
	}
	f.Dispatch("INTERACTION_CREATE", as(modalIC(modal["data"].(map[string]any)["custom_id"].(string), map[string]string{
		inputQuestions: q[0].Question, inputAnswer: "Not something this bot covers; it answers about LA's sanctuary ordinance."}), modPerms))
	if b := body(t, f.Next(t)); !strings.Contains(b, "off the unanswered list") {
		t.Fatalf("pin from queue: %s", b)
	}
	f.Dispatch("INTERACTION_CREATE", as(buttonIC(idQueueDismiss+q[1].ID, "890", fd.ChannelID), modPerms))
	f.Next(t)
	if left, _ := store.Queue(t.Context(), fd.GuildID, 10); len(left) != 0 {
		t.Fatalf("queue after pin and dismiss: %v", left)
	}
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// pinAsIC is "Pin as answer" on msg, from a moderator.
func pinAsIC(msg map[string]any) map[string]any {
	id := msg["id"].(string)
	return as(fd.Interaction(2, map[string]any{"id": "92", "name": "Pin as answer", "type": 3, "target_id": id,
		"resolved": map[string]any{"messages": map[string]any{id: msg}}}), modPerms)
}

// Apps → Pin as answer on the bot's own answer pins its question and
// passages exactly as the Pin answer button does; on any message with
// embeds and no content, the embeds' text.
func TestPinAsAnswerOnEmbeds(t *testing.T) { eachTransport(t, testPinAsAnswerOnEmbeds) }

func testPinAsAnswerOnEmbeds(t *testing.T, tr transport) {
	f, _, store := tr.startMod(t, filepath.Join(t.TempDir(), "pins.db"))
	const q = "can the police ask about my immigration status?"
	f.Dispatch("INTERACTION_CREATE", askIC(q))
	data := fd.Decode(t, f.Next(t).Body)["data"].(map[string]any)
	own := map[string]any{"id": "950", "channel_id": fd.ChannelID, "content": "", "timestamp": "2026-01-01T00:00:00Z",
		"author": map[string]any{"id": fd.AppID, "username": "ordinancebot", "bot": true}, "webhook_id": fd.AppID,
		"embeds": data["embeds"], "components": data["components"]}

	// The reference: the Pin answer button on that answer.
	f.Dispatch("INTERACTION_CREATE", as(buttonIC(withQuestion(idPinAnswer, q), "950", fd.ChannelID), modPerms))
	for range 3 { // deferral, pin, confirmation
		f.Next(t)
	}
	byButton, err := store.Get(t.Context(), fd.GuildID, "p1")
	if err != nil || len(byButton.Citations) == 0 {
		t.Fatalf("pin by button %+v, %v", byButton, err)
	}

	t.Run("the bot's own answer", func(t *testing.T) {
		f.Dispatch("INTERACTION_CREATE", pinAsIC(own))
		modal := fd.Decode(t, f.Next(t).Body)
		if modal["type"].(float64) != 9 {
			t.Fatalf("want the form, got %v", modal)
		}
		v := formValues(t, modal)
		if v[inputQuestions] != q || v[inputCites] != strings.Join(byButton.Citations, " ") {
			t.Fatalf("form prefilled with %q", v)
		}
		f.Dispatch("INTERACTION_CREATE", as(submitForm(t, modal, nil), modPerms))
		f.Next(t) // deferral
		if r := f.Next(t); !strings.Contains(r.Path, "/pins/950") {
			t.Fatalf("want message 950 pinned, got %s %s", r.Method, r.Path)
		}
		if b := body(t, f.Next(t)); !strings.Contains(b, "Saved as p2") {
			t.Fatalf("confirmation: %s", b)
		}
		p, err := store.Get(t.Context(), fd.GuildID, "p2")
		if err != nil || p.Answer != byButton.Answer || strings.Join(p.Citations, " ") != strings.Join(byButton.Citations, " ") ||
			len(p.Questions) != 1 || p.Questions[0] != byButton.Questions[0] {
			t.Fatalf("Pin as answer stored %+v (%v), the button %+v", p, err, byButton)
		}
	})

	t.Run("the bot's own answer without its buttons: the question from the title", func(t *testing.T) {
		// No buttons, and a title whose question markdown escaped.
		bare := map[string]any{}
		for k, v := range own {
			bare[k] = v
		}
		delete(bare, "components")
		bare["embeds"] = []any{map[string]any{"title": `Q: can the police ask about my \*immigration\* status?`,
			"fields": own["embeds"].([]any)[0].(map[string]any)["fields"]}}
		f.Dispatch("INTERACTION_CREATE", pinAsIC(bare))
		v := formValues(t, fd.Decode(t, f.Next(t).Body))
		if v[inputQuestions] != "can the police ask about my *immigration* status?" || v[inputCites] != strings.Join(byButton.Citations, " ") {
			t.Fatalf("form prefilled with %q", v)
		}
	})

	t.Run("embeds and no content", func(t *testing.T) {
		f.Dispatch("INTERACTION_CREATE", pinAsIC(map[string]any{"id": "960", "channel_id": fd.ChannelID, "content": "",
			"timestamp": "2026-01-01T00:00:00Z", "author": map[string]any{"id": "702", "username": "helper"},
			"embeds": []any{map[string]any{"title": "Hotline", "description": "Call **211**",
				"fields": []any{map[string]any{"name": "Hours", "value": "24/7"}}}}}))
		modal := fd.Decode(t, f.Next(t).Body)
		const want = "Hotline\nCall **211**\n**Hours**: 24/7"
		if v := formValues(t, modal); v[inputAnswer] != want {
			t.Fatalf("answer prefilled %q, want %q", v[inputAnswer], want)
		}
		if _, ok := formValues(t, modal)[inputCites]; ok {
			t.Error("a form with no citations to offer should not ask for them")
		}
		f.Dispatch("INTERACTION_CREATE", as(submitForm(t, modal, map[string]string{inputQuestions: "is there a hotline"}), modPerms))
		for range 3 {
			f.Next(t)
		}
		if p, err := store.Get(t.Context(), fd.GuildID, "p3"); err != nil || p.Answer != want {
			t.Fatalf("stored %+v, %v", p, err)
		}
	})

	t.Run("a message with nothing to pin", func(t *testing.T) {
		f.Dispatch("INTERACTION_CREATE", pinAsIC(map[string]any{"id": "970", "channel_id": fd.ChannelID, "content": "",
			"timestamp": "2026-01-01T00:00:00Z", "author": map[string]any{"id": "702", "username": "helper"}}))
		if b := body(t, f.Next(t)); !strings.Contains(b, "no text to pin") {
			t.Fatalf("want a refusal: %s", b)
		}
	})
}
