package index

import (
	"strings"
	"testing"
)

// cueAt finds a cue as whole words only, as strings.Index of " "+cue+" "
// did before it: the same answer for every case, including a cue that
// first occurs inside a word and again whole later.
func TestCueAtIsWholeWordIndex(t *testing.T) {
	for _, tt := range []struct{ words, cue string }{
		{" who is it ", "who"},
		{" whose who ", "who"}, // inside a word first, then whole
		{" somewho ", "who"},   // never whole
		{" how many people ", "how many"},
		{" how manyfold how many ", "how many"},
		{" x ", ""},
		{" ", "x"},
		{" que dia fue ", "que dia"},
		{" el dia ", "dia fue"},
	} {
		want := strings.Index(tt.words, " "+tt.cue+" ")
		if tt.cue == "" {
			want = -1 // an empty cue is no cue
		}
		if got := cueAt(tt.words, tt.cue); got != want {
			t.Errorf("cueAt(%q, %q) = %d, want %d", tt.words, tt.cue, got, want)
		}
	}
}

// A phrase is rewritten only where it occurs as whole words, and a
// question holding none is returned as it came.
func TestPhraseSetRewritesWholePhrases(t *testing.T) {
	ps := newPhraseSet(map[string]string{"city counsel": "city council", "for good": "with prejudice"})
	for in, want := range map[string]string{
		"is the city counsel voting": "is the city council voting",
		"dropped for good?":          "dropped with prejudice?",
		"for goodness sake":          "for goodness sake",
		"nothing to rewrite here":    "nothing to rewrite here",
	} {
		if got := ps.rewrite(in); got != want {
			t.Errorf("rewrite(%q) = %q, want %q", in, got, want)
		}
	}
	var none *phraseSet
	if got := none.rewrite("city counsel"); got != "city counsel" {
		t.Errorf("a pack without phrases rewrote %q", got)
	}
}

// A letter stretched three times or more is written once; two stay.
func TestUnstretch(t *testing.T) {
	for in, want := range map[string]string{
		"holaaa graciasss":        "hola gracias",
		"cool llamar 1000 ???":    "cool llamar 1000 ???",
		"sooo when did it PASSSS": "so when did it PAS",
		"nothing stretched here":  "nothing stretched here",
		"ñññ":                     "ñ",
	} {
		if got := unstretch(in); got != want {
			t.Errorf("unstretch(%q) = %q, want %q", in, got, want)
		}
	}
}

// What someone said "when" something happened asks for their words; a
// when joined to the question, or asked first, still asks when.
func TestSaidWhenIsNotAWhenQuestion(t *testing.T) {
	e := testEngine(t)
	for _, tt := range []struct {
		lang, q string
		when    bool
	}{
		{"es", "q dijo la city attorney cuando el juez desecho la demanda", false},
		{"en", "what did the city attorney say when the judge threw out the case", false},
		{"en", "what did bass say and when", true},
		{"en", "when did bass say it", true},
		{"es", "cuando dijo eso bass", true},
		{"en", "when was the final vote", true},
	} {
		l := e.lang(tt.lang)
		typed, prepared := l.rewrite(foldQuery(tt.q))
		if got := l.readCues(prepared, typed).kinds&askWhen != 0; got != tt.when {
			t.Errorf("%q: asks when %v, want %v", tt.q, got, tt.when)
		}
	}
}
