package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	fd "ordinancebot/internal/fakediscord"
	"ordinancebot/internal/pgtest"
	"ordinancebot/pins/pgstore"
)

// replica is one bot process in HTTP mode.
type replica struct {
	cmd      *exec.Cmd
	endpoint string
}

func startReplica(t *testing.T, f *fd.Server, dbURL string) *replica {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "OB_TEST_CHILD=bot", "DISCORD_TOKEN="+fd.Token, "DISCORD_API_URL="+f.URL(),
		"DATA_DIR="+t.TempDir(), "LOG_LEVEL=error", "GOGC=", "ASK_COOLDOWN=0", "DATABASE_URL="+dbURL,
		"INTERACTIONS_ADDR="+addr, "DISCORD_PUBLIC_KEY="+fd.PublicKeyHex(), "DISCORD_GATEWAY=off")
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := &replica{cmd: cmd, endpoint: "http://" + addr + "/interactions"}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return r
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("replica not ready within 30 s")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func pinAdd(q, a string) map[string]any {
	ic := fd.Interaction(2, map[string]any{"id": "91", "name": "pin", "type": 1, "options": []any{map[string]any{
		"name": "add", "type": 1, "options": []any{
			map[string]any{"name": "question", "type": 3, "value": q},
			map[string]any{"name": "answer", "type": 3, "value": a}}}}})
	ic["member"] = fd.Member("701", 1<<51)
	return ic
}

func content(body map[string]any) string {
	d, _ := body["data"].(map[string]any)
	s, _ := d["content"].(string)
	return s
}

// Two bot processes in HTTP mode share one PostgreSQL: what one pins the
// other shows at once, a vote given through both counts once, and a
// SIGKILL of one during a burst of pins loses no acknowledged pin while
// the other keeps answering.
func TestReplicasShareStateAndSurviveAKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two bot processes")
	}
	dbURL := pgtest.URL(t)
	f := fd.New(t)
	go func() { // the fake's request log is not read here
		for range f.Requests() {
		}
	}()
	a, b := startReplica(t, f, dbURL), startReplica(t, f, dbURL)

	if _, body := f.PostInteraction(t, a.endpoint, pinAdd("is the sky green", "No: a curated answer.")); !strings.Contains(content(body), "Pinned p1") {
		t.Fatalf("pin through A: %v", body)
	}
	// A fresh map each time: a reused one keeps its id, and the replicas
	// rightly answer an interaction id once.
	ask := func() map[string]any {
		return fd.Interaction(2, map[string]any{"id": "90", "name": "ask", "type": 1,
			"options": []any{map[string]any{"name": "question", "type": 3, "value": "is the sky green?"}}})
	}
	if _, body := f.PostInteraction(t, b.endpoint, ask()); !strings.Contains(string(mustMarshal(t, body)), "curated answer") {
		t.Fatalf("B does not show A's pin: %v", body)
	}
	for _, r := range []*replica{a, b, a} {
		vote := fd.Interaction(3, map[string]any{"custom_id": "fb+:is the sky green", "component_type": 2})
		vote["message"] = map[string]any{"id": "m1", "channel_id": fd.ChannelID, "content": "", "timestamp": "2026-01-01T00:00:00Z",
			"author": map[string]any{"id": fd.AppID, "username": "ordinancebot", "bot": true}}
		f.PostInteraction(t, r.endpoint, vote)
	}

	// The burst: pins through A until it is killed, acknowledgements kept.
	const burst, killAfter = 80, 25
	var mu sync.Mutex
	acked := map[string]string{}
	var wg sync.WaitGroup
	wg.Go(func() {
		for n := 1; n <= burst; n++ {
			q := fmt.Sprintf("burst question %d", n)
			_, body, err := f.TryPostInteraction(a.endpoint, pinAdd(q, fmt.Sprint("answer ", n)))
			if err != nil {
				return // A was killed
			}
			if m := ackRE.FindStringSubmatch(string(mustMarshal(t, body))); m != nil {
				mu.Lock()
				acked[m[2]] = m[1]
				mu.Unlock()
			}
		}
	})
	for {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= killAfter {
			break
		}
		time.Sleep(time.Millisecond)
	}
	a.cmd.Process.Signal(syscall.SIGKILL)
	wg.Wait()
	// B keeps answering.
	if code, body := f.PostInteraction(t, b.endpoint, ask()); code != 200 || !strings.Contains(string(mustMarshal(t, body)), "curated answer") {
		t.Fatalf("B after A's death: %d %v", code, body)
	}
	store, err := pgstore.Open(t.Context(), dbURL, pgstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ps, err := store.List(t.Context(), fd.GuildID)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]string{}
	for _, p := range ps {
		have[p.Questions[0]] = p.ID
	}
	for q, id := range acked {
		if have[q] != id {
			t.Errorf("acknowledged pin %s (%q) lost", id, q)
		}
	}
	if up, down, _ := store.Votes(t.Context(), fd.GuildID, "is the sky green"); up != 1 || down != 0 {
		t.Errorf("one user's vote through both replicas counted %d up, %d down", up, down)
	}
	t.Logf("%d pins acknowledged before the kill, %d stored", len(acked), len(ps)-1)
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
