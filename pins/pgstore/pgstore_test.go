package pgstore

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"ordinancebot/answer"
	"ordinancebot/internal/pgtest"
	"ordinancebot/pins"
	"ordinancebot/pins/pinstest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

func open(t *testing.T, url string) *Store {
	t.Helper()
	s, err := Open(t.Context(), url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	pinstest.Run(t, func(t *testing.T) pins.Store { return open(t, pgtest.URL(t)) })
}

func TestReplicasShareSaltAndSchema(t *testing.T) {
	url := pgtest.URL(t)
	// Two replicas starting together on an empty database: one migrates
	// under the lock, the other waits and finds nothing to do.
	var wg sync.WaitGroup
	stores := make([]*Store, 4)
	errs := make([]error, 4)
	for i := range stores {
		wg.Go(func() { stores[i], errs[i] = Open(t.Context(), url, Options{}) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("replica %d: %v", i, err)
		}
		defer stores[i].Close()
	}
	for i := range stores {
		if stores[i].UserKey("42") != stores[0].UserKey("42") {
			t.Fatal("replicas hash user ids differently: votes would count twice")
		}
	}
	var n int
	if err := stores[0].pool.QueryRow(t.Context(), `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != LatestVersion() {
		t.Fatalf("schema_migrations has %d rows (%v), want %d", n, err, LatestVersion())
	}
	// A restart keeps the salt and migrates nothing.
	again := open(t, url)
	if again.UserKey("42") != stores[0].UserKey("42") {
		t.Fatal("the salt changed on reopen")
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	url := pgtest.URL(t)
	s := open(t, url)
	if _, err := s.pool.Exec(t.Context(), `INSERT INTO schema_migrations (version, name) VALUES (9999, 'future.sql')`); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(t.Context(), url, Options{}); err == nil || !strings.Contains(err.Error(), "upgrade the bot") {
		t.Fatalf("opening a newer schema: %v", err)
	}
}

// Two pools, as two replicas would have, adding pins to one guild at once:
// every Add that returned is there, each with its own id.
func TestConcurrentAddsLoseNoPin(t *testing.T) {
	url := pgtest.URL(t)
	a, b := open(t, url), open(t, url)
	const per = 40
	var mu sync.Mutex
	got := map[string]string{}
	var wg sync.WaitGroup
	for w, s := range []*Store{a, b, a, b} {
		wg.Go(func() {
			for i := range per {
				answer := fmt.Sprintf("w%d-%d", w, i)
				p, err := s.Add(context.Background(), pins.Pin{Guild: "g", Questions: []string{"q " + answer}, Answer: answer})
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				if prev, dup := got[p.ID]; dup {
					t.Errorf("id %s given to %s and %s", p.ID, prev, answer)
				}
				got[p.ID] = answer
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	ps, err := b.List(t.Context(), "g")
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 4*per || len(got) != 4*per {
		t.Fatalf("%d pins listed, %d acknowledged, want %d", len(ps), len(got), 4*per)
	}
	for _, p := range ps {
		if got[p.ID] != p.Answer {
			t.Fatalf("pin %s is %q, acknowledged as %q", p.ID, p.Answer, got[p.ID])
		}
	}
}

// Many users voting through two replicas, each user several times and
// from both: one vote per user, the last one given.
func TestConcurrentVotesOnePerUser(t *testing.T) {
	url := pgtest.URL(t)
	a, b := open(t, url), open(t, url)
	const users = 30
	var wg sync.WaitGroup
	for u := range users {
		wg.Go(func() {
			user := fmt.Sprintf("u%d", u)
			for round := range 3 {
				s := a
				if (u+round)%2 == 1 {
					s = b
				}
				// Even users end on helpful, odd ones on not helpful.
				helpful := round < 2 || u%2 == 0
				if _, _, err := s.Vote(context.Background(), "g", "Is it law?", user, helpful); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	up, down, err := a.Votes(t.Context(), "g", "is it LAW?")
	if err != nil || up != users/2 || down != users/2 {
		t.Fatalf("votes %d up, %d down (%v); want %d and %d", up, down, err, users/2, users/2)
	}
}

// Two replicas queueing the same new question at once make one entry.
func TestConcurrentEnqueueGroups(t *testing.T) {
	url := pgtest.URL(t)
	a, b := open(t, url), open(t, url)
	var wg sync.WaitGroup
	for i := range 20 {
		s := a
		if i%2 == 1 {
			s = b
		}
		wg.Go(func() {
			q := pins.Queued{Question: "What about parking?", Reason: pins.ReasonNoAnswer, At: time.Now()}
			if i%3 == 0 {
				q.Question = "WHAT ABOUT PARKING?"
			}
			if _, err := s.Enqueue(context.Background(), "g", q); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	q, err := a.Queue(t.Context(), "g", 0)
	if err != nil || len(q) != 1 || q[0].Count != 20 {
		t.Fatalf("queue %+v (%v), want one entry asked 20 times", q, err)
	}
}

func TestTakeIsSharedAndExpires(t *testing.T) {
	url := pgtest.URL(t)
	a, b := open(t, url), open(t, url)
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	if ok, _, err := a.Take(t.Context(), "cool/u1", 3*time.Second, 1, now); !ok || err != nil {
		t.Fatalf("first take: %v %v", ok, err)
	}
	ok, wait, err := b.Take(t.Context(), "cool/u1", 3*time.Second, 1, now.Add(time.Second))
	if ok || err != nil || wait != 2*time.Second {
		t.Fatalf("take through the other replica within the hold: %v, wait %v, %v", ok, wait, err)
	}
	if ok, _, _ := b.Take(t.Context(), "cool/u2", 3*time.Second, 1, now.Add(time.Second)); !ok {
		t.Fatal("another key is held too")
	}
	if ok, _, _ := b.Take(t.Context(), "cool/u1", 3*time.Second, 1, now.Add(3*time.Second)); !ok {
		t.Fatal("the hold did not expire")
	}
	// Many at once on one fresh key: exactly one wins.
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins := 0
	for i := range 16 {
		s := a
		if i%2 == 1 {
			s = b
		}
		wg.Go(func() {
			ok, _, err := s.Take(context.Background(), "dup/chan/answer", time.Minute, 1, now)
			if err != nil {
				t.Error(err)
			}
			if ok {
				mu.Lock()
				wins++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if wins != 1 {
		t.Fatalf("%d replicas took the same key at once", wins)
	}
}

// The shared bucket is answer.Bucket: the same answers, waits and
// refusals over a sequence of requests with bursts, gaps and several keys,
// including many replicas spending one burst at once.
func TestTakeIsAnswerBucket(t *testing.T) {
	url := pgtest.URL(t)
	a, b := open(t, url), open(t, url)
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	rng := rand.New(rand.NewPCG(1, 2))
	model := map[string]time.Time{}
	for k := range 300 {
		key := fmt.Sprintf("ask/u%d", rng.IntN(3))
		burst := 1 + int(key[len(key)-1]-'0') // 1, 2 or 3 per key, fixed
		now = now.Add(time.Duration(rng.IntN(2500)) * time.Millisecond)
		s := a
		if k%2 == 1 {
			s = b
		}
		ok, wait, err := s.Take(t.Context(), key, 3*time.Second, burst, now)
		if err != nil {
			t.Fatal(err)
		}
		next, wantOK, wantWait := answer.Bucket(model[key], now, 3*time.Second, burst)
		model[key] = next
		if ok != wantOK || wait != wantWait {
			t.Fatalf("request %d (%s, burst %d): store %v wait %v, answer.Bucket %v wait %v", k, key, burst, ok, wait, wantOK, wantWait)
		}
	}
	// 16 at once on a fresh key with a burst of 3: exactly 3 win.
	var wg sync.WaitGroup
	var wins atomic.Int32
	for i := range 16 {
		s := a
		if i%2 == 1 {
			s = b
		}
		wg.Go(func() {
			if ok, _, err := s.Take(context.Background(), "ask/burst", time.Minute, 3, now); err != nil {
				t.Error(err)
			} else if ok {
				wins.Add(1)
			}
		})
	}
	wg.Wait()
	if n := wins.Load(); n != 3 {
		t.Fatalf("%d of 16 simultaneous requests took a token from a bucket of 3", n)
	}
}

func TestDownAtStartIsAClearError(t *testing.T) {
	// A port nothing listens on, with a password that must not leak.
	url := fmt.Sprintf("postgres://bot:s3cr3t-pw@127.0.0.1:%d/pins?sslmode=disable", freePort(t))
	_, err := Open(t.Context(), url, Options{ConnectTimeout: time.Second})
	if err == nil {
		t.Fatal("opened a database that is not there")
	}
	msg := err.Error()
	if strings.Contains(msg, "s3cr3t-pw") {
		t.Fatalf("the error repeats the password: %s", msg)
	}
	if !strings.Contains(msg, "not reachable") || !strings.Contains(msg, "127.0.0.1") {
		t.Fatalf("unclear error: %s", msg)
	}
}

func TestWriteDuringOutageFailsThenRecovers(t *testing.T) {
	srv := pgtest.Shared(t)
	s, err := Open(t.Context(), srv.NewDatabase(t), Options{OpTimeout: time.Second, ConnectTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	srv.Outage(t, func() {
		start := time.Now()
		_, err := s.Add(t.Context(), pins.Pin{Guild: "g", Questions: []string{"q"}, Answer: "a"})
		if err == nil {
			t.Fatal("a pin was acknowledged with the database down")
		}
		if errors.Is(err, pins.ErrInvalid) || errors.Is(err, pins.ErrNotFound) {
			t.Fatalf("an outage reported as a refusal: %v", err)
		}
		if took := time.Since(start); took > 2*time.Second {
			t.Fatalf("the failed write took %v: too slow for Discord's 3 s", took)
		}
	})
	// The pool reconnects by itself once the database is back.
	deadline := time.Now().Add(10 * time.Second)
	for {
		p, err := s.Add(t.Context(), pins.Pin{Guild: "g", Questions: []string{"q"}, Answer: "a"})
		if err == nil {
			if p.ID != "p1" {
				t.Fatalf("after the outage the pin is %s: the failed one took an id", p.ID)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no recovery after the outage: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://bot:pw@db:5432/pins":           "postgres://bot:xxxxx@db:5432/pins",
		"postgres://bot@db/pins?sslmode=require":   "postgres://bot@db/pins?sslmode=require",
		"postgres://db/pins?password=pw&user=bot":  "postgres://db/pins?password=xxxxx&user=bot",
		"host=db password=pw":                      "(unparsable URL)",
		"postgresql://:p%40ss@[::1]:5433/x?x=1#ff": "postgresql://:xxxxx@[::1]:5433/x?x=1#ff",
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
