package index

import (
	"testing"

	"ordinancebot/corpus"
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
}

// BenchmarkSearch is one question end to end through the engine, with
// highlighting; report p99 from -count runs with benchstat.
func BenchmarkSearch(b *testing.B) {
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

// BenchmarkBuild is start-up: parse the embedded corpus and build the index.
func BenchmarkBuild(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		c, err := corpus.Default("")
		if err != nil {
			b.Fatal(err)
		}
		e, err := New(c, DefaultOptions())
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
	i := 0
	for b.Loop() {
		e.Suggest(typed[i%len(typed)], 25)
		i++
	}
}
