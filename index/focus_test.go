package index

import (
	"maps"
	"regexp"
	"slices"
	"testing"
)

func TestFocusTerms(t *testing.T) {
	e := testEngine(t)
	for _, tc := range []struct {
		lang, q string
		want    []string // the clause's words, as typed
	}{
		{"es", "y en la segunda votacion, la de diciembre, quien falto?", []string{"falto"}},
		{"en", "ok and who did they name in the lawsuit", []string{"name", "lawsuit"}},
		{"en", "that california law from trumps first term, who signed it?", []string{"signed"}},
		// one term of the clause may come before it ("quien la tiene que
		// firmar" is read as "quien firma la ordenanza")
		{"es", "ok ya la aprobaron pero quien la tiene q firmar pa q ya sea ley", []string{"firmar", "ley", "ordenanza"}},
		// a question word deep in its clause is not the question's
		{"en", "how long till trumps inauguration from when the article was written", nil},
		// nor a question without one
		{"en", "does the ordinance stop city staff from giving the feds info", nil},
	} {
		l := e.lang(tc.lang)
		_, prepared := l.rewrite(foldQuery(tc.q))
		toks := l.text.Analyze([]byte(prepared))
		focus := focusTerms(prepared, toks)
		var want []string
		for _, w := range tc.want {
			for _, tok := range l.text.Analyze([]byte(w)) {
				want = append(want, string(tok.Term))
			}
		}
		got := slices.Sorted(maps.Keys(focus))
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s %q: focus %q, want %q", tc.lang, tc.q, got, want)
		}
	}
}

// The words a question word opens say which fact is asked: a passage on
// the same event without them ranks after the one that has them.
func TestFocusRanksTheAskedFact(t *testing.T) {
	e := testEngine(t)
	for _, tc := range []struct{ q, want string }{
		{"y en la segunda votacion, la de diciembre, quien falto?", `ausente`},
		{"that california law from trumps first term, who signed it?", `Brown`},
	} {
		if p := firstPassage(t, e, tc.q); p != nil && !regexp.MustCompile(tc.want).MatchString(p.Text) {
			t.Errorf("%q: first %s, which lacks %s", tc.q, p.ID, tc.want)
		}
	}
}

// A time clause before the question word leaves the focus to the
// question: "y despues de votarla quien la firmo" asks who signs.
func TestFocusAfterATimeClause(t *testing.T) {
	e := testEngine(t)
	l := e.lang("es")
	q := foldQuery("y despues de votarla quien la firmo")
	got := focusTerms(q, l.text.Analyze([]byte(q)))
	if !got["firm"] || got["vot"] {
		t.Errorf("focus of %q = %v, want the signing, not the vote", q, got)
	}
}
