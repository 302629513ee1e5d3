// Package reload keeps the bot's search engine in step with CORPUS_DIR
// while it runs: a change to the folder (seen with fsnotify) or a SIGHUP
// parses the documents and builds a new engine in the background, then
// swaps it into the index.Holder the bot answers from. Until the swap, and
// for good when the new documents are invalid, questions are answered from
// the previous engine.
package reload

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"ordinancebot/corpus"
	"ordinancebot/index"
)

// Defaults for Config.
const (
	// DefaultQuiet is how long the folder must be still before a reload:
	// an editor saves with several writes and renames within milliseconds,
	// and a copy of many files takes a little longer.
	DefaultQuiet = 300 * time.Millisecond
	// DefaultMaxDelay bounds how long a stream of events can put a reload
	// off (a file written to continuously still gets reloaded).
	DefaultMaxDelay = 3 * time.Second
)

// Outcome is what one reload did.
type Outcome string

// Outcomes, also the metric's label values.
const (
	Swapped   Outcome = "swapped"
	Unchanged Outcome = "unchanged"
	Failed    Outcome = "failed"
)

// Config is what a Reloader needs.
type Config struct {
	// Dir is CORPUS_DIR, the folder watched; "" watches nothing (the
	// embedded documents cannot change while the binary runs), though
	// Reload and SIGHUP still work.
	Dir string
	// Load parses the documents (the embedded ones and Dir's).
	Load func() (*corpus.Corpus, error)
	// Build indexes a corpus, as at start-up.
	Build func(*corpus.Corpus) (*index.Engine, error)
	// Holder is what the bot answers from; Swap puts a new engine in.
	Holder *index.Holder
	Logger *slog.Logger
	// Quiet and MaxDelay debounce events (zero: the defaults).
	Quiet, MaxDelay time.Duration
	// Observe, if set, is told each reload's outcome (metrics).
	Observe func(Outcome)
}

// Reloader reloads the corpus on demand (Reload) or on events (Run).
type Reloader struct {
	cfg Config
	log *slog.Logger
	// mu makes reloads one at a time: two builds at once would double the
	// memory and could swap an older corpus in after a newer one.
	mu sync.Mutex
}

// New makes a Reloader.
func New(cfg Config) *Reloader {
	if cfg.Quiet <= 0 {
		cfg.Quiet = DefaultQuiet
	}
	if cfg.MaxDelay < cfg.Quiet {
		cfg.MaxDelay = max(DefaultMaxDelay, cfg.Quiet)
	}
	r := &Reloader{cfg: cfg, log: cfg.Logger}
	if r.log == nil {
		r.log = slog.Default()
	}
	return r
}

// Reload parses the documents and, when their version differs from the
// one being answered from, builds a new engine and swaps it in. The old
// engine keeps answering meanwhile; on any error it stays, and the error,
// logged with the file, line and reason when a document is invalid, is
// returned. why says what asked for the reload, for the log.
func (r *Reloader) Reload(why string) (Outcome, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	start := time.Now()
	was := r.cfg.Holder.Corpus()
	out, c, err := r.reload(was)
	if r.cfg.Observe != nil {
		r.cfg.Observe(out)
	}
	switch out {
	case Failed:
		r.logFailure(why, was.Version(), err)
	case Unchanged:
		// A SIGHUP is an operator's question: answer it at info. Events
		// that change nothing (touch, chmod, an editor's backup file) are
		// noise.
		level := slog.LevelDebug
		if why == "SIGHUP" {
			level = slog.LevelInfo
		}
		r.log.Log(context.Background(), level, "corpus unchanged", "trigger", why, "version", was.Version())
	case Swapped:
		r.log.Info("corpus reloaded", "trigger", why, "version", c.Version(), "was", was.Version(),
			"as_of", c.AsOf(), "documents", len(c.Docs), "passages", len(c.Passages), "took", time.Since(start))
	}
	return out, err
}

func (r *Reloader) reload(was *corpus.Corpus) (Outcome, *corpus.Corpus, error) {
	c, err := r.cfg.Load()
	if err != nil {
		return Failed, nil, err
	}
	if c.Version() == was.Version() {
		return Unchanged, c, nil
	}
	e, err := r.cfg.Build(c)
	if err != nil {
		return Failed, c, fmt.Errorf("build index: %w", err)
	}
	// Not waited for: the old engine closes itself when its last search
	// in flight finishes, which may be after this returns.
	r.cfg.Holder.Swap(e)
	return Swapped, c, nil
}

func (r *Reloader) logFailure(why, version string, err error) {
	const msg = "corpus reload failed: still answering from the previous documents"
	var pe *corpus.ParseError
	if errors.As(err, &pe) {
		r.log.Error(msg, "trigger", why, "version", version, "file", pe.File, "line", pe.Line, "reason", pe.Msg)
		return
	}
	r.log.Error(msg, "trigger", why, "version", version, "err", err)
}

// Run reloads on every change to Dir (debounced) and every value on hup
// (SIGHUP, at once) until ctx is done. Reloads happen one at a time in
// the background, so events keep being read during a long build and a
// burst of them during one build gives one more reload, not many. It
// returns an error only when Dir cannot be watched at all.
func (r *Reloader) Run(ctx context.Context, hup <-chan os.Signal) error {
	var events <-chan fsnotify.Event
	var errs <-chan error
	var w *fsnotify.Watcher
	if r.cfg.Dir != "" {
		var err error
		if w, err = fsnotify.NewWatcher(); err != nil {
			return fmt.Errorf("watch CORPUS_DIR: %w", err)
		}
		defer w.Close()
		if err := w.Add(r.cfg.Dir); err != nil {
			return fmt.Errorf("watch CORPUS_DIR %s: %w", r.cfg.Dir, err)
		}
		events, errs = w.Events, w.Errors
		r.log.Info("watching CORPUS_DIR for changes", "dir", r.cfg.Dir)
	}
	// One pending reload at most: a trigger while one is queued is
	// already covered by it.
	trigger := make(chan string, 1)
	var wg sync.WaitGroup
	defer wg.Wait()
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	wg.Go(func() {
		for {
			select {
			case <-wctx.Done():
				return
			case why := <-trigger:
				r.Reload(why)
				if w != nil {
					// The folder may have been removed and made again
					// (a deploy that replaces it): watch the new one.
					// Watching a path already watched changes nothing.
					if err := w.Add(r.cfg.Dir); err != nil {
						r.log.Warn("cannot watch CORPUS_DIR: changes need a SIGHUP until it is back", "dir", r.cfg.Dir, "err", err)
					}
				}
			}
		}
	})
	request := func(why string) {
		select {
		case trigger <- why:
		default:
		}
	}
	var quiet *time.Timer
	var fire <-chan time.Time
	var first time.Time // of the events not yet reloaded
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-hup:
			request("SIGHUP")
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			if !relevant(ev) {
				continue
			}
			r.log.Debug("CORPUS_DIR changed", "file", ev.Name, "op", ev.Op.String())
			now := time.Now()
			if fire == nil {
				first = now
			}
			// Wait until the folder is quiet, but not past MaxDelay
			// after the first event.
			wait := min(r.cfg.Quiet, first.Add(r.cfg.MaxDelay).Sub(now))
			if quiet == nil {
				quiet = time.NewTimer(wait)
			} else {
				quiet.Reset(wait)
			}
			fire = quiet.C
		case <-fire:
			fire = nil
			request("CORPUS_DIR changed")
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			// An overflow lost events: reload to be sure nothing is missed.
			r.log.Warn("watching CORPUS_DIR", "err", err)
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				request("CORPUS_DIR changed")
			}
		}
	}
}

// relevant reports whether an event can change the corpus: a *.md file,
// or a name Kubernetes swaps to update a mounted folder ("..data"). Chmod
// alone changes no content; editors' swap and backup files are not read.
func relevant(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod {
		return false
	}
	base := filepath.Base(ev.Name)
	return strings.HasSuffix(base, ".md") || strings.HasPrefix(base, "..")
}
