package answer

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"
)

// mapThrottle is a shared throttle in memory, as two replicas would see
// one database.
type mapThrottle struct {
	until map[string]time.Time
	err   error
}

func (m *mapThrottle) Take(_ context.Context, key string, hold time.Duration, now time.Time) (bool, time.Duration, error) {
	if m.err != nil {
		return false, 0, m.err
	}
	if u, ok := m.until[key]; ok && now.Before(u) {
		return false, u.Sub(now), nil
	}
	m.until[key] = now.Add(hold)
	return true, 0, nil
}

func TestSharedThrottleSpansReplicas(t *testing.T) {
	shared := &mapThrottle{until: map[string]time.Time{}}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, b := newLimiter(3*time.Second, time.Minute), newLimiter(3*time.Second, time.Minute)
	a.shared, a.log, b.shared, b.log = shared, quiet, shared, quiet
	now := time.Now()
	ctx := context.Background()
	if ok, _ := a.allow(ctx, "g/u", now); !ok {
		t.Fatal("first question refused")
	}
	if ok, wait := b.allow(ctx, "g/u", now.Add(time.Second)); ok || wait != 2*time.Second {
		t.Fatalf("the other replica let the user ask again at once (wait %v)", wait)
	}
	if a.duplicate(ctx, "c", "p1|a", now) || !b.duplicate(ctx, "c", "p1|a", now.Add(time.Second)) {
		t.Fatal("the same answer in one channel is not a duplicate across replicas")
	}
	// The database down: each replica falls back on its own memory rather
	// than refusing to answer.
	shared.err = errors.New("connection refused")
	if ok, _ := b.allow(ctx, "g/v", now); !ok {
		t.Fatal("an outage of the shared throttle refused a question")
	}
	if ok, _ := b.allow(ctx, "g/v", now.Add(time.Second)); ok {
		t.Fatal("the local fallback has no cooldown")
	}
}
