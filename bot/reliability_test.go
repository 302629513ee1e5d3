package bot

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"ordinancebot/answer"
	fd "ordinancebot/internal/fakediscord"
	"ordinancebot/internal/testengine"
)

func askFrom(id, user, q string) map[string]any {
	ic := fd.Interaction(2, map[string]any{"id": "90", "name": "ask", "type": 1,
		"options": []any{map[string]any{"name": "question", "type": 3, "value": q}}})
	ic["id"] = id
	ic["member"] = fd.Member(user, 0)
	return ic
}

func TestRESTErrorsAreRetriedAndTheUserStillGetsTheAnswer(t *testing.T) {
	f, _ := startBot(t)
	f.Next(t) // registration
	var calls atomic.Int32
	f.Fail = func(w http.ResponseWriter, r fd.Request) bool {
		if !strings.HasSuffix(r.Path, "/callback") {
			return false
		}
		switch calls.Add(1) {
		case 1:
			w.WriteHeader(http.StatusServiceUnavailable)
			return true
		case 2:
			w.WriteHeader(http.StatusInternalServerError)
			return true
		case 3:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusTooManyRequests)
			w.Write([]byte(`{"message":"You are being rate limited.","retry_after":0.2,"global":false}`))
			return true
		}
		return false
	}
	f.Dispatch("INTERACTION_CREATE", askFrom("501", "700", "what was the vote"))
	r := f.Next(t)
	if !strings.HasSuffix(r.Path, "/callback") || !strings.Contains(string(r.Body), "13–0") {
		t.Fatalf("want the answer after 503, 500 and 429, got %s %.200s", r.Path, r.Body)
	}
	if n := calls.Load(); n != 4 {
		t.Fatalf("%d callback attempts, want 4", n)
	}
}

// startReconnectingBot is startBot with discordgo's reconnect on, as in
// production. The flag must be set before Start: the listen goroutine that
// Open starts reads it, without a lock, when the connection drops, so
// setting it after Start is a data race (go test -race).
func startReconnectingBot(t *testing.T) *fd.Server {
	t.Helper()
	f := fd.New(t)
	b, err := New(Config{Token: fd.Token, APIURL: f.URL(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, answer.Engine{Engine: testengine.Get(t)})
	if err != nil {
		t.Fatal(err)
	}
	b.Session().ShouldReconnectOnError = true
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := b.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return f
}

func TestGatewayDropIsResumed(t *testing.T) {
	f := startReconnectingBot(t)
	f.Next(t)
	f.Drop()
	f.WaitResumed(t, 1, 10*time.Second)
	f.Dispatch("INTERACTION_CREATE", askFrom("502", "700", "is it law yet"))
	if r := f.Next(t); !strings.HasSuffix(r.Path, "/502/tok/callback") {
		t.Fatalf("after resuming: %s", r.Path)
	}
}

func TestBurstOf500Interactions(t *testing.T) {
	f, _ := startBot(t)
	f.Next(t)
	questions := []string{"can the cops ask if im undocumented", "will LA hand people over to la migra", "is it law yet",
		"wat about ICE at schools", "what is the capital of france", "did the doj sue los angeles", "when was it signed"}
	const n = 500
	sent := make([]time.Time, n)
	go func() {
		for k := 0; k < n; k++ {
			sent[k] = time.Now()
			f.Dispatch("INTERACTION_CREATE", askFrom(fmt.Sprint(10000+k), fmt.Sprint(20000+k), questions[k%len(questions)]))
		}
	}()
	var lat []time.Duration
	seen := map[string]bool{}
	deadline := time.After(60 * time.Second)
	for len(seen) < n {
		select {
		case r := <-f.Requests():
			parts := strings.Split(r.Path, "/")
			if len(parts) < 3 || parts[1] != "interactions" || seen[parts[2]] {
				continue
			}
			var k int
			fmt.Sscan(parts[2], &k)
			seen[parts[2]] = true
			lat = append(lat, time.Since(sent[k-10000]))
		case <-deadline:
			t.Fatalf("%d of %d interactions answered in 60 s", len(seen), n)
		}
	}
	slices.Sort(lat)
	p50, p99 := lat[n/2], lat[n*99/100]
	t.Logf("500 interactions: p50 %v, p99 %v, max %v", p50, p99, lat[n-1])
	if lat[n-1] > 3*time.Second && !raceEnabled { // no wall-clock bound under -race (race_test.go)
		t.Fatalf("slowest answer took %v, past Discord's 3 s window", lat[n-1])
	}
}

func TestCooldownAndDuplicateSuppression(t *testing.T) {
	f, _ := startBot(t, func(c *Config) { c.Cooldown = time.Hour; c.DuplicateWindow = time.Hour })
	f.Next(t)
	f.Dispatch("INTERACTION_CREATE", askFrom("601", "700", "what was the vote"))
	if b := decode(t, f.Next(t).Body); b["data"].(map[string]any)["flags"] != nil {
		t.Fatalf("first answer should be public: %v", b)
	}
	f.Dispatch("INTERACTION_CREATE", askFrom("602", "700", "is it law yet"))
	if b := string(f.Next(t).Body); !strings.Contains(b, "asking quickly") {
		t.Fatalf("second question within the cooldown: %.200s", b)
	}
	// Another user asks the same thing in the same channel: the answer is
	// sent to them alone, with a note.
	f.Dispatch("INTERACTION_CREATE", askFrom("603", "701", "what was the vote?"))
	b := decode(t, f.Next(t).Body)
	data := b["data"].(map[string]any)
	if data["flags"].(float64) != 64 || !strings.Contains(data["content"].(string), "a moment ago") || data["embeds"] == nil {
		t.Fatalf("duplicate answer: %v", data)
	}
}

func TestShutdownFinishesWorkInFlight(t *testing.T) {
	f, b := startBot(t)
	f.Next(t)
	var once sync.Once
	slow := make(chan struct{})
	f.Fail = func(w http.ResponseWriter, r fd.Request) bool {
		if strings.HasSuffix(r.Path, "/700/tok/callback") {
			once.Do(func() { close(slow) })
			time.Sleep(500 * time.Millisecond) // Discord slow to take the answer
		}
		return false
	}
	f.Dispatch("INTERACTION_CREATE", askFrom("700", "700", "what was the vote"))
	<-slow
	start := time.Now()
	done := make(chan error)
	go func() { done <- b.Shutdown(10 * time.Second) }()
	time.Sleep(50 * time.Millisecond)
	f.Dispatch("INTERACTION_CREATE", askFrom("701", "701", "is it law yet"))
	got := map[string]string{}
	for len(got) < 2 {
		r := f.Next(t)
		got[strings.Split(r.Path, "/")[2]] = string(r.Body)
	}
	if !strings.Contains(got["700"], "13–0") {
		t.Fatalf("the answer in flight was not finished: %.200s", got["700"])
	}
	if !strings.Contains(got["701"], "restarting") {
		t.Fatalf("new work during shutdown: %.200s", got["701"])
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Fatalf("shutdown took %v", took)
	}
}
