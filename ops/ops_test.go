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
