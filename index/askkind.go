package index

import (
	"regexp"
	"slices"
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
	// askDate: the question names the date itself as what it wants ("what
	// date", "que fecha"), not only a time ("when can police ask"): a
	// passage with a day's date answers it before one with a year alone.
	askDate
)

// askSig is what a question asks for beyond its words: the kinds of
// answer it wants and the numbers it names, years apart from the rest,
// the months it names and which of a series it means (the first vote or
// a later one). Only the pin matcher uses it (kindConflict,
// numberConflict).
type askSig struct {
	kinds       askKind
	nums, years []string
	months      uint16 // bit m-1 for month m
	order       uint8  // orderFirst, orderLater
}

const (
	orderFirst uint8 = 1 << iota
	orderLater
)

// askSignature reads a question's signature from its prepared (folded,
// chat forms expanded) text, by the pack's AskKinds cues.
func (e *langEngine) askSignature(prepared string) askSig {
	// A date asked outright is still a when-question to the pin matcher:
	// "what date was it signed" asks what "when was it signed" does.
	sig := askSig{kinds: e.kindsIn(cueWords(prepared)) &^ askDate}
	sig.nums, sig.years = numbersOf(prepared)
	words := cueWords(prepared)
	for _, w := range strings.Fields(words) {
		if m := e.pack.Months[w]; m > 0 {
			sig.months |= 1 << (m - 1)
		}
	}
	if hasCue(words, e.pack.Ordinals[0]) {
		sig.order |= orderFirst
	}
	if hasCue(words, e.pack.Ordinals[1]) {
		sig.order |= orderLater
	}
	return sig
}

// kindsIn are the kinds of answer cue words (from cueWords) ask for.
func (e *langEngine) kindsIn(words string) askKind {
	var kinds askKind
	for kind, cues := range e.pack.AskKinds {
		if hasCue(words, cues) {
			kinds |= kind
		}
	}
	if kinds&askWho == 0 && e.whichPerson(words) {
		kinds |= askWho
	}
	return kinds
}

// whichPerson reports whether a which-word is followed closely by a noun
// for a person (Pack.WhichPerson).
func (e *langEngine) whichPerson(words string) bool {
	if len(e.pack.WhichPerson) == 0 {
		return false
	}
	ws := strings.Fields(words)
	for i, w := range ws {
		n, ok := e.pack.WhichPerson[w]
		if !ok {
			continue
		}
		for _, next := range ws[i+1 : min(i+1+n, len(ws))] {
			if slices.Contains(e.pack.PersonNouns, next) {
				return true
			}
		}
	}
	return false
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
func kindConflict(a, b askSig) bool {
	return a.kinds != 0 && b.kinds != 0 && a.kinds&b.kinds == 0
}

// numberConflict: both name numbers of one sort (years, months, which of
// a series, or others), and none is the same ("executive directive 17" is
// not directive 12, "the december vote" not the one on Nov. 19, "the
// second vote" not the first).
func numberConflict(a, b askSig) bool {
	return disjoint(a.nums, b.nums) || disjoint(a.years, b.years) ||
		a.months != 0 && b.months != 0 && a.months&b.months == 0 ||
		a.order != 0 && b.order != 0 && a.order&b.order == 0
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
