package index

import "testing"

// An irregular verb's forms analyze to its base's term, in the passages and
// the questions alike; a form that is also another word keeps its own; a
// form of a chat word ("made": "make") is dropped like it.
func TestWordFormsMeetTheirBase(t *testing.T) {
	l := testEngine(t).lang("en")
	term := func(w string) string { return termOf(t, l, w) }
	for _, tt := range []struct {
		form, base string
		same       bool
	}{
		{"wrote", "write", true}, {"written", "writes", true}, {"brought", "bringing", true},
		{"withheld", "withholding", true}, {"struck", "strikes", true}, {"upheld", "uphold", true},
		{"left", "leave", false}, {"found", "find", false},
	} {
		if term(tt.form) == "" {
			t.Errorf("%q is a stop word", tt.form)
		}
		if got := term(tt.form) == term(tt.base); got != tt.same {
			t.Errorf("%q and %q meet: %v, want %v", tt.form, tt.base, got, tt.same)
		}
	}
}

func TestWordFormsOfChatWordsAreDropped(t *testing.T) {
	l := testEngine(t).lang("en")
	for _, w := range []string{"made", "told", "got", "said"} {
		if toks := l.text.Analyze([]byte(w)); len(toks) != 0 {
			t.Errorf("%q analyzes to %q, want nothing (its base is a chat word)", w, toks[0].Term)
		}
	}
}

// Spanish forms whose folded stem is not their verb's ("escribio" stems to
// "escribi", "escribir" to "escrib") meet it; the regular ones did already,
// and a form that is another word ("hecho", a fact) keeps its own.
func TestSpanishWordFormsMeetTheirVerb(t *testing.T) {
	l := testEngine(t).lang("es")
	term := func(w string) string {
		got := termOf(t, l, w)
		if got == "" {
			t.Fatalf("%q is a stop word", w)
		}
		return got
	}
	for _, tt := range []struct {
		form, other string
		same        bool
	}{
		{"escribió", "escribir", true}, {"escrita", "escribe", true}, {"prohibió", "prohíbe", true},
		{"pidió", "pedir", true}, {"introdujo", "introducir", true}, {"propuesta", "proponer", true},
		{"firmó", "firmar", true},                                // regular: the stemmer meets it alone
		{"hecho", "hechos", true}, {"demandó", "demanda", false}, // "hecho" stays a fact, not "hacer"
	} {
		if got := term(tt.form) == term(tt.other); got != tt.same {
			t.Errorf("%q (%s) and %q (%s) meet: %v, want %v", tt.form, term(tt.form), tt.other, term(tt.other), got, tt.same)
		}
	}
}

// termOf is the one term a word analyzes to in l, "" for a stop word.
func termOf(t *testing.T, l *langEngine, w string) string {
	t.Helper()
	toks := l.text.Analyze([]byte(foldQuery(w)))
	if len(toks) > 1 {
		t.Fatalf("%q analyzes to %d terms", w, len(toks))
	}
	if len(toks) == 0 {
		return ""
	}
	return string(toks[0].Term)
}
