package index

import (
	"regexp"
	"strings"
)

// An askKind is what sort of answer a question wants: a person, a date, a
// number or a reason. Two questions that want different sorts ask different
// things however many words they share ("which judge got the DOJ case" is
// not "on what grounds did the DOJ sue"), so a pin is held back from a
// question of another kind.
type askKind uint8

const (
	askWho askKind = 1 << iota
	askWhen
	askHowMany
	askWhy
)

// askKindCues are the words that mark each kind, per language (folded,
// lowercase, after chat forms; a cue may be several words). Only the
// unmistakable ones: "what" or "which policies" say nothing of the kind.
var askKindCues = map[string]map[askKind][]string{
	"en": {
		askWho:     {"who", "whom", "whose", "which council member", "which council members", "which judge", "which person", "which people", "which members", "which officials", "name of", "names of"},
		askWhen:    {"when", "what day", "what date", "what year", "what month", "since when", "how long"},
		askHowMany: {"how many", "how much", "vote count", "tally"},
		askWhy:     {"why", "how come"},
	},
	"es": {
		askWho:     {"quien", "quienes", "que concejal", "que concejales", "que juez", "que jueza", "nombre de", "nombres de"},
		askWhen:    {"cuando", "que dia", "que fecha", "que ano", "que mes", "desde cuando"},
		askHowMany: {"cuantos", "cuantas", "cuanto", "cuanta"},
		askWhy:     {"por que", "porque"},
	},
}

// askKinds reads a question's kinds from its prepared (folded, chat forms
// expanded) text.
func askKinds(lang, prepared string) askKind {
	cues := askKindCues[lang]
	if cues == nil {
		return 0
	}
	words := " " + strings.Join(findWords(prepared), " ") + " "
	var k askKind
	for kind, list := range cues {
		for _, c := range list {
			if strings.Contains(words, " "+c+" ") {
				k |= kind
				break
			}
		}
	}
	return k
}

var numberRE = regexp.MustCompile(`\d+`)

// numbersOf are the numbers a question names, years apart from the rest
// (a directive's number and the year it was issued are not rivals).
func numbersOf(prepared string) (nums, years []string) {
	for _, n := range numberRE.FindAllString(prepared, -1) {
		if yearOf(n) != 0 {
			years = append(years, n)
		} else {
			nums = append(nums, n)
		}
	}
	return nums, years
}

// kindConflict: both questions say what kind of answer they want, and no
// kind is shared.
func kindConflict(a, b analyzed) bool {
	return a.kinds != 0 && b.kinds != 0 && a.kinds&b.kinds == 0
}

// numberConflict: both name numbers of one sort (years, or others), and
// none is the same ("executive directive 17" is not directive 12).
func numberConflict(a, b analyzed) bool {
	return disjoint(a.nums, b.nums) || disjoint(a.years, b.years)
}

func disjoint(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return false
			}
		}
	}
	return true
}
