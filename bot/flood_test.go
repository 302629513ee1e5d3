package bot

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	fd "ordinancebot/internal/fakediscord"
	"ordinancebot/pins"
)

// A path that posts, driven through the fake Discord: send makes request
// n of user, and outcome reads what the bot did with it: "public" (posted
// in the channel), "private: <text>" (seen by the asker alone) or
// "reaction: <emoji>".
type postingPath struct {
	name string
	send func(f *fd.Server, user string, n int)
}

var questionsForPaths = []string{"what was the vote", "is it law yet", "when was it signed", "will the city help ICE", "did the doj sue los angeles"}

func memberInteraction(typ int, id, user string, data map[string]any) map[string]any {
	ic := fd.Interaction(typ, data)
	ic["id"], ic["member"] = id, fd.Member(user, 0)
	return ic
}

var postingPaths = []postingPath{
	{"slash command /ask", func(f *fd.Server, user string, n int) {
		f.Dispatch("INTERACTION_CREATE", askFrom(fmt.Sprint(7000+n), user, questionsForPaths[n%len(questionsForPaths)]))
	}},
	{"message command Answer with sources", func(f *fd.Server, user string, n int) {
		msgID := fmt.Sprint(8100 + n)
		f.Dispatch("INTERACTION_CREATE", memberInteraction(2, fmt.Sprint(7100+n), user, map[string]any{
			"id": "93", "name": "Answer with sources", "type": 3, "target_id": msgID,
			"resolved": map[string]any{"messages": map[string]any{msgID: map[string]any{
				"id": msgID, "channel_id": fakeChannel, "content": questionsForPaths[n%len(questionsForPaths)],
				"author": map[string]any{"id": "701", "username": "newcomer"}, "timestamp": "2026-01-01T00:00:00Z",
			}}},
		}))
	}},
	{"mention", func(f *fd.Server, user string, n int) {
		f.Dispatch("MESSAGE_CREATE", map[string]any{
			"id": fmt.Sprint(8200 + n), "channel_id": fakeChannel, "guild_id": fakeGuildID,
			"content":   "<@200> " + questionsForPaths[n%len(questionsForPaths)],
			"author":    map[string]any{"id": user, "username": "asker"},
			"mentions":  []any{map[string]any{"id": fakeAppID, "username": "ordinancebot", "bot": true}},
			"timestamp": "2026-01-01T00:00:00Z",
		})
	}},
	{"DM", func(f *fd.Server, user string, n int) {
		f.Dispatch("MESSAGE_CREATE", map[string]any{
			"id": fmt.Sprint(8300 + n), "channel_id": "420", "content": questionsForPaths[n%len(questionsForPaths)],
			"author": map[string]any{"id": user, "username": "asker"}, "timestamp": "2026-01-01T00:00:00Z",
		})
	}},
	{"slash command /source", func(f *fd.Server, user string, n int) {
		f.Dispatch("INTERACTION_CREATE", memberInteraction(2, fmt.Sprint(7400+n), user, map[string]any{
			"id": "91", "name": "source", "type": 1,
			"options": []any{map[string]any{"name": "id", "type": 3, "value": fmt.Sprintf("article-%d", 1+n)}},
		}))
	}},
	{"slash command /about", func(f *fd.Server, user string, n int) {
		f.Dispatch("INTERACTION_CREATE", memberInteraction(2, fmt.Sprint(7500+n), user, map[string]any{"id": "92", "name": "about", "type": 1}))
	}},
}

// outcome waits for what the bot did with one request.
func outcome(t *testing.T, f *fd.Server) string {
	t.Helper()
	for {
		r := f.Next(t)
		switch {
		case r.Method == "PUT" && strings.Contains(r.Path, "/reactions/"):
			return "reaction: " + strings.Split(strings.SplitAfter(r.Path, "/reactions/")[1], "/")[0]
		case r.Method == "POST" && strings.HasPrefix(r.Path, "/channels/"):
			body := string(r.Body)
			// The message command's reply (to messages 81xx) is followed by
			// its confirmation. Read the reference itself: matching `"81`
			// in the body also matched a random nonce that began with 81,
			// one post in 256, and then waited for a request that never came.
			var sent struct {
				Ref struct {
					MessageID string `json:"message_id"`
				} `json:"message_reference"`
			}
			if err := json.Unmarshal(r.Body, &sent); err != nil {
				t.Fatalf("post body: %v", err)
			}
			if strings.HasPrefix(sent.Ref.MessageID, "81") {
				f.Next(t) // the edited deferral
			}
			if strings.Contains(body, "answered that just above") {
				return "private: answered that just above"
			}
			return "public"
		case r.Method == "PATCH" && strings.HasPrefix(r.Path, "/webhooks/"):
			// A deferral edited without a post before it: the answer
			// went to the asker alone.
			s, _ := decode(t, r.Body)["content"].(string)
			return "private: " + s
		case strings.HasSuffix(r.Path, "/callback"):
			b := decode(t, r.Body)
			data, _ := b["data"].(map[string]any)
			if b["type"].(float64) == 5 {
				continue // a deferral: the post follows
			}
			if flags, _ := data["flags"].(float64); flags == 64 {
				s, _ := data["content"].(string)
				return "private: " + s
			}
			return "public"
		}
	}
}

// Every path that posts in a channel spends the same per-user bucket: a
// burst of 3 is answered, the 4th is refused, privately for an
// interaction, with ⏳ on the message for a mention or DM. On the old code
// /source and /about were not limited at all, and a refused mention was
// silence.
func TestEveryPostingPathIsRateLimited(t *testing.T) {
	f, _ := startBot(t, func(c *Config) { c.Cooldown, c.Burst, c.DuplicateWindow = time.Hour, 3, 0 })
	f.Next(t) // registration
	for k, p := range postingPaths {
		t.Run(p.name, func(t *testing.T) {
			user := fmt.Sprint(30000 + k)
			for n := 0; n < 3; n++ {
				p.send(f, user, n)
				if got := outcome(t, f); got != "public" {
					t.Fatalf("request %d of a burst of 3: %s, want it posted", n+1, got)
				}
			}
			p.send(f, user, 3)
			got := outcome(t, f)
			want := "private: You're asking quickly; please wait"
			if p.name == "mention" || p.name == "DM" {
				want = "reaction: ⏳"
			}
			if !strings.HasPrefix(got, want) {
				t.Fatalf("4th request at once: %q, want %q…", got, want)
			}
		})
	}
	// One bucket for all paths: a question, a source and an about
	// spend it together.
	t.Run("mixed paths share one bucket", func(t *testing.T) {
		const user = "39999"
		for k, p := range []postingPath{postingPaths[0], postingPaths[4], postingPaths[5]} {
			p.send(f, user, 10+k)
			if got := outcome(t, f); got != "public" {
				t.Fatalf("%s: %s", p.name, got)
			}
		}
		postingPaths[2].send(f, user, 13)
		if got := outcome(t, f); got != "reaction: ⏳" {
			t.Fatalf("a mention after 3 posts by other paths: %s", got)
		}
	})
}

// The same post in a channel within the window goes to the asker alone,
// on every path, whoever asks.
func TestEveryPostingPathHonoursTheDuplicateWindow(t *testing.T) {
	f, _ := startBot(t, func(c *Config) { c.Cooldown, c.DuplicateWindow = 0, time.Hour })
	f.Next(t)
	for k, p := range postingPaths {
		if p.name == "DM" {
			continue // a DM channel has one reader: nothing to repeat to
		}
		t.Run(p.name, func(t *testing.T) {
			// n = k: each path asks its own question, so only the
			// second asking is a repeat.
			p.send(f, fmt.Sprint(31000+k), k)
			if got := outcome(t, f); got != "public" {
				t.Fatalf("first: %s", got)
			}
			p.send(f, fmt.Sprint(31100+k), k)
			got := outcome(t, f)
			if !strings.HasPrefix(got, "private: ") {
				t.Fatalf("the same post again in the channel: %s, want it private", got)
			}
		})
	}
}

type countingObserver struct {
	noObserver
	mu        sync.Mutex
	throttled map[string]int
}

func (o *countingObserver) Throttled(via string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.throttled[via]++
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestRefusalsAreCountedAndLoggedWithTheUserHashed(t *testing.T) {
	obs := &countingObserver{throttled: map[string]int{}}
	var logs lockedBuffer
	f, _ := startBot(t, func(c *Config) {
		c.Cooldown, c.Burst, c.Observer = time.Hour, 1, obs
		c.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	f.Next(t)
	const user = "987654321012345678"
	for n := 0; n < 2; n++ {
		postingPaths[0].send(f, user, n)
		outcome(t, f)
	}
	for n := 0; n < 2; n++ {
		postingPaths[2].send(f, user, n)
		outcome(t, f)
	}
	obs.mu.Lock()
	got := fmt.Sprint(obs.throttled)
	obs.mu.Unlock()
	if got != "map[ask:1 mention:2]" {
		t.Fatalf("refusals counted %s, want map[ask:1 mention:2]", got)
	}
	out := logs.String()
	if !strings.Contains(out, "request refused: rate limit") || !strings.Contains(out, "level=DEBUG") {
		t.Fatalf("no debug line for the refusals:\n%s", out)
	}
	if strings.Contains(out, user) {
		t.Fatalf("the log holds the user id in the clear:\n%s", out)
	}
}

// A 504 on the mention reply, after Discord created the message: the
// retry carries the same nonce with enforce_nonce, so Discord (here the
// fake, which honours it) returns the message it made instead of posting
// the answer a second time. The old code retried without a nonce: two
// posts.
func TestMentionReplyThrough504IsPostedOnce(t *testing.T) {
	f, _ := startBot(t)
	f.Next(t)
	var fails atomic.Int32
	f.AcceptThenFail = func(r fd.Request) bool { return fails.Add(1) == 1 }
	postingPaths[2].send(f, "700", 0)
	first := f.Next(t)
	retry := f.Next(t)
	if first.Path != retry.Path || !strings.Contains(string(first.Body), `"enforce_nonce":true`) {
		t.Fatalf("want the post retried with enforce_nonce, got %s then %s\n%.300s", first.Path, retry.Path, first.Body)
	}
	n1, n2 := decode(t, first.Body)["nonce"], decode(t, retry.Body)["nonce"]
	if n1 == nil || n1 != n2 {
		t.Fatalf("nonces %v and %v: a retry must reuse its nonce", n1, n2)
	}
	if n := waitPosted(f, 1); n != 1 {
		t.Fatalf("%d messages created for one mention after a 504, want 1", n)
	}
	// Two mentions are two posts: each gets a nonce of its own.
	postingPaths[2].send(f, "701", 1)
	third := f.Next(t)
	if decode(t, third.Body)["nonce"] == n1 {
		t.Fatal("a new post reused an earlier nonce")
	}
	if n := waitPosted(f, 2); n != 2 {
		t.Fatalf("%d messages after a second mention, want 2", n)
	}
}

// waitPosted waits a moment for the fake to have created want messages
// (it records a request before serving it) and returns how many it has;
// it also waits out a moment past want, so one too many shows.
func waitPosted(f *fd.Server, want int) int {
	deadline := time.Now().Add(2 * time.Second)
	for f.Posted(fakeChannel) < want && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	return f.Posted(fakeChannel)
}

// A post without an enforced nonce (a follow-up message) is not retried
// after a 5xx, as Discord may have made it; a connection that was refused
// is retried whatever the request, since nothing reached Discord.
func TestRetryOnlyWhatCannotDuplicate(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(http.StatusGatewayTimeout)
	}))
	defer srv.Close()
	rt := retryTransport{next: http.DefaultTransport, retries: 3, pause: time.Millisecond}
	for _, c := range []struct {
		method, path string
		want         int32
	}{
		{"POST", "/api/v9/webhooks/200/tok", 1},
		{"POST", "/api/v9/channels/400/messages", 1}, // not marked replay-safe
		{"POST", "/api/v9/interactions/500/tok/callback", 4},
		{"PATCH", "/api/v9/webhooks/200/tok/messages/@original", 4},
		{"GET", "/api/v9/gateway", 4},
	} {
		hits.Store(0)
		req, _ := http.NewRequest(c.method, srv.URL+c.path, strings.NewReader(`{}`))
		resp, err := rt.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if n := hits.Load(); n != c.want {
			t.Errorf("%s %s answered 504: %d attempts, want %d", c.method, c.path, n, c.want)
		}
	}
	// Marked replay-safe (a nonce Discord enforces): retried.
	hits.Store(0)
	req, _ := http.NewRequestWithContext(withReplaySafe(t.Context()), "POST", srv.URL+"/api/v9/channels/400/messages", strings.NewReader(`{}`))
	if resp, err := rt.RoundTrip(req); err == nil {
		resp.Body.Close()
	}
	if n := hits.Load(); n != 4 {
		t.Errorf("a nonce-enforced post answered 504: %d attempts, want 4", n)
	}

	refused := &flakyDial{failures: 2}
	rt = retryTransport{next: refused, retries: 3, pause: time.Millisecond}
	req, _ = http.NewRequest("POST", "http://127.0.0.1:1/api/v9/webhooks/200/tok", strings.NewReader(`{}`))
	resp, err := rt.RoundTrip(req)
	if err != nil || resp.StatusCode != http.StatusOK || refused.calls != 3 {
		t.Fatalf("connection refused twice, then up: %v, %d calls", err, refused.calls)
	}
}

// flakyDial refuses the connection failures times, then answers 200.
type flakyDial struct{ failures, calls int }

func (d *flakyDial) RoundTrip(r *http.Request) (*http.Response, error) {
	d.calls++
	if d.calls <= d.failures {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: connection refused")}
	}
	return &http.Response{StatusCode: http.StatusOK, Body: io.NopCloser(strings.NewReader("{}")), Request: r}, nil
}

// The moderator who hits the pin cap is told so, with the number and what
// to do; nothing is saved.
func TestPinCapIsSaidToTheModerator(t *testing.T) {
	f, _, store := startModBot(t, filepath.Join(t.TempDir(), "pins.db"))
	full := make([]pins.Pin, pins.MaxPins)
	for k := range full {
		full[k] = pins.Pin{Guild: fakeGuildID, ID: fmt.Sprintf("p%d", k+1), Questions: []string{fmt.Sprintf("q%d", k)}, Answer: "a"}
	}
	if _, err := store.Import(t.Context(), full); err != nil {
		t.Fatal(err)
	}
	f.Dispatch("INTERACTION_CREATE", as(pinSub("add", strOpt(optQ, "is it law"), strOpt(optAnswer, "Yes.")), modPerms))
	data := decode(t, f.Next(t).Body)["data"].(map[string]any)
	msg, _ := data["content"].(string)
	if data["flags"].(float64) != 64 || !strings.Contains(msg, "Not saved") || !strings.Contains(msg, "1,000") || !strings.Contains(msg, "/pin remove") {
		t.Fatalf("moderator at the pin cap was told %q", msg)
	}
	if ps, _ := store.List(t.Context(), fakeGuildID); len(ps) != pins.MaxPins {
		t.Fatalf("%d pins after a refused add", len(ps))
	}
}

// One member clicking "Not helpful" 30 times is one vote and one asking
// in the moderators' queue; a second member makes it two.
func TestNotHelpfulThirtyTimesCountsOnce(t *testing.T) {
	f, _, store := startModBot(t, filepath.Join(t.TempDir(), "pins.db"))
	click := func(user string) {
		ic := buttonIC(withQuestion(idNotHelpful, "will the city help ICE"), "902", fakeChannel)
		ic["member"] = fd.Member(user, 0)
		f.Dispatch("INTERACTION_CREATE", ic)
		f.Next(t)
	}
	for k := 0; k < 30; k++ {
		click("700")
	}
	q, err := store.Queue(t.Context(), fakeGuildID, 0)
	if err != nil || len(q) != 1 || q[0].Count != 1 {
		t.Fatalf("queue after 30 clicks of one member: %+v, %v; want one entry asked once", q, err)
	}
	if up, down, _ := store.Votes(t.Context(), fakeGuildID, "will the city help ICE"); up != 0 || down != 1 {
		t.Fatalf("votes %d up %d down, want 0 and 1", up, down)
	}
	click("701")
	if q, _ := store.Queue(t.Context(), fakeGuildID, 0); len(q) != 1 || q[0].Count != 2 {
		t.Fatalf("a second member: %+v", q)
	}
}

// A greeting or a thank-you mention in a server gets a wave, not a post;
// a question about the bot gets the reply saying what it does, and so does
// chat in a DM.
func TestChatMentionsGetAReaction(t *testing.T) {
	f, _ := startBot(t)
	f.Next(t)
	mention := func(id, text string) {
		f.Dispatch("MESSAGE_CREATE", map[string]any{
			"id": id, "channel_id": fakeChannel, "guild_id": fakeGuildID, "content": "<@200> " + text,
			"author":    map[string]any{"id": "700", "username": "asker"},
			"mentions":  []any{map[string]any{"id": fakeAppID, "username": "ordinancebot", "bot": true}},
			"timestamp": "2026-01-01T00:00:00Z",
		})
	}
	mention("8601", "thanks, that helped a lot")
	if got := outcome(t, f); got != "reaction: "+reactionChat {
		t.Fatalf("thank-you mention: %s, want a reaction", got)
	}
	mention("8602", "are you a bot?")
	if got := outcome(t, f); got != "public" {
		t.Fatalf("about-the-bot mention: %s, want the reply", got)
	}
	f.Dispatch("MESSAGE_CREATE", map[string]any{
		"id": "8603", "channel_id": "420", "content": "hola", "author": map[string]any{"id": "701", "username": "asker"},
		"timestamp": "2026-01-01T00:00:00Z",
	})
	if got := outcome(t, f); got != "public" {
		t.Fatalf("chat in a DM: %s, want the reply", got)
	}
}

// A mention replying to the bot's answer is a follow-up of the question
// that answer's buttons carry: "what about firefighters and paramedics"
// alone finds nothing, under the answer to what city workers may not do it
// is answered, and the reply says what was searched.
func TestMentionReplyingToAnAnswerFollowsItsQuestion(t *testing.T) {
	f, _ := startBot(t)
	f.Next(t)
	reply := func(id, text string, ref map[string]any) string {
		t.Helper()
		msg := map[string]any{
			"id": id, "channel_id": fakeChannel, "guild_id": fakeGuildID, "content": "<@200> " + text,
			"author":    map[string]any{"id": "700", "username": "asker"},
			"mentions":  []any{map[string]any{"id": fakeAppID, "username": "ordinancebot", "bot": true}},
			"timestamp": "2026-01-01T00:00:00Z",
		}
		if ref != nil {
			msg["referenced_message"] = ref
			msg["message_reference"] = map[string]any{"message_id": ref["id"], "channel_id": fakeChannel}
		}
		f.Dispatch("MESSAGE_CREATE", msg)
		for {
			r := f.Next(t)
			if r.Method == "POST" && strings.HasPrefix(r.Path, "/channels/") {
				return string(r.Body)
			}
		}
	}
	answerBy := func(author string) map[string]any {
		return map[string]any{
			"id": "8700", "channel_id": fakeChannel, "content": "", "timestamp": "2026-01-01T00:00:00Z",
			"author": map[string]any{"id": author, "username": "someone", "bot": author == fakeAppID},
			"components": []any{map[string]any{"type": 1, "components": []any{
				map[string]any{"type": 2, "style": 3, "label": "Helpful", "custom_id": "fb+:what can't city workers do under the ordinance"},
			}}},
		}
	}
	const follow = "what about firefighters and paramedics"
	if body := reply("8701", follow, nil); !strings.Contains(body, "Nothing") && !strings.Contains(body, "nothing") {
		t.Fatalf("the follow-up alone was answered; the test needs one that is not: %s", body)
	}
	body := reply("8702", follow, answerBy(fakeAppID))
	if !strings.Contains(body, `Q: what can't city workers do under the ordinance — what about firefighters and paramedics`) {
		t.Fatalf("a reply to the bot's answer: %s", body)
	}
	// Someone else's message with the same buttons is not the bot's answer.
	if body := reply("8703", follow+" please", answerBy("701")); strings.Contains(body, "Q: what can't") {
		t.Fatalf("a reply to another member's message followed it: %s", body)
	}
}

// A mention that replies to nothing, shortly after the bot answered the
// same member, follows that answer: the bot reads the channel's recent
// messages from Discord (no state of its own), and only when the question
// alone finds nothing.
func TestMentionAfterAnAnswerFollowsIt(t *testing.T) {
	f, _ := startBot(t)
	f.Next(t)
	const asker, follow = "700", "what about firefighters and paramedics"
	answerTo := func(member, at string) map[string]any {
		return map[string]any{
			"id": "8800", "channel_id": fakeChannel, "content": "", "timestamp": at, "type": 19,
			"author":             map[string]any{"id": fakeAppID, "username": "ordinancebot", "bot": true},
			"referenced_message": map[string]any{"id": "8799", "channel_id": fakeChannel, "content": "", "timestamp": at, "author": map[string]any{"id": member, "username": "m"}},
			"components": []any{map[string]any{"type": 1, "components": []any{
				map[string]any{"type": 2, "style": 3, "label": "Helpful", "custom_id": "fb+:what can't city workers do under the ordinance"},
			}}},
		}
	}
	ask := func(id, follow string, history []map[string]any) (body string, lookedBack bool) {
		t.Helper()
		f.SetHistory(func(string) []map[string]any { return history })
		reads := f.HistoryReads()
		f.Dispatch("MESSAGE_CREATE", map[string]any{
			"id": id, "channel_id": fakeChannel, "guild_id": fakeGuildID, "content": "<@200> " + follow,
			"author":    map[string]any{"id": asker, "username": "asker"},
			"mentions":  []any{map[string]any{"id": fakeAppID, "username": "ordinancebot", "bot": true}},
			"timestamp": "2026-01-01T00:05:00Z",
		})
		for {
			r := f.Next(t)
			if r.Method == "POST" && strings.HasPrefix(r.Path, "/channels/") {
				return string(r.Body), f.HistoryReads() > reads
			}
		}
	}
	followed := `Q: what can't city workers do under the ordinance — ` + follow
	if body, looked := ask("8801", follow, []map[string]any{answerTo(asker, "2026-01-01T00:01:00Z")}); !looked || !strings.Contains(body, followed) {
		t.Fatalf("after the bot's answer to the asker (looked back: %v): %s", looked, body)
	}
	// The answer was to someone else, or too long ago: the question stands
	// alone (and is not answered).
	for i, tt := range []struct {
		name    string
		history []map[string]any
	}{
		{"another member", []map[string]any{answerTo("701", "2026-01-01T00:01:00Z")}},
		{"an hour ago", []map[string]any{answerTo(asker, "2025-12-31T23:00:00Z")}},
		{"nothing", nil},
	} {
		// Each asks in other words, so that none is a repeat of the one
		// before ("answered above").
		q := follow + strings.Repeat(" too", i+1)
		if body, _ := ask(fmt.Sprint(8802+i), q, tt.history); !strings.Contains(body, "othing") || strings.Contains(body, "Q: what can't") {
			t.Errorf("%s: want the question answered alone (nothing found): %s", tt.name, body)
		}
	}
}
