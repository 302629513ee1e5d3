package index

import (
	"regexp"
	"strings"

	"ordinancebot/corpus"
)

// answerKindBoost lifts, for a question that wants a date or a person
// ("who signed sb 54 and when"), the passages that hold one: of two
// passages sharing the question's words, the one that states when or who
// answers it ("signed by Gov. Jerry Brown on Oct. 5, 2017" before "in his
// signing message, Gov. Jerry Brown said"). Chosen on the public tuning
// half and the check sets (README, "Search quality"); it moved the next
// two independent sets, seen only after, by one question each.
const answerKindBoost = 0.2

// A date: a month and day, or a year (a day and month in Spanish).
const (
	datesEN = `(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b(?:19[5-9]\d|20\d\d)\b`
	datesES = `(?i)\b\d{1,2}\s+de\s+(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)\b|\b(?:19[5-9]\d|20\d\d)\b`
)

// A person, by the title before a name: the corpus names its people by
// their office ("Judge Fernando M. Olguin", "la jueza", "Councilmember
// Curren Price"), so a title followed by a capitalized word is a name.
const (
	peopleEN = `\b(?:Gov\.|Governor|Judge|Justices|Mayor|Chief|Councilmembers?|Council(?:wo)?man|Council President|Senator|President pro Tem|President(?:-elect)?|City Attorney|Attorney General|Superintendent|board members?)\s+[A-Z]\p{L}+`
	peopleES = `\b(?:gobernador|juez|jueza|jueces|alcaldesa|alcalde|jefe|concejal(?:es|a)?|presidente(?: electo)?|senador|fiscal(?: general)?|superintendente|miembros? de la junta)\s+[A-Z]\p{L}+`
)

// A titleCue is an office a who-question may name ("which judge") and the
// pattern of a passage naming its holder ("Judge Fernando M. Olguin").
type titleCue struct {
	cues []string // folded, lowercase, as cueWords reads the question
	re   *regexp.Regexp
}

func titleCues(pairs ...string) []titleCue {
	var out []titleCue
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, titleCue{strings.Split(pairs[i], "|"), regexp.MustCompile(pairs[i+1])})
	}
	return out
}

var (
	titlesEN = titleCues(
		"judge|judges", `\b(?:Judge|Justices)\s+[A-Z]`,
		"mayor", `\bMayor\s+[A-Z]`,
		"governor|gov", `\b(?:Gov\.|Governor)\s+[A-Z]`,
		"superintendent", `\bSuperintendent\s+[A-Z]`,
		"city attorney", `\bCity Attorney\s+[A-Z]`,
		"chief|police chief", `\bChief\s+[A-Z]`,
		"council president", `\bCouncil President\s+[A-Z]`,
	)
	titlesES = titleCues(
		"juez|jueza|jueces|judge", `\b(?:juez|jueza|jueces)\s+[A-Z]`,
		"alcaldesa|alcalde|mayor", `\b(?:alcaldesa|alcalde)\s+[A-Z]`,
		"gobernador", `\bgobernador\s+[A-Z]`,
		"superintendente", `\bsuperintendente\s+[A-Z]`,
		"jefe de policia|jefe", `\bjefe de policía\s+[A-Z]`,
	)
)

// titleBoost lifts, further, for a question asking who holds an office
// ("which judge got the doj lawsuit"), the passages naming its holder
// ("Judge Fernando M. Olguin") over those that say "the judge": 0.3 of
// 0.3-1.0 on the tuning half and check sets 1-7 (+1 R@1 on es-check3 and
// en-check6; 1.0 cost es-check4 one).
const titleBoost = 0.3

// titlesAsked are the offices a question names, as a bit set over the
// pack's Titles.
func (e *langEngine) titlesAsked(folded string) uint32 {
	if len(e.pack.Titles) == 0 {
		return 0
	}
	words := cueWords(folded)
	var set uint32
	for i, t := range e.pack.Titles {
		if hasCue(words, t.cues) {
			set |= 1 << i
		}
	}
	return set
}

// titlesHeld are the offices whose holder a passage names.
func (e *langEngine) titlesHeld(id string) uint32 {
	if v, ok := e.titled.Load(id); ok {
		return v.(uint32)
	}
	var set uint32
	if p, ok := e.corpus.Passage(id); ok && !corpus.IsSourcesHeading(p.Section) {
		t := blankCitations(p.Text)
		for i, tc := range e.pack.Titles {
			if tc.re.MatchString(t) {
				set |= 1 << i
			}
		}
	}
	e.titled.Store(id, set)
	return set
}

func answerPatterns(dates, people string) map[askKind]*regexp.Regexp {
	return map[askKind]*regexp.Regexp{askWhen: regexp.MustCompile(dates), askWho: regexp.MustCompile(people)}
}

// answersHeld are the kinds of answer a passage's text holds (citation
// markers aside; none for a source list), by the pack's Answers patterns,
// worked out when a question of a kind first ranks it.
func (e *langEngine) answersHeld(id string) askKind {
	if v, ok := e.held.Load(id); ok {
		return v.(askKind)
	}
	var k askKind
	if p, ok := e.corpus.Passage(id); ok && !corpus.IsSourcesHeading(p.Section) {
		t := blankCitations(p.Text)
		for kind, re := range e.pack.Answers {
			if re.MatchString(t) {
				k |= kind
			}
		}
	}
	e.held.Store(id, k)
	return k
}

// answerPrior is a passage's lift for a question wanting the kinds asked:
// answerKindBoost for each it holds.
func (e *langEngine) answerPrior(asked askKind, titles uint32, id string) float64 {
	held := asked & e.answersHeld(id)
	b := 1.0
	if titles != 0 && titles&e.titlesHeld(id) != 0 {
		b += titleBoost
	}
	for k := askWho; k <= askWhy; k <<= 1 {
		if held&k != 0 {
			b += answerKindBoost
		}
	}
	return b
}

// countsHeld reports whether one of a question's first few passages holds
// a number other than a year: a how-many question ("how many people has
// ice deported from LA") that none of them can answer asks what the
// corpus does not say, however many of its words they share.
func (e *langEngine) countsHeld(ranked []scoredHit) bool {
	for i, h := range ranked {
		if i == 3 {
			break
		}
		if e.holdsCount(h.ID) {
			return true
		}
	}
	return false
}

// holdsCount reports whether a passage's text holds a number other than a
// year (citation markers aside).
func (e *langEngine) holdsCount(id string) bool {
	p, ok := e.corpus.Passage(id)
	if !ok || corpus.IsSourcesHeading(p.Section) {
		return false
	}
	for _, m := range numberRE.FindAllString(blankCitations(p.Text), -1) {
		if yearOf(m) == 0 {
			return true
		}
	}
	return false
}
