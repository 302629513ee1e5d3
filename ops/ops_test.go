package ops

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestHealthAndMetrics(t *testing.T) {
	m := NewMetrics()
	var up atomic.Bool
	s, err := Listen(":0", m, up.Load)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	if !strings.HasPrefix(s.Addr(), "127.0.0.1:") {
		t.Fatalf("bare port bound to %s, want loopback", s.Addr())
	}
	get := func(path string) (int, string) {
		resp, err := http.Get("http://" + s.Addr() + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, _ := get("/healthz"); code != http.StatusServiceUnavailable {
		t.Fatalf("healthz before connecting: %d", code)
	}
	up.Store(true)
	if code, _ := get("/healthz"); code != http.StatusOK {
		t.Fatalf("healthz when connected: %d", code)
	}
	m.Question(true)
	m.Question(false)
	m.Pinned()
	m.Feedback(false)
	m.Interaction("APPLICATION_COMMAND", 3*time.Millisecond)
	m.Reconnected()
	m.Throttled("mention")
	_, body := get("/metrics")
	for _, want := range []string{`ordinancebot_questions_total{answered="true"} 1`, `ordinancebot_questions_total{answered="false"} 1`,
		"ordinancebot_pins_total 1", `ordinancebot_feedback_total{helpful="false"} 1`,
		`ordinancebot_interaction_seconds_count{type="APPLICATION_COMMAND"} 1`, "ordinancebot_gateway_reconnects_total 1",
		`ordinancebot_throttled_total{via="mention"} 1`, "go_goroutines"} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

// /healthz keeps its readiness status and first line, and adds the corpus
// version and as-of dates after it, or in JSON when asked for.
func TestHealthzShowsCorpusVersion(t *testing.T) {
	var up atomic.Bool
	version := atomic.Value{}
	version.Store("0123456789ab")
	loaded := time.Date(2026, 7, 4, 12, 0, 0, 0, time.UTC)
	s, err := ListenHealth("127.0.0.1:0", NewMetrics(), Health{Ready: up.Load, Corpus: func() Corpus {
		return Corpus{Version: version.Load().(string), AsOf: "2026-07-03", Passages: 67, LoadedAt: loaded,
			Documents: []CorpusDoc{{ID: "article", AsOf: "2024-11-20"}, {ID: "summary", AsOf: "2026-07-03"}}}
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	get := func(accept string) (int, string) {
		req, _ := http.NewRequest("GET", "http://"+s.Addr()+"/healthz", nil)
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get(""); code != http.StatusServiceUnavailable || !strings.HasPrefix(body, "not ready: ") || !strings.Contains(body, "corpus 0123456789ab") {
		t.Fatalf("not ready: %d %q", code, body)
	}
	up.Store(true)
	code, body := get("")
	want := "ok\ncorpus 0123456789ab as of 2026-07-03, 67 passages, loaded 2026-07-04T12:00:00Z\ndocument article as of 2024-11-20\ndocument summary as of 2026-07-03\n"
	if code != http.StatusOK || body != want {
		t.Fatalf("healthz: %d\n%s\nwant\n%s", code, body, want)
	}
	version.Store("ba9876543210")
	code, body = get("application/json")
	if code != http.StatusOK || !strings.Contains(body, `"ready":true`) || !strings.Contains(body, `"version":"ba9876543210"`) ||
		!strings.Contains(body, `{"id":"article","as_of":"2024-11-20"}`) {
		t.Fatalf("healthz JSON after a reload: %d %s", code, body)
	}
}
