package index

import "testing"

func TestAskKindAndNumberConflicts(t *testing.T) {
	e := testEngine(t)
	for _, c := range []struct {
		lang, a, b   string
		kind, number bool
	}{
		{"en", "which judge got the doj lawsuit", "On what legal grounds did the Justice Department sue?", false, false},
		{"en", "which judge got the doj lawsuit", "Why did the Justice Department sue?", true, false},
		{"en", "since when is it in force", "When did the ordinance take effect?", false, false},
		{"en", "how come they voted twice", "Why did the council vote twice?", false, false},
		{"en", "how many votes did it get", "When was it signed?", true, false},
		{"en", "who signed it and when", "When was SB 54 signed, and by whom?", false, false},
		{"en", "what does executive directive 17 ban", "What does Executive Directive 12 require?", false, true},
		{"en", "ED12 tldr", "What does Executive Directive 12 require?", false, false},
		{"en", "bass's order from july 2025", "What does Executive Directive No. 12 require?", false, false},
		{"en", "what happened in 2025", "What happened in 2026?", false, true},
		{"en", "from what date does 188441 count", "When did the ordinance take effect?", false, false},
		// Months and which of a series are numbers of their own sort.
		{"en", "when the council signed off on it for good in early December, what was the count?", "What was the vote count when the council first approved it on November 19, 2024?", false, true},
		{"en", "By what margin did the council adopt the amended measure at its second and conclusive vote?", "What was the vote count when the council first approved it on November 19, 2024?", false, true},
		{"en", "i thought it already passed?? why'd they do it again in december", "Why did it need a second council vote, and what was the result on Dec. 4?", false, false},
		{"en", "what did the board adopt in november", "What did LAUSD adopt on November 19, 2024?", false, false},
		{"es", "y la votacion final de diciembre?", "¿Cuál fue la primera votación del 19 de noviembre?", false, true},
		{"es", "cuando fue la segunda votacion", "¿Cuándo votaron otra vez, en dic?", false, false},
		{"es", "quien presento la mocion", "¿Por qué votaron dos veces?", true, false},
		{"es", "desde cuándo aplica", "¿Cuándo entró en vigor?", false, false},
	} {
		l := e.lang(c.lang)
		_, a := l.pinQuestion(c.a)
		_, b := l.pinQuestion(c.b)
		if got := kindConflict(a, b); got != c.kind {
			t.Errorf("%q vs %q: kind conflict %v, want %v", c.a, c.b, got, c.kind)
		}
		if got := numberConflict(a, b); got != c.number {
			t.Errorf("%q vs %q: number conflict %v, want %v", c.a, c.b, got, c.number)
		}
	}
}

// TestWhichPersonAsksWho: a which-word close before a noun for a person
// asks who, as "who" does; other which-questions ask nothing of the kind.
func TestWhichPersonAsksWho(t *testing.T) {
	e := testEngine(t)
	for _, c := range []struct {
		lang, q string
		who     bool
	}{
		{"en", "Which school board member brought the sanctuary resolution?", true},
		{"en", "what judge threw out the lawsuit", true},
		{"en", "which policies did it codify", false},
		{"en", "what do people have to show the police", false},
		{"es", "¿Qué miembro de la junta presentó la resolución?", true},
		{"es", "cual de los concejales la presento", true},
		{"es", "que politicas reafirma la ordenanza", false},
	} {
		l := e.lang(c.lang)
		got := l.readCues(foldQuery(c.q), foldQuery(c.q)).kinds&askWho != 0
		if got != c.who {
			t.Errorf("%q: asks who %v, want %v", c.q, got, c.who)
		}
	}
}
