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
	tat map[string]time.Time
	err error
}

func (m *mapThrottle) Take(_ context.Context, key string, interval time.Duration, burst int, now time.Time) (bool, time.Duration, error) {
	if m.err != nil {
		return false, 0, m.err
	}
	next, ok, wait := Bucket(m.tat[key], now, interval, burst)
	m.tat[key] = next
	return ok, wait, nil
}

func TestSharedThrottleSpansReplicas(t *testing.T) {
	shared := &mapThrottle{tat: map[string]time.Time{}}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, b := newLimiter(3*time.Second, 1, time.Minute), newLimiter(3*time.Second, 1, time.Minute)
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

// A burst of follow-up questions is answered; past it, one per cooldown.
func TestTokenBucketAllowsABurstThenOnePerCooldown(t *testing.T) {
	for _, shared := range []bool{false, true} {
		l := newLimiter(3*time.Second, 3, time.Minute)
		if shared {
			l.shared, l.log = &mapThrottle{tat: map[string]time.Time{}}, slog.New(slog.NewTextHandler(io.Discard, nil))
		}
		ctx := context.Background()
		now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		for k := 0; k < 3; k++ {
			if ok, _ := l.allow(ctx, "g/u", now); !ok {
				t.Fatalf("shared %v: question %d of a burst of 3 refused", shared, k+1)
			}
		}
		ok, wait := l.allow(ctx, "g/u", now)
		if ok || wait != 3*time.Second {
			t.Fatalf("shared %v: a 4th question at once: allowed %v, wait %v (want refused, 3s)", shared, ok, wait)
		}
		// Sustained: one every 3 s is answered, one faster is not.
		at := now
		for k := 0; k < 10; k++ {
			at = at.Add(3 * time.Second)
			if ok, _ := l.allow(ctx, "g/u", at); !ok {
				t.Fatalf("shared %v: sustained question %d at one per cooldown refused", shared, k)
			}
			if ok, _ := l.allow(ctx, "g/u", at.Add(time.Second)); ok {
				t.Fatalf("shared %v: a second question within one cooldown allowed at the sustained rate", shared)
			}
		}
		// Quiet for long enough, the bucket is full again.
		for k := 0; k < 3; k++ {
			if ok, _ := l.allow(ctx, "g/u", at.Add(time.Minute)); !ok {
				t.Fatalf("shared %v: after a quiet minute, question %d of a burst refused", shared, k+1)
			}
		}
		if ok, _ := l.allow(ctx, "g/other", now); !ok {
			t.Fatalf("shared %v: one user's burst refused another user", shared)
		}
	}
}

func TestBucketOfOneIsTheOldFixedGap(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tat, ok, _ := Bucket(time.Time{}, now, time.Minute, 1)
	if !ok || !tat.Equal(now.Add(time.Minute)) {
		t.Fatalf("first: %v %v", tat, ok)
	}
	if _, ok, wait := Bucket(tat, now.Add(20*time.Second), time.Minute, 1); ok || wait != 40*time.Second {
		t.Fatalf("within the gap: %v %v", ok, wait)
	}
	if _, ok, _ := Bucket(tat, now.Add(time.Minute), time.Minute, 1); !ok {
		t.Fatal("at the end of the gap: refused")
	}
}
