package answer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"sync"
	"time"
)

// Throttle is cooldown and duplicate-window state shared by several
// replicas (pgstore.Store has it): Take holds key until now+hold if it is
// free, else says how long until it frees. Without one, the state is this
// process's own, which is right for a single process.
type Throttle interface {
	Take(ctx context.Context, key string, hold time.Duration, now time.Time) (bool, time.Duration, error)
}

// limiter keeps a busy server calm: one question per user per cooldown, and
// the same answer not posted twice in a channel within a window.
type limiter struct {
	mu        sync.Mutex
	cooldown  time.Duration
	window    time.Duration
	lastAsk   map[string]time.Time // guild/user → last question
	lastReply map[string]time.Time // channel/answer → last time posted
	swept     time.Time
	// shared, when set, is asked first; if it fails the local maps
	// decide, since a cooldown is a courtesy and not worth a lost answer.
	shared Throttle
	log    *slog.Logger
}

func newLimiter(cooldown, window time.Duration) *limiter {
	return &limiter{cooldown: cooldown, window: window, lastAsk: map[string]time.Time{}, lastReply: map[string]time.Time{}}
}

// allow reports whether the user may ask now, and if not how long to wait.
func (l *limiter) allow(ctx context.Context, user string, now time.Time) (bool, time.Duration) {
	if l == nil || l.cooldown <= 0 || user == "" {
		return true, 0
	}
	if ok, wait, done := l.take(ctx, "ask\x00"+user, l.cooldown, now); done {
		return ok, wait
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	if last, ok := l.lastAsk[user]; ok && now.Sub(last) < l.cooldown {
		return false, l.cooldown - now.Sub(last)
	}
	l.lastAsk[user] = now
	return true, 0
}

// duplicate reports whether this answer was posted in the channel within
// the window; if not, it records it as posted now.
func (l *limiter) duplicate(ctx context.Context, channel, answer string, now time.Time) bool {
	if l == nil || l.window <= 0 || channel == "" || answer == "" {
		return false
	}
	key := channel + "\x00" + answer
	// Hashed for the shared store: an answer key lists passage ids and
	// may be long.
	sum := sha256.Sum256([]byte(key))
	if ok, _, done := l.take(ctx, "dup\x00"+hex.EncodeToString(sum[:16]), l.window, now); done {
		return !ok
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	if last, ok := l.lastReply[key]; ok && now.Sub(last) < l.window {
		return true
	}
	l.lastReply[key] = now
	return false
}

// take asks the shared throttle; done is false when there is none or it
// failed, and the local state should decide.
func (l *limiter) take(ctx context.Context, key string, hold time.Duration, now time.Time) (ok bool, wait time.Duration, done bool) {
	if l.shared == nil {
		return false, 0, false
	}
	ok, wait, err := l.shared.Take(ctx, key, hold, now)
	if err != nil {
		l.log.Warn("shared cooldown unavailable; using this replica's own", "err", err)
		return false, 0, false
	}
	return ok, wait, true
}

// sweep drops old entries once a minute, so the maps stay small.
func (l *limiter) sweep(now time.Time) {
	if now.Sub(l.swept) < time.Minute {
		return
	}
	l.swept = now
	for k, t := range l.lastAsk {
		if now.Sub(t) > l.cooldown {
			delete(l.lastAsk, k)
		}
	}
	for k, t := range l.lastReply {
		if now.Sub(t) > l.window {
			delete(l.lastReply, k)
		}
	}
}
