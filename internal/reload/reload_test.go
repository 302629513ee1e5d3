package reload

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"ordinancebot/answer"
	"ordinancebot/corpus"
	"ordinancebot/index"
)

const doc = `---
id: council-note
kind: note
title: Council note
publisher: City Clerk
date: 2025-01-01
as_of: 2025-01-01
---
`

// oldText and newText each answer a question the other does not: the
// engine declines a question whose only words the corpus lacks.
const (
	oldText  = "The ordinance review panel meets in the Marigold Room of City Hall to check compliance.\n"
	newText  = "The ordinance review panel now meets in the Tangerine Pavilion of City Hall to check compliance.\n"
	askOld   = "what is the marigold room?"
	askNew   = "what is the tangerine pavilion?"
	wantPass = "council-note-1"
)

// fixture is a temporary CORPUS_DIR with one document, a holder built
// from it and a reloader over it whose log the test can read.
type fixture struct {
	dir    string
	holder *index.Holder
	r      *Reloader
	logs   *syncBuffer
}

func newFixture(t *testing.T, dir string) *fixture {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
		write(t, filepath.Join(dir, "note.md"), doc+oldText)
	}
	f := &fixture{dir: dir, logs: &syncBuffer{}}
	load := func() (*corpus.Corpus, error) { return corpus.Default(dir) }
	build := func(c *corpus.Corpus) (*index.Engine, error) { return index.New(c, index.DefaultOptions()) }
	c, err := load()
	if err != nil {
		t.Fatal(err)
	}
	e, err := build(c)
	if err != nil {
		t.Fatal(err)
	}
	f.holder = index.NewHolder(e)
	t.Cleanup(func() { f.holder.Close() })
	f.r = New(Config{Dir: dir, Load: load, Build: build, Holder: f.holder, Quiet: 50 * time.Millisecond,
		Logger: slog.New(slog.NewJSONHandler(f.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	return f
}

// run starts the watcher; it stops when the test ends.
func (f *fixture) run(t *testing.T, hup <-chan os.Signal) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.r.Run(ctx, hup) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	// fsnotify sees changes from Add on, inside Run: wait for it.
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(f.logs.String(), `"msg":"watching CORPUS_DIR for changes"`) {
		if time.Now().After(deadline) {
			t.Fatalf("the watcher did not start; logs:\n%s", f.logs.String())
		}
		time.Sleep(time.Millisecond)
	}
}

// notifyHUP sends this process's SIGHUPs to hup for the test's duration.
func notifyHUP(t *testing.T, hup chan<- os.Signal) {
	signal.Notify(hup, syscall.SIGHUP)
	t.Cleanup(func() { signal.Stop(hup) })
}

// waitVersion polls, for at most 10 s, until the holder answers from
// another corpus than was.
func (f *fixture) waitVersion(t *testing.T, was string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for f.holder.CorpusVersion() == was {
		if time.Now().After(deadline) {
			t.Fatalf("no reload within 10 s; logs:\n%s", f.logs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// answers reports whether question's first passage is the note's.
func (f *fixture) answers(t *testing.T, question string) bool {
	t.Helper()
	res, err := f.holder.Search(question, 3, 0)
	if err != nil {
		t.Fatal(err)
	}
	return res.Answered && len(res.Hits) > 0 && res.Hits[0].Passage.ID == wantPass && res.Hits[0].Passage.Doc.ID == "council-note"
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Editing a document in CORPUS_DIR is answered from without a restart:
// the watcher sees the write, waits for the folder to be quiet, and swaps
// in an engine that knows the new text.
func TestReloadOnFileChange(t *testing.T) {
	f := newFixture(t, "")
	if !f.answers(t, askOld) || f.answers(t, askNew) {
		t.Fatal("before the edit: want the old text answered, not the new")
	}
	// The default quiet time: the test's writes, microseconds apart, must
	// fall in one burst even on a loaded machine.
	f.r.cfg.Quiet = DefaultQuiet
	f.run(t, nil)
	was := f.holder.CorpusVersion()
	// An editor's save: a backup file, the document truncated (alone it
	// is invalid: no passages), then written.
	write(t, filepath.Join(f.dir, "note.md~"), doc+oldText)
	write(t, filepath.Join(f.dir, "note.md"), doc)
	write(t, filepath.Join(f.dir, "note.md"), doc+newText)
	f.waitVersion(t, was)
	time.Sleep(2 * DefaultQuiet) // a second reload, if the burst gave one, would be logged by now
	if n, bad := strings.Count(f.logs.String(), `"msg":"corpus reloaded"`), strings.Count(f.logs.String(), `"level":"ERROR"`); n != 1 || bad != 0 {
		t.Errorf("one save gave %d reloads and %d failures, want 1 and 0 (debounce):\n%s", n, bad, f.logs.String())
	}
	if !f.answers(t, askNew) {
		t.Fatalf("after the reload, %q is not answered from the new text", askNew)
	}
	if f.answers(t, askOld) {
		t.Fatalf("after the reload, %q is still answered from the old text", askOld)
	}
	if !strings.Contains(f.logs.String(), `"msg":"corpus reloaded"`) {
		t.Errorf("no reload logged:\n%s", f.logs.String())
	}
}

// A document made invalid by an edit is not swapped in: the previous
// engine keeps answering, and the log names the file, the line and why.
func TestInvalidEditKeepsOldIndexAndLogsWhy(t *testing.T) {
	f := newFixture(t, "")
	was := f.holder.CorpusVersion()
	path := filepath.Join(f.dir, "note.md")
	write(t, path, doc+newText+"### a third-level heading\n")
	out, err := f.r.Reload("test")
	var pe *corpus.ParseError
	if out != Failed || !errors.As(err, &pe) {
		t.Fatalf("reload of an invalid document: %s, %v; want failed with a ParseError", out, err)
	}
	if f.holder.CorpusVersion() != was || !f.answers(t, askOld) {
		t.Fatal("an invalid edit replaced the index")
	}
	var logged map[string]any
	for _, l := range strings.Split(strings.TrimSpace(f.logs.String()), "\n") {
		var m map[string]any
		if json.Unmarshal([]byte(l), &m) == nil && m["level"] == "ERROR" {
			logged = m
		}
	}
	if logged == nil || logged["file"] != path || logged["line"] != float64(10) ||
		!strings.Contains(logged["reason"].(string), "headings are supported") || logged["version"] != was ||
		!strings.Contains(logged["msg"].(string), "still answering from the previous documents") {
		t.Fatalf("logged %v; want file %s, line 10, the reason and the version kept", logged, path)
	}
	// A duplicate passage id across files is refused the same way.
	write(t, path, doc+newText)
	write(t, filepath.Join(f.dir, "copy.md"), doc+newText)
	if out, err := f.r.Reload("test"); out != Failed || !errors.As(err, &pe) || pe.File != filepath.Join(f.dir, "note.md") {
		t.Fatalf("duplicate document: %s %v", out, err)
	}
	// Fixed: the next reload swaps.
	os.Remove(filepath.Join(f.dir, "copy.md"))
	if out, err := f.r.Reload("test"); out != Swapped || err != nil || !f.answers(t, askNew) {
		t.Fatalf("reload after the fix: %s %v", out, err)
	}
	// Nothing changed: no rebuild.
	if out, err := f.r.Reload("test"); out != Unchanged || err != nil {
		t.Fatalf("reload of the same documents: %s %v", out, err)
	}
}

// SIGHUP reloads at once, including what the watcher cannot see: a
// document in CORPUS_DIR that is a symlink to a file elsewhere (editing the
// target makes no event in CORPUS_DIR). The signal itself is sent to this
// process: Run gets it through signal.Notify as the bot does.
func TestSIGHUPReloads(t *testing.T) {
	elsewhere := t.TempDir()
	target := filepath.Join(elsewhere, "note.md")
	write(t, target, doc+oldText)
	dir := t.TempDir()
	if err := os.Symlink(target, filepath.Join(dir, "note.md")); err != nil {
		t.Skip(err)
	}
	f := newFixture(t, dir)
	hup := make(chan os.Signal, 1)
	notifyHUP(t, hup)
	f.run(t, hup)
	was := f.holder.CorpusVersion()
	write(t, target, doc+newText)
	time.Sleep(200 * time.Millisecond) // longer than Quiet: an event would have reloaded by now
	if f.holder.CorpusVersion() != was {
		t.Fatal("the watcher saw an edit outside CORPUS_DIR; this test no longer shows what SIGHUP is for")
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	f.waitVersion(t, was)
	if !f.answers(t, askNew) {
		t.Fatalf("after SIGHUP, %q is not answered from the new text", askNew)
	}
	if !strings.Contains(f.logs.String(), `"trigger":"SIGHUP"`) {
		t.Errorf("the reload does not say SIGHUP asked for it:\n%s", f.logs.String())
	}
}

// Questions asked in a loop through the answer service while the corpus is
// reloaded again and again all get an answer, from the old text or the
// new, never an error (run under go test -race).
func TestConcurrentQuestionsDuringReloads(t *testing.T) {
	f := newFixture(t, "")
	f.run(t, nil)
	svc := answer.New(answer.Config{Searcher: f.holder})
	var stop atomic.Bool
	var asked atomic.Int64
	var wg sync.WaitGroup
	errc := make(chan error, 2)
	for range 2 {
		wg.Go(func() {
			for n := 0; !stop.Load(); n++ {
				q := askOld
				if n%2 == 1 {
					q = askNew
				}
				a, err := svc.Ask(context.Background(), answer.Request{Channel: "c", User: "u", Question: q, Private: true})
				if err != nil || a == nil || a.Result == nil {
					errc <- errors.Join(errors.New("question during reloads"), err)
					return
				}
				// Whole documents only: the old text or the new one.
				for _, h := range a.Result.Hits {
					if h.Passage.Doc.ID == "council-note" && h.Passage.Text+"\n" != oldText && h.Passage.Text+"\n" != newText {
						errc <- errors.New("answered from neither version: " + h.Passage.Text)
						return
					}
				}
				f.holder.SuggestLang("ordinance", "", 5)
				f.holder.Corpus().Passage(wantPass)
				asked.Add(1)
			}
		})
	}
	path := filepath.Join(f.dir, "note.md")
	swaps := 0
	for i := range 6 {
		text := oldText
		if i%2 == 0 {
			text = newText
		}
		write(t, path, doc+text)
		// Direct reloads and the watcher's (from the same writes) race
		// with each other here too.
		if out, err := f.r.Reload("test"); err != nil {
			t.Fatal(err)
		} else if out == Swapped {
			swaps++
		}
	}
	stop.Store(true)
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Fatal(err)
	}
	if asked.Load() == 0 || swaps == 0 {
		t.Fatalf("%d questions, %d swaps: the test proved nothing", asked.Load(), swaps)
	}
	t.Logf("%d questions during %d swaps", asked.Load(), swaps)
}

// syncBuffer is a log the reloader writes from its goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A corpus large enough to be kept on disk (DATA_DIR/index) is rebuilt
// there while the previous engine still has its files open: the swapped-out
// engine keeps answering until its last search, and the new one answers
// from the new text.
func TestReloadOnDiskIndexWhileSearching(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "note.md"), doc+oldText)
	opts := index.DefaultOptions()
	opts.Dir, opts.DiskMinPassages = t.TempDir(), 1 // every language on disk
	load := func() (*corpus.Corpus, error) { return corpus.Default(dir) }
	build := func(c *corpus.Corpus) (*index.Engine, error) { return index.New(c, opts) }
	c, err := load()
	if err != nil {
		t.Fatal(err)
	}
	e, err := build(c)
	if err != nil {
		t.Fatal(err)
	}
	h := index.NewHolder(e)
	defer h.Close()
	r := New(Config{Dir: dir, Load: load, Build: build, Holder: h, Logger: slog.New(slog.DiscardHandler)})
	var stop atomic.Bool
	var wg sync.WaitGroup
	errc := make(chan error, 1)
	wg.Go(func() {
		for n := 0; !stop.Load(); n++ {
			q := []string{askOld, askNew, "will the city help ICE?"}[n%3]
			// A number makes most questions new to the result cache, so
			// the index files themselves are read.
			if _, err := h.Search(q+" "+strconv.Itoa(n%97), 3, 0); err != nil {
				errc <- err
				return
			}
		}
	})
	for i := range 4 {
		text := newText
		if i%2 == 1 {
			text = oldText
		}
		write(t, filepath.Join(dir, "note.md"), doc+text)
		if out, err := r.Reload("test"); out != Swapped || err != nil {
			t.Fatalf("reload %d: %s %v", i, out, err)
		}
	}
	stop.Store(true)
	wg.Wait()
	close(errc)
	if err := <-errc; err != nil {
		t.Fatalf("search during on-disk reloads: %v", err)
	}
	res, err := h.Search(askOld, 3, 0)
	if err != nil || !res.Answered || res.Hits[0].Passage.ID != wantPass {
		t.Fatalf("after the last reload (the old text): %v %+v", err, res)
	}
}

// A file written to without pause still gets reloaded: the debounce waits
// for quiet, but not longer than MaxDelay after the first change.
func TestReloadNotPutOffByEndlessWrites(t *testing.T) {
	f := newFixture(t, "")
	f.r.cfg.Quiet, f.r.cfg.MaxDelay = 200*time.Millisecond, 400*time.Millisecond
	f.run(t, nil)
	was := f.holder.CorpusVersion()
	path := filepath.Join(f.dir, "note.md")
	start := time.Now()
	for time.Since(start) < 5*time.Second && f.holder.CorpusVersion() == was {
		write(t, path, doc+newText) // every 20 ms: never quiet for 200 ms
		time.Sleep(20 * time.Millisecond)
	}
	if f.holder.CorpusVersion() == was {
		t.Fatal("no reload in 5 s of writes every 20 ms")
	}
	t.Logf("reloaded %v after the first write", time.Since(start).Round(time.Millisecond))
}
