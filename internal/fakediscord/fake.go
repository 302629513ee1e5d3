// Package fakediscord is an in-process fake of the parts of Discord the bot
// uses: the REST routes and the gateway websocket, served on 127.0.0.1.
// It records every request the bot sends and validates its body against
// Discord's OpenAPI spec (see spec.go). Tests only: no production code
// imports it.
package fakediscord

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// IDs the fake uses. Snowflakes must be numeric strings for the spec.
const (
	Token     = "test-token"
	AppID     = "200"
	GuildID   = "300"
	ChannelID = "400"
	// ForbiddenChannel answers 403 to posts and pins, like a channel the
	// bot may not write in.
	ForbiddenChannel = "403"
	// FullPinsChannel answers pins with error 30003, the 250-pin limit.
	FullPinsChannel = "404"
)

// Request is one REST call the bot made.
type Request struct {
	Method, Path string
	Body         []byte
}

// Server is the fake.
type Server struct {
	t    testing.TB
	srv  *httptest.Server
	reqs chan Request

	mu       sync.Mutex
	conn     *websocket.Conn
	seq      int
	conns    int
	resumes  int
	intents  int
	problems []string
	// Fail, when set, may answer a REST call itself (return true) to
	// inject errors such as 429 or 5xx.
	Fail func(w http.ResponseWriter, r Request) bool
	// AcceptThenFail, when set, is asked about each message post: true
	// makes the fake create the message and then answer 504, as Discord
	// does when its gateway times out on a post it has accepted.
	AcceptThenFail func(r Request) bool
	// posted is every message created, by channel; nonces maps a
	// channel and nonce sent with enforce_nonce to the message it made.
	posted map[string][]string
	nonces map[string]string
	nextID int

	// history gives a channel's messages for GET /channels/{id}/messages
	// (SetHistory).
	history      func(channel string) []map[string]any
	historyReads int

	// endpoint, when set, is where Dispatch POSTs INTERACTION_CREATE
	// (HTTP mode). posting is held while one is in flight: see record.
	endpoint string
	posting  sync.Mutex
}

var apiPrefix = regexp.MustCompile(`^/api/v\d+`)

// New starts a fake; it stops, and reports invalid requests, when t ends.
func New(t testing.TB) *Server {
	f := &Server{t: t, reqs: make(chan Request, 1000), posted: map[string][]string{}, nonces: map[string]string{}, nextID: 902}
	// Assign f.srv before the server starts: serve reads f.srv.URL, and
	// with NewServer the first request could race the assignment.
	f.srv = httptest.NewUnstartedServer(http.HandlerFunc(f.serve))
	f.srv.Start()
	t.Cleanup(f.srv.Close)
	t.Cleanup(func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		for _, p := range f.problems {
			t.Errorf("invalid request: %s", p)
		}
	})
	return f
}

// URL is the base URL to give the bot as DISCORD_API_URL.
func (f *Server) URL() string { return f.srv.URL }

// Intents are those of the last IDENTIFY.
func (f *Server) Intents() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.intents
}

func (f *Server) serve(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/gateway") {
		f.gateway(w, r)
		return
	}
	path := apiPrefix.ReplaceAllString(r.URL.Path, "")
	body, _ := io.ReadAll(r.Body)
	if r.Header.Get("Authorization") != "Bot "+Token {
		http.Error(w, `{"message":"401: Unauthorized","code":0}`, http.StatusUnauthorized)
		return
	}
	req := Request{r.Method, path, body}
	if f.Fail != nil && f.Fail(w, req) {
		return
	}
	if path != "/gateway" {
		if probs := Validate(r.Method, path, body); len(probs) > 0 {
			f.mu.Lock()
			f.problems = append(f.problems, probs...)
			f.mu.Unlock()
		}
		// Reading a channel's history changes nothing and comes before
		// a reply: not a request tests wait for (HistoryReads counts them).
		if !isHistoryRead(r.Method, path) {
			f.record(req)
		}
	}
	w.Header().Set("Content-Type", "application/json")
	msg := func(id, channel string) {
		fmt.Fprintf(w, `{"id":%q,"channel_id":%q,"content":"","timestamp":"2026-01-01T00:00:00Z"}`, id, channel)
	}
	isPin := strings.Contains(path, "/pins/")
	switch {
	case r.Method == "GET" && path == "/applications/@me":
		fmt.Fprintf(w, `{"id":%q,"name":"ordinancebot","description":"","bot_public":true,"bot_require_code_grant":false,"verify_key":%q,"flags":0}`, AppID, PublicKeyHex())
	case r.Method == "GET" && path == "/gateway":
		json.NewEncoder(w).Encode(map[string]string{"url": "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/gateway"})
	case r.Method == "PUT" && strings.HasSuffix(path, "/commands"):
		var cmds []map[string]any
		json.Unmarshal(body, &cmds)
		for i, c := range cmds {
			c["id"], c["application_id"], c["version"] = fmt.Sprint(900+i), AppID, "1"
		}
		json.NewEncoder(w).Encode(cmds)
	case r.Method == "POST" && strings.HasSuffix(path, "/callback"):
		w.WriteHeader(http.StatusNoContent)
	case r.Method == "PATCH" && strings.Contains(path, "/webhooks/"):
		msg("901", ChannelID)
	case strings.HasPrefix(path, "/channels/"+ForbiddenChannel+"/"):
		w.WriteHeader(http.StatusForbidden)
		w.Write([]byte(`{"message":"Missing Permissions","code":50013}`))
	case isPin && strings.HasPrefix(path, "/channels/"+FullPinsChannel+"/"):
		w.WriteHeader(http.StatusBadRequest)
		w.Write([]byte(`{"message":"Maximum number of pins reached for the channel (250)","code":30003}`))
	case isPin && (r.Method == "PUT" || r.Method == "DELETE"):
		w.WriteHeader(http.StatusNoContent)
	case r.Method == "PUT" && strings.Contains(path, "/reactions/") && strings.HasSuffix(path, "/@me"):
		w.WriteHeader(http.StatusNoContent)
	case isHistoryRead(r.Method, path):
		var msgs []map[string]any
		f.mu.Lock()
		history := f.history
		f.historyReads++
		f.mu.Unlock()
		if history != nil {
			msgs = history(strings.Split(path, "/")[2])
		}
		if msgs == nil {
			msgs = []map[string]any{}
		}
		json.NewEncoder(w).Encode(msgs)
	case r.Method == "POST" && strings.HasPrefix(path, "/channels/"):
		channel := strings.Split(path, "/")[2]
		id, created := f.create(channel, body)
		if created && f.AcceptThenFail != nil && f.AcceptThenFail(req) {
			w.WriteHeader(http.StatusGatewayTimeout)
			w.Write([]byte(`{"message":"upstream timeout","code":0}`))
			return
		}
		msg(id, channel)
	default:
		http.Error(w, `{"message":"404: Not Found","code":0}`, http.StatusNotFound)
	}
}

// create makes a message in channel, or, for a nonce already used there
// with enforce_nonce, returns the message it made: Discord's rule for
// posts retried after an unclear failure.
func (f *Server) create(channel string, body []byte) (id string, created bool) {
	var m struct {
		Nonce        any  `json:"nonce"`
		EnforceNonce bool `json:"enforce_nonce"`
	}
	json.Unmarshal(body, &m)
	f.mu.Lock()
	defer f.mu.Unlock()
	key := ""
	if m.EnforceNonce && m.Nonce != nil {
		key = channel + "/" + fmt.Sprint(m.Nonce)
		if id, ok := f.nonces[key]; ok {
			return id, false
		}
	}
	id = fmt.Sprint(f.nextID)
	f.nextID++
	f.posted[channel] = append(f.posted[channel], id)
	if key != "" {
		f.nonces[key] = id
	}
	return id, true
}

// isHistoryRead reports whether a request lists a channel's messages.
func isHistoryRead(method, path string) bool {
	return method == "GET" && strings.HasPrefix(path, "/channels/") && strings.HasSuffix(path, "/messages")
}

// SetHistory makes GET /channels/{id}/messages answer with history's
// messages for the channel, newest first, as Discord lists them; without
// it the list is empty.
func (f *Server) SetHistory(history func(channel string) []map[string]any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.history = history
}

// HistoryReads is how many times a channel's messages were listed.
func (f *Server) HistoryReads() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.historyReads
}

// Posted is how many messages were created in channel.
func (f *Server) Posted(channel string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.posted[channel])
}

func (f *Server) gateway(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{}
	c, err := up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer c.Close()
	c.WriteJSON(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 41250}})
	var ident struct {
		Op int
		D  struct{ Intents int }
	}
	if err := c.ReadJSON(&ident); err != nil {
		return
	}
	f.mu.Lock()
	f.conn = c
	f.conns++
	if ident.Op == 6 {
		// RESUME: discordgo v0.29.0 re-dials the same URL after a drop.
		f.resumes++
		f.seq++
		c.WriteJSON(map[string]any{"op": 0, "s": f.seq, "t": "RESUMED", "d": map[string]any{}})
	} else {
		f.intents = ident.D.Intents
		f.seq = 1
		c.WriteJSON(map[string]any{"op": 0, "s": 1, "t": "READY", "d": map[string]any{
			"v": 9, "session_id": "sess", "resume_gateway_url": "ws://unused",
			"user":        map[string]any{"id": AppID, "username": "ordinancebot", "bot": true},
			"application": map[string]any{"id": AppID, "flags": 0},
			"guilds":      []any{map[string]any{"id": GuildID, "unavailable": true}},
		}})
	}
	f.mu.Unlock()
	for {
		var m map[string]any
		if err := c.ReadJSON(&m); err != nil {
			return
		}
		if op, _ := m["op"].(float64); op == 1 {
			f.mu.Lock()
			c.WriteJSON(map[string]any{"op": 11})
			f.mu.Unlock()
		}
	}
}

// record queues a request the bot made. In HTTP mode it first waits for an
// interaction POST in flight to be recorded: the bot starts its follow-up
// work (posts, pins, webhook edits) once the response is written, and
// those calls could otherwise overtake the response on its way back to
// Dispatch. Over the gateway the callback is itself a REST call made
// before the follow-ups, so tests see one order on both transports.
func (f *Server) record(r Request) {
	f.posting.Lock()
	f.posting.Unlock() //nolint:staticcheck // a barrier, not a critical section
	f.reqs <- r
}

// DeliverInteractionsTo makes Dispatch deliver INTERACTION_CREATE as
// Discord does in HTTP mode: signed and POSTed to endpoint (the bot's
// .../interactions URL), the response body recorded as the callback
// request the gateway transport would have sent. Other events still go
// over the gateway (mentions and DMs have no HTTP delivery).
func (f *Server) DeliverInteractionsTo(endpoint string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.endpoint = endpoint
}

// Dispatch sends a gateway event to the connected bot, or, after
// DeliverInteractionsTo, POSTs an interaction to its endpoint. An HTTP
// delivery returns once the response is recorded.
func (f *Server) Dispatch(event string, d any) {
	f.mu.Lock()
	endpoint := f.endpoint
	f.mu.Unlock()
	if ic, ok := d.(map[string]any); ok && event == "INTERACTION_CREATE" && endpoint != "" {
		f.post(endpoint, ic)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.conn == nil {
		f.t.Errorf("dispatch %s: no bot connected", event)
		return
	}
	f.seq++
	if err := f.conn.WriteJSON(map[string]any{"op": 0, "s": f.seq, "t": event, "d": d}); err != nil {
		f.t.Fatalf("dispatch %s: %v", event, err)
	}
}

// post delivers one interaction over HTTP and records its response as the
// gateway transport's callback would be: POST /interactions/ID/TOKEN/callback.
// No response (a duplicate the bot declined, an error status) records
// nothing, as a gateway bot that sends nothing.
func (f *Server) post(endpoint string, ic map[string]any) {
	// A copy: the fresh id PostInteraction gives must not stick to a map
	// the test dispatches again.
	cp := make(map[string]any, len(ic))
	for k, v := range ic {
		cp[k] = v
	}
	f.posting.Lock()
	defer f.posting.Unlock()
	code, raw, _, err := f.postInteraction(endpoint, cp)
	if err != nil {
		f.t.Errorf("deliver interaction: %v", err)
		return
	}
	if code != http.StatusOK {
		return
	}
	tok, _ := cp["token"].(string)
	f.reqs <- Request{Method: "POST", Path: fmt.Sprintf("/interactions/%s/%s/callback", cp["id"], tok), Body: raw}
}

// Drop closes the gateway connection, as Discord does now and then.
func (f *Server) Drop() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.conn != nil {
		f.conn.Close()
		f.conn = nil
	}
}

// WaitResumed waits until the bot has resumed after a Drop.
func (f *Server) WaitResumed(t testing.TB, n int, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		f.mu.Lock()
		ok := f.resumes >= n && f.conn != nil
		f.mu.Unlock()
		if ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the bot did not resume within %v", within)
}

// Next waits for the next request the bot sends.
// nextTimeout is how long Next waits. An answer takes milliseconds; the
// margin is for CI, where `go test ./...` runs the race-built packages and
// throwaway PostgreSQL servers beside this one on two cores (5 s was seen
// to run out there once, and never alone).
const nextTimeout = 15 * time.Second

func (f *Server) Next(t testing.TB) Request {
	t.Helper()
	select {
	case r := <-f.reqs:
		return r
	case <-time.After(nextTimeout):
		t.Fatalf("the bot sent nothing within %s", nextTimeout)
	}
	return Request{}
}

// Requests is the channel of recorded requests, for tests that wait on it
// themselves.
func (f *Server) Requests() <-chan Request { return f.reqs }

// Member is the interaction member: a user with channel permissions and roles.
func Member(userID string, permissions int64, roles ...string) map[string]any {
	rs := []any{}
	for _, r := range roles {
		rs = append(rs, r)
	}
	return map[string]any{"user": map[string]any{"id": userID, "username": "user" + userID},
		"permissions": fmt.Sprint(permissions), "roles": rs}
}

// Interaction builds an INTERACTION_CREATE payload from an ordinary member.
func Interaction(typ int, data map[string]any) map[string]any {
	return map[string]any{
		"id": "500", "application_id": AppID, "type": typ, "token": "tok", "version": 1,
		"guild_id": GuildID, "channel_id": ChannelID, "data": data,
		"member": Member("700", 0),
	}
}

// Decode parses a JSON body or fails t.
func Decode(t testing.TB, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, b)
	}
	return m
}
