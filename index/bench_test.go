package index

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var benchQuestions = []string{
	"can the cops ask if im undocumented",
	"will LA hand people over to la migra",
	"is it law yet",
	"wat about ICE at schools",
	"what was the vote",
	"who is the lausd superintendant",
	"what is the capital of france",
	"did the doj sue los angeles",
	"are there any exceptions for people convicted of violent felonies or aggravated felonies",
	"can ice agents come into city buildings",
}

// questionTexts returns the questions ("q") of testdata question sets.
func questionTexts(tb testing.TB, files ...string) []string {
	tb.Helper()
	var qs []string
	for _, f := range files {
		raw, err := os.ReadFile(filepath.Join("..", "testdata", f))
		if err != nil {
			tb.Fatal(err)
		}
		for _, l := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
			var q struct{ Q string }
			if err := json.Unmarshal([]byte(l), &q); err != nil {
				tb.Fatalf("%s: %v", f, err)
			}
			qs = append(qs, q.Q)
		}
	}
	return qs
}

// reportLatency adds p50 and p99 of the recorded durations as metrics.
func reportLatency(b *testing.B, d []time.Duration) {
	if len(d) == 0 {
		return
	}
	slices.Sort(d)
	b.ReportMetric(float64(d[len(d)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(d[len(d)*99/100].Microseconds()), "p99-µs")
}

// uncachedEngine measures the engine's own work, not its answer cache.
func uncachedEngine(b *testing.B) *Engine {
	opts := DefaultOptions()
	opts.CacheSize = 0
	e, err := NewDefault("", opts)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { e.Close() })
	return e
}

// BenchmarkSearch is one question end to end through the engine, with
// highlighting, cycling through colloquial and off-topic questions; the
// answer cache is off.
func BenchmarkSearch(b *testing.B) {
	e := uncachedEngine(b)
	b.ReportAllocs()
	var lat []time.Duration
	i := 0
	for b.Loop() {
		start := time.Now()
		if _, err := e.Search(benchQuestions[i%len(benchQuestions)], 3, 0); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
		i++
	}
	reportLatency(b, lat)
}

// BenchmarkSearchCached is a repeated question, answered from the cache.
func BenchmarkSearchCached(b *testing.B) {
	e := testEngine(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := e.Search(benchQuestions[i%len(benchQuestions)], 3, 0); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkBatch is throughput with both cores busy, as in a busy server
// (answer cache off).
func BenchmarkBatch(b *testing.B) {
	e := uncachedEngine(b)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if _, err := e.Search(benchQuestions[i%len(benchQuestions)], 3, 0); err != nil {
				b.Error(err)
				return
			}
			i++
		}
	})
}

// BenchmarkBuild is start-up: parse the embedded corpus and build the index.
func BenchmarkBuild(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		e, err := NewDefault("", DefaultOptions())
		if err != nil {
			b.Fatal(err)
		}
		e.Close()
	}
}

// BenchmarkSuggest is autocomplete for a partial word.
func BenchmarkSuggest(b *testing.B) {
	e := testEngine(b)
	typed := []string{"ice at scho", "can the pol", "wen was it sig", "lawsu", ""}
	b.ReportAllocs()
	var lat []time.Duration
	i := 0
	for b.Loop() {
		start := time.Now()
		e.Suggest(typed[i%len(typed)], 25)
		lat = append(lat, time.Since(start))
		i++
	}
	reportLatency(b, lat)
}

// BenchmarkSearchPublic cycles through the public question set (long,
// rambling and Spanish questions as people write them), as "ask --json -"
// answers it; the answer cache is off.
func BenchmarkSearchPublic(b *testing.B) {
	e := uncachedEngine(b)
	qs := questionTexts(b, "questions-public.jsonl")
	b.ReportAllocs()
	var lat []time.Duration
	i := 0
	for b.Loop() {
		start := time.Now()
		if _, err := e.SearchLang(qs[i%len(qs)], "auto", "", 3, 0); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
		i++
	}
	reportLatency(b, lat)
}
