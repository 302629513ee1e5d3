package answer

import (
	"sync"
	"time"
)

// limiter keeps a busy server calm: one question per user per cooldown, and
// the same answer not posted twice in a channel within a window.
type limiter struct {
	mu        sync.Mutex
	cooldown  time.Duration
	window    time.Duration
	lastAsk   map[string]time.Time // guild/user → last question
	lastReply map[string]time.Time // channel/answer → last time posted
	swept     time.Time
}

func newLimiter(cooldown, window time.Duration) *limiter {
	return &limiter{cooldown: cooldown, window: window, lastAsk: map[string]time.Time{}, lastReply: map[string]time.Time{}}
}

// allow reports whether the user may ask now, and if not how long to wait.
func (l *limiter) allow(user string, now time.Time) (bool, time.Duration) {
	if l == nil || l.cooldown <= 0 || user == "" {
		return true, 0
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
func (l *limiter) duplicate(channel, answer string, now time.Time) bool {
	if l == nil || l.window <= 0 || channel == "" || answer == "" {
		return false
	}
	key := channel + "\x00" + answer
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	if last, ok := l.lastReply[key]; ok && now.Sub(last) < l.window {
		return true
	}
	l.lastReply[key] = now
	return false
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
