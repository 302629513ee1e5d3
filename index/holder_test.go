package index

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"ordinancebot/corpus"
)

func newTestEngine(t *testing.T) *Engine {
	t.Helper()
	c, err := corpus.Default("")
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(c, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// A search that started on an engine keeps it open across a swap: the old
// engine is closed only when that search releases it, and then at once.
func TestHolderClosesSwappedEngineAfterSearchesInFlight(t *testing.T) {
	old := newTestEngine(t)
	h := NewHolder(old)
	defer h.Close()
	r := h.acquire() // a search in flight on old
	if r.e != old {
		t.Fatal("acquired another engine")
	}
	next := newTestEngine(t)
	done := h.Swap(next)
	select {
	case <-done:
		t.Fatal("old engine closed while a search still used it")
	default:
	}
	// The search in flight still reads its (open) index.
	if res, err := r.e.Search("will the city help ICE?", 3, 0); err != nil || !res.Answered {
		t.Fatalf("search on the swapped-out engine: %v %+v", err, res)
	}
	if got := h.acquire(); got.e != next {
		t.Fatal("a new search did not get the new engine")
	} else {
		got.release()
	}
	r.release()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("old engine not closed after its last search")
	}
	if r.err != nil {
		t.Fatalf("close old engine: %v", r.err)
	}
}

// Questions asked in a loop from several goroutines while engines are
// swapped underneath get an answer every time (go test -race: no data
// race, no search on a closed index).
func TestHolderConcurrentSearchesDuringSwaps(t *testing.T) {
	h := NewHolder(newTestEngine(t))
	var stop atomic.Bool
	var wg sync.WaitGroup
	var asked atomic.Int64
	errc := make(chan error, 4)
	for range 3 {
		wg.Go(func() {
			for !stop.Load() {
				// Distinct questions miss the result cache, so the index is read.
				q := "will the city help ICE " + string(rune('a'+asked.Add(1)%26))
				res, err := h.SearchLang(q, "auto", "", 3, 0)
				if err != nil || res == nil {
					errc <- errors.Join(errors.New("search during a swap"), err)
					return
				}
				h.SuggestLang("sanct", "", 5)
				h.Comparer(q)("does the city help ice")
				h.PinMatcher([]PinDoc{{ID: "p1", Questions: []string{"who voted"}, Answer: "all of them"}}).Match(q, res)
				if h.Corpus() == nil {
					errc <- errors.New("no corpus during a swap")
					return
				}
			}
		})
	}
	for range 4 {
		<-h.Swap(newTestEngine(t))
	}
	stop.Store(true)
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Fatal(err)
	}
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Search("will the city help ICE?", 3, 0); !errors.Is(err, ErrClosed) {
		t.Fatalf("search after Close: %v, want ErrClosed", err)
	}
	if h.Corpus() == nil || h.PinMatcher(nil) != nil || h.Comparer("x")("x") != 0 {
		t.Fatal("after Close: want the last corpus, no matcher, no similarity")
	}
	t.Logf("%d questions during 4 swaps", asked.Load())
}
