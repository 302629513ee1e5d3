package index

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"ordinancebot/corpus"
)

// ErrClosed is returned by a Holder's searches after Close.
var ErrClosed = errors.New("search engine closed")

// Holder is the engine the bot answers from, replaceable while it runs
// (hot reload of CORPUS_DIR): Swap puts a fully built engine in with one
// atomic store, so every question is answered by the old engine or by the
// new one, never by one half built, and none waits for a rebuild. It
// implements the bot's and the answer service's Searcher by delegating to
// the current engine. An engine swapped out is closed only when the last
// search that started on it has finished: no use after close.
type Holder struct {
	cur atomic.Pointer[engineRef]
	// last is the corpus of the newest engine, kept after Close so the
	// bot's Corpus() never returns nil while it shuts down.
	last atomic.Pointer[corpus.Corpus]
	mu   sync.Mutex // serializes Swap and Close
}

// engineRef counts the users of one engine: one for the Holder while the
// engine is current, one per search in flight.
type engineRef struct {
	e      *Engine
	loaded time.Time
	refs   atomic.Int64
	done   chan struct{} // closed when e has been closed
	err    error         // e.Close's, readable after done
}

func newRef(e *Engine) *engineRef {
	r := &engineRef{e: e, loaded: time.Now(), done: make(chan struct{})}
	r.refs.Store(1)
	return r
}

// tryAcquire takes a reference unless the count already reached zero (the
// engine is being closed); a compare-and-swap, so a search can never
// revive an engine that is closing.
func (r *engineRef) tryAcquire() bool {
	for {
		n := r.refs.Load()
		if n <= 0 {
			return false
		}
		if r.refs.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

func (r *engineRef) release() {
	if r.refs.Add(-1) == 0 {
		r.err = r.e.Close()
		close(r.done)
	}
}

// NewHolder holds e, which must not be nil.
func NewHolder(e *Engine) *Holder {
	h := &Holder{}
	h.cur.Store(newRef(e))
	h.last.Store(e.Corpus())
	return h
}

// acquire returns the current engine with a reference taken, or nil after
// Close. A reference that fails means Swap replaced that engine and gave up
// its own reference in between: the next Load sees the new one.
func (h *Holder) acquire() *engineRef {
	for {
		r := h.cur.Load()
		if r == nil || r.tryAcquire() {
			return r
		}
	}
}

// Swap makes e the engine every new search uses and returns a channel
// closed once the previous engine has finished its searches in flight and
// has been closed. After Close, e is closed at once and not used.
func (h *Holder) Swap(e *Engine) <-chan struct{} {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.cur.Load() == nil {
		e.Close()
		done := make(chan struct{})
		close(done)
		return done
	}
	old := h.cur.Swap(newRef(e))
	h.last.Store(e.Corpus())
	old.release()
	return old.done
}

// Close stops new searches (they get ErrClosed), waits for those in
// flight, and closes the engine.
func (h *Holder) Close() error {
	h.mu.Lock()
	old := h.cur.Swap(nil)
	h.mu.Unlock()
	if old == nil {
		return nil
	}
	old.release()
	<-old.done
	return old.err
}

// with runs fn on the current engine, holding a reference; false after
// Close.
func (h *Holder) with(fn func(e *Engine)) bool {
	r := h.acquire()
	if r == nil {
		return false
	}
	defer r.release()
	fn(r.e)
	return true
}

// SearchLang is Engine.SearchLang on the current engine.
func (h *Holder) SearchLang(question, lang, hint string, limit, offset int) (res *Result, err error) {
	if !h.with(func(e *Engine) { res, err = e.SearchLang(question, lang, hint, limit, offset) }) {
		return nil, ErrClosed
	}
	return res, err
}

// Search is Engine.Search on the current engine.
func (h *Holder) Search(question string, limit, offset int) (*Result, error) {
	return h.SearchLang(question, "auto", "", limit, offset)
}

// SuggestLang is Engine.SuggestLang on the current engine; nothing after
// Close.
func (h *Holder) SuggestLang(typed, hint string, n int) (out []string) {
	h.with(func(e *Engine) { out = e.SuggestLang(typed, hint, n) })
	return out
}

// Comparer is Engine.Comparer on the current engine. The function it
// returns may outlive a swap: it uses only the engine's analyzers, term
// statistics and synonyms, which are plain memory, never its bleve
// indexes, so it stays valid after that engine is closed. After Close it
// compares nothing (0).
func (h *Holder) Comparer(question string) (f func(string) float64) {
	if !h.with(func(e *Engine) { f = e.Comparer(question) }) {
		return func(string) float64 { return 0 }
	}
	return f
}

// PinMatcher is Engine.PinMatcher on the current engine. Like Comparer's
// function, the matcher uses no bleve index and stays valid after a swap;
// callers that cache one should rebuild it when CorpusVersion changes, so
// pins are matched with the new corpus's words. nil (matches nothing)
// after Close.
func (h *Holder) PinMatcher(docs []PinDoc) (m *PinMatcher) {
	h.with(func(e *Engine) { m = e.PinMatcher(docs) })
	return m
}

// Similar is Engine.Similar on the current engine; 0 after Close.
func (h *Holder) Similar(a, b string) (s float64) {
	h.with(func(e *Engine) { s = e.Similar(a, b) })
	return s
}

// Corpus is the current engine's corpus (the last one after Close). A
// result from a search that started before a swap cites the previous
// corpus's passages; both are immutable, so either may be read at any time.
func (h *Holder) Corpus() *corpus.Corpus { return h.last.Load() }

// CorpusVersion is the current corpus's content hash (corpus.Version).
func (h *Holder) CorpusVersion() string { return h.Corpus().Version() }

// LoadedAt is when the current engine was swapped in (or the Holder made).
func (h *Holder) LoadedAt() time.Time {
	r := h.acquire()
	if r == nil {
		return time.Time{}
	}
	defer r.release()
	return r.loaded
}

// KeySpans is Engine.KeySpans on the current engine; none after Close. A
// hit from before a swap is ranked with the new engine's term statistics,
// which only decides which words are bold.
func (h *Holder) KeySpans(hit Hit, n int) (s []Span) {
	h.with(func(e *Engine) { s = e.KeySpans(hit, n) })
	return s
}
