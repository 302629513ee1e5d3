package index

import (
	"unicode"
	"unicode/utf8"
)

// wordIndexes is wordRE.FindAllStringIndex(s, -1) without the regexp
// engine: a word starts with a letter or digit and goes on through
// letters, digits, apostrophes and slashes. A question is split into
// words several times (chat forms and typos, language, present-time and
// ask-kind cues, what another language knows), and the backtracking
// matcher was a few percent of a batch's time (TestWordIndexesMatchRegexp
// and its fuzz target keep the two the same).
func wordIndexes(s string) [][]int {
	var out [][]int
	start := -1
	for i, r := range s {
		switch {
		case r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsNumber(r)):
			if start < 0 {
				start = i
			}
		case start >= 0 && (r == '\'' || r == '/'):
		default:
			if start >= 0 {
				out = append(out, []int{start, i})
				start = -1
			}
		}
	}
	if start >= 0 {
		out = append(out, []int{start, len(s)})
	}
	return out
}

// findWords is wordRE.FindAllString(s, -1), as wordIndexes.
func findWords(s string) []string {
	idx := wordIndexes(s)
	if idx == nil {
		return nil
	}
	out := make([]string, len(idx))
	for i, w := range idx {
		out[i] = s[w[0]:w[1]]
	}
	return out
}
