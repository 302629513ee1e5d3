package index

import (
	"regexp"
	"strconv"
	"strings"

	"ordinancebot/corpus"
)

// presentBoost lifts, for a question about where things stand now ("is
// the doj case still on", "sigue la demanda"), the passages that name the
// corpus's latest year: the lawsuit's dismissal before its filing.
const presentBoost = 2

var yearRE = regexp.MustCompile(`\b(19[5-9]\d|20\d\d)\b`)

// latestYears returns each passage's latest year (citation markers and
// source lists aside) and the latest of all.
func latestYears(ps []*corpus.Passage) (map[string]int, int) {
	out := make(map[string]int, len(ps))
	top := 0
	for _, p := range ps {
		if corpus.IsSourcesHeading(p.Section) {
			continue
		}
		y := 0
		for _, m := range yearRE.FindAllString(blankCitations(p.Text), -1) {
			if v, err := strconv.Atoi(m); err == nil {
				y = max(y, v)
			}
		}
		if y > 0 {
			out[p.ID] = y
			top = max(top, y)
		}
	}
	return out, top
}

// asksPresent reports whether the question asks how things stand now, by
// the language pack's present-time words, looked for in the words as typed
// (several are chat or stop words the analysis drops).
func (e *langEngine) asksPresent(folded string) bool {
	if len(e.pack.PresentCues) == 0 {
		return false
	}
	words := " " + strings.Join(wordRE.FindAllString(strings.ToLower(folded), -1), " ") + " "
	for _, c := range e.pack.PresentCues {
		if strings.Contains(words, " "+c+" ") {
			return true
		}
	}
	return false
}
