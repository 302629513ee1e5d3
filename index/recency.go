package index

import (
	"regexp"
	"strconv"

	"ordinancebot/corpus"
)

// presentBoost lifts, for a question about where things stand now ("is
// the doj case still on", "sigue la demanda"), the passages that name the
// corpus's latest year: the lawsuit's dismissal before its filing.
const presentBoost = 2

var yearRE = regexp.MustCompile(`\b(19[5-9]\d|20\d\d)\b`)

// yearOf is the year a term names (1950–2099), or 0.
func yearOf(t string) int {
	if len(t) != 4 || !yearRE.MatchString(t) {
		return 0
	}
	y, _ := strconv.Atoi(t)
	return y
}

// latestOf is the latest year a passage's text names (citation markers
// aside; 0 for a source list), worked out when a question about the
// present first ranks it: start-up does not pay for it.
func (e *langEngine) latestOf(id string) int { return e.yearsOf(id).latest }

// earliestOf is the earliest year a passage's text names, as latestOf.
func (e *langEngine) earliestOf(id string) int { return e.yearsOf(id).earliest }

// passageYears are the earliest and latest years a passage names.
type passageYears struct{ earliest, latest int }

func (e *langEngine) yearsOf(id string) passageYears {
	if v, ok := e.years.Load(id); ok {
		return v.(passageYears)
	}
	var y passageYears
	if p, ok := e.corpus.Passage(id); ok && !corpus.IsSourcesHeading(p.Section) {
		for _, m := range yearRE.FindAllString(blankCitations(p.Text), -1) {
			if v, err := strconv.Atoi(m); err == nil {
				if y.earliest == 0 || v < y.earliest {
					y.earliest = v
				}
				y.latest = max(y.latest, v)
			}
		}
	}
	e.years.Store(id, y)
	return y
}

// pastBoost lifts, for a question about what there was before ("lausd ya
// era santuario desde antes"), the passages naming a year before the one
// most passages name.
// Over the Spanish check sets: 1.5 +2 questions at R@1, none lost; 2 +1,
// with three moved down; 1.2 none.
const pastBoost = 1.5
