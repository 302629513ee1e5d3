package answer

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"sync"
	"time"
)

// Throttle is rate-limit state shared by several replicas (pgstore.Store
// has it). Take is one request against the token bucket at key: a bucket
// holds burst tokens and one comes back every interval. It reports whether
// the request took a token and, if not, how long until one is back. It
// must behave exactly like Bucket (pgstore's tests hold it to that).
// Without one, the state is this process's own, which is right for a
// single process.
type Throttle interface {
	Take(ctx context.Context, key string, interval time.Duration, burst int, now time.Time) (bool, time.Duration, error)
}

// Bucket is the token bucket every limiter here uses, in the form that
// keeps one time per key (GCRA): tat is when the bucket would be full
// again ("theoretical arrival time"; the zero time for an unknown key).
// A request at now is allowed while tat is at most (burst-1) intervals
// ahead of now, and moves tat one interval on. So burst requests back to
// back are allowed, then one per interval. It returns the new tat, whether
// the request was allowed, and when refused how long until it would be.
//
// One time per key is what lets PostgreSQL keep the same bucket in one
// row updated by one statement (pgstore.Store.Take mirrors this in SQL).
func Bucket(tat, now time.Time, interval time.Duration, burst int) (next time.Time, ok bool, wait time.Duration) {
	if burst < 1 {
		burst = 1
	}
	if tat.Before(now) {
		tat = now
	}
	if over := tat.Sub(now) - time.Duration(burst-1)*interval; over > 0 {
		return tat, false, over
	}
	return tat.Add(interval), true, 0
}

// limiter keeps a busy server calm: a token bucket per user (a short
// burst, then one question per cooldown), and the same post not made
// twice in a channel within a window (a bucket of one).
type limiter struct {
	mu       sync.Mutex
	cooldown time.Duration
	burst    int
	window   time.Duration
	asks     map[string]time.Time // guild/user → bucket's tat
	posts    map[string]time.Time // channel/answer → end of its window
	swept    time.Time
	// shared, when set, is asked first; if it fails the local maps
	// decide, since a cooldown is a courtesy and not worth a lost answer.
	shared Throttle
	log    *slog.Logger
}

func newLimiter(cooldown time.Duration, burst int, window time.Duration) *limiter {
	if burst < 1 {
		burst = 1
	}
	return &limiter{cooldown: cooldown, burst: burst, window: window, asks: map[string]time.Time{}, posts: map[string]time.Time{}}
}

// allow reports whether the user may ask now, and if not how long to wait.
func (l *limiter) allow(ctx context.Context, user string, now time.Time) (bool, time.Duration) {
	if l == nil || l.cooldown <= 0 || user == "" {
		return true, 0
	}
	return l.take(ctx, l.asks, "ask\x00"+user, user, l.cooldown, l.burst, now)
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
	ok, _ := l.take(ctx, l.posts, "dup\x00"+hex.EncodeToString(sum[:16]), key, l.window, 1, now)
	return !ok
}

// take runs Bucket on the shared throttle, or on local when there is none
// or it failed.
func (l *limiter) take(ctx context.Context, local map[string]time.Time, sharedKey, localKey string, interval time.Duration, burst int, now time.Time) (bool, time.Duration) {
	if l.shared != nil {
		ok, wait, err := l.shared.Take(ctx, sharedKey, interval, burst, now)
		if err == nil {
			return ok, wait
		}
		l.log.Warn("shared cooldown unavailable; using this replica's own", "err", err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	next, ok, wait := Bucket(local[localKey], now, interval, burst)
	local[localKey] = next
	return ok, wait
}

// sweep drops full buckets once a minute (an absent key is a full
// bucket), so the maps stay as small as the set of recent askers.
func (l *limiter) sweep(now time.Time) {
	if now.Sub(l.swept) < time.Minute {
		return
	}
	l.swept = now
	for _, m := range []map[string]time.Time{l.asks, l.posts} {
		for k, tat := range m {
			if !tat.After(now) {
				delete(m, k)
			}
		}
	}
}

// logKey is keyed per process, so a user's refusals can be followed in
// one run's debug log while the log never holds their Discord id: a plain
// hash of a snowflake could be reversed by trying every id.
var logKey = func() []byte {
	k := make([]byte, 16)
	rand.Read(k)
	return k
}()

// hashUser is a user id fit for a log line.
func hashUser(id string) string {
	m := hmac.New(sha256.New, logKey)
	m.Write([]byte(id))
	return hex.EncodeToString(m.Sum(nil)[:6])
}
