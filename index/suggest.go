package index

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// suggestionsEN are ready-made questions the corpus can answer, for
// autocomplete. They are written by hand per topic and checked by a test to
// be answered; typing narrows them down, typo-tolerantly.
var suggestionsEN = []string{
	"Can the police ask about my immigration status?",
	"Will the city help ICE with deportations?",
	"Can city employees share my information with ICE?",
	"Does the city honor ICE detainer requests?",
	"What about administrative warrants?",
	"What about judicial warrants?",
	"Are there exceptions for people convicted of felonies?",
	"What was the vote on the sanctuary ordinance?",
	"Why were there two votes (13–0 and 12–0)?",
	"When was the ordinance signed?",
	"When did the ordinance take effect?",
	"Is the sanctuary ordinance law now?",
	"What is Ordinance No. 188441?",
	"Who introduced the sanctuary city motion?",
	"What does the ordinance prohibit?",
	"Can ICE use city property?",
	"What did the LAUSD resolution do?",
	"Can ICE agents enter school property?",
	"What training will school staff get?",
	"What is SB 54, the California Values Act?",
	"What is LAPD Special Order 40?",
	"What was Executive Directive 20?",
	"What does Executive Directive 12 require?",
	"What does Executive Directive 17 do?",
	"Did the Justice Department sue Los Angeles?",
	"Was the lawsuit against the ordinance dismissed?",
	"Why do Republicans oppose the ordinance?",
	"What did Trump say about mass deportations?",
	"What did Mayor Bass say about the ordinance?",
	"What is not confirmed about the ordinance?",
}

// Suggest returns up to n questions for what the user has typed so far,
// best first: questions whose words start with, or are one typo from, the
// typed words. An empty prefix returns the first n in their curated order.
func (e *langEngine) Suggest(typed string, n int) []string {
	if n <= 0 {
		return nil
	}
	words := suggestWords(foldQuery(strings.ToLower(cleanQuestion(typed, 100))))
	type scored struct {
		s     string
		score float64
		i     int
	}
	var out []scored
	for i, s := range e.suggest {
		sc := 0.0
		for wi, w := range words {
			best := 0.0
			for _, cand := range s.words {
				switch {
				case cand == w:
					best = max(best, 1.0)
				case strings.HasPrefix(cand, w):
					// the last word is usually half typed
					if wi == len(words)-1 || len(w) >= 4 {
						best = max(best, 0.9)
					}
				case len(w) >= 4 && abs(len(cand)-len(w)) <= 1 && editDistance(w, cand, 1) <= 1:
					best = max(best, 0.6)
				case len(w) >= 5 && len(cand) > len(w) && editDistance(w, cand[:len(w)], 1) <= 1:
					best = max(best, 0.5) // a typo in a half-typed word
				}
			}
			sc += best
		}
		if len(words) == 0 || sc > 0 {
			out = append(out, scored{s.text, sc, i})
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].score != out[b].score {
			return out[a].score > out[b].score
		}
		return out[a].i < out[b].i
	})
	var res []string
	for _, s := range out {
		if len(res) == n {
			break
		}
		res = append(res, s.s)
	}
	return res
}

type suggestion struct {
	text  string
	words []string
}

func buildSuggestions(curated, extra []string) []suggestion {
	var out []suggestion
	seen := map[string]bool{}
	for _, s := range append(append([]string(nil), curated...), extra...) {
		s = strings.TrimSpace(s)
		if s == "" || seen[s] || utf8.RuneCountInString(s) > 100 {
			continue
		}
		seen[s] = true
		out = append(out, suggestion{text: s, words: suggestWords(foldQuery(strings.ToLower(s)))})
	}
	return out
}

// suggestWords splits into lowercase words of letters and digits.
func suggestWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
}
