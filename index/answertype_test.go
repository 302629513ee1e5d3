package index

import (
	"strings"
	"testing"
)

// A passage holds a date or a person by its own text: a month and day, a
// year, or a titled name; citation markers are not numbers of its own.
func TestAnswersHeld(t *testing.T) {
	e := testEngine(t)
	for _, tt := range []struct {
		id   string
		want askKind
	}{
		{"summary-related-policies-5", askWho | askWhen},       // signed by Gov. Jerry Brown on Oct. 5, 2017
		{"summary-related-policies-15", askWho},                // Gov. Jerry Brown said…, no date
		{"resumen-politicas-relacionadas-5", askWho | askWhen}, // el gobernador Jerry Brown el 5 de octubre de 2017
		{"resumen-politicas-relacionadas-13", askWho},
		{"summary-related-policies-10", askWho | askWhen}, // board members Mónica García…, May 9, 2017
		{"summary-what-the-ordinance-is-5", 0},            // "[4]" is a citation, not a date
	} {
		lang := "en"
		if strings.HasPrefix(tt.id, "resumen") {
			lang = "es"
		}
		if got := e.lang(lang).answersHeld(tt.id); got != tt.want {
			t.Errorf("%s holds %b, want %b", tt.id, got, tt.want)
		}
	}
}

// A question that wants a date or a person gets, of the passages sharing
// its words, the one that states it before the one that does not.
func TestAnswerKindComesFirst(t *testing.T) {
	e := testEngine(t)
	for _, tt := range []struct{ q, better, worse string }{
		{"cuando firmo el gobernador la sb 54", "resumen-politicas-relacionadas-5", "resumen-politicas-relacionadas-13"},
		{"what date did governor brown sign the state sanctuary law", "summary-related-policies-5", "summary-related-policies-15"},
		{"when did the doj sue the city", "summary-later-events-2", "summary-what-it-prohibits-6"},
	} {
		res, err := e.Search(tt.q, 5, 0)
		if err != nil || !res.Answered {
			t.Fatalf("%q: not answered (%v)", tt.q, err)
		}
		rank := map[string]int{}
		for _, h := range res.Hits {
			rank[h.Passage.ID] = h.Rank
		}
		if b, w := rank[tt.better], rank[tt.worse]; b == 0 || (w != 0 && w < b) {
			t.Errorf("%q: %s at %d, %s at %d (0: not in the first five)", tt.q, tt.better, b, tt.worse, w)
		}
	}
}
