package index

import (
	"regexp"

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
	peopleEN = `\b(?:Gov\.|Governor|Judge|Justices?|Mayor|Chief|Councilmembers?|Council(?:wo)?man|Council President|Senator|President pro Tem|President(?:-elect)?|City Attorney|Attorney General|Superintendent|board members?)\s+[A-Z]\p{L}+`
	peopleES = `\b(?:gobernador|juez|jueza|jueces|alcaldesa|alcalde|jefe|concejal(?:es|a)?|presidente(?: electo)?|senador|fiscal(?: general)?|superintendente|miembros? de la junta)\s+[A-Z]\p{L}+`
)

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
func (e *langEngine) answerPrior(asked askKind, id string) float64 {
	held := asked & e.answersHeld(id)
	b := 1.0
	for k := askWho; k <= askWhy; k <<= 1 {
		if held&k != 0 {
			b += answerKindBoost
		}
	}
	return b
}
