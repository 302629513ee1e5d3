package index

import "testing"

// An irregular verb's forms analyze to its base's term, in the passages and
// the questions alike; a form that is also another word keeps its own.
func TestWordFormsMeetTheirBase(t *testing.T) {
	l := testEngine(t).lang("en")
	term := func(w string) string {
		toks := l.text.Analyze([]byte(w))
		if len(toks) != 1 {
			t.Fatalf("%q analyzes to %d terms", w, len(toks))
		}
		return string(toks[0].Term)
	}
	for _, tt := range []struct {
		form, base string
		same       bool
	}{
		{"said", "say", true}, {"wrote", "write", true}, {"written", "writes", true}, {"brought", "bringing", true},
		{"withheld", "withholding", true}, {"struck", "strikes", true}, {"upheld", "uphold", true},
		{"left", "leave", false}, {"found", "find", false},
	} {
		if got := term(tt.form) == term(tt.base); got != tt.same {
			t.Errorf("%q and %q meet: %v, want %v", tt.form, tt.base, got, tt.same)
		}
	}
}
