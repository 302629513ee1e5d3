package bot

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// retryTransport retries requests Discord answered with 500, 503 or 504,
// a few times with growing pauses. (discordgo itself retries 502 and waits
// out 429 using retry_after.) A retried interaction callback that Discord
// had in fact accepted is refused as already acknowledged: harmless.
type retryTransport struct {
	next    http.RoundTripper
	retries int
	pause   time.Duration
}

func (rt retryTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	pause := rt.pause
	for attempt := 0; ; attempt++ {
		req := r
		if attempt > 0 {
			if r.GetBody != nil {
				body, err := r.GetBody()
				if err != nil {
					return nil, fmt.Errorf("replay request body: %w", err)
				}
				req = r.Clone(r.Context())
				req.Body = body
			} else if r.Body != nil && r.Body != http.NoBody {
				return nil, fmt.Errorf("cannot retry a request whose body cannot be replayed")
			}
		}
		resp, err := rt.next.RoundTrip(req)
		if err != nil || attempt >= rt.retries {
			return resp, err
		}
		switch resp.StatusCode {
		case http.StatusInternalServerError, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		default:
			return resp, nil
		}
		resp.Body.Close()
		select {
		case <-time.After(pause):
		case <-r.Context().Done():
			return nil, r.Context().Err()
		}
		pause *= 3
	}
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

// Observer receives what operations wants to count; nil is fine.
type Observer interface {
	Question(answered bool)
	Pinned()
	Feedback(helpful bool)
	Interaction(kind string, took time.Duration)
	Reconnected()
}

type noObserver struct{}

func (noObserver) Question(bool)                     {}
func (noObserver) Pinned()                           {}
func (noObserver) Feedback(bool)                     {}
func (noObserver) Interaction(string, time.Duration) {}
func (noObserver) Reconnected()                      {}

// answerKey identifies an answer for duplicate suppression: the passages
// shown and the pinned answer, if any.
func answerKey(ids []string, pin string) string {
	return pin + "|" + strings.Join(ids, ",")
}
