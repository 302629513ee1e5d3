package index

import (
	"slices"
	"strings"
)

// cues are what a question's words as typed say beyond its search terms
// (several of the words are chat or stop words the analysis drops): it
// asks where things stand now, it is about the bot itself, the kinds of
// answer it wants, the offices it names, whether it asks what someone
// said, whether it asks the bot to predict. Read once per question, from
// one split of its prepared text.
type cues struct {
	present, past, aboutBot, says, predict, greets, advice, uncounted, followUp bool
	kinds                                                                       askKind
	titles                                                                      uint32
}

// readCues reads a question's cues from its prepared (folded, chat forms
// expanded) text, by the pack's PresentCues, AboutBot, Opinion, Future,
// AskKinds and Answers words.
//
// A cue counts in the words as typed (expand) or as corrected (prepare):
// a correction can make one ("jugde" is "judge", an office) or hide one.
func (e *langEngine) readCues(prepared, typed string) cues {
	w := cueWordsOf(prepared, typed)
	c := cues{present: hasCue(w, e.pack.PresentCues), past: hasCue(w, e.pack.PastCues), aboutBot: hasCue(w, e.pack.AboutBot), kinds: e.kindsIn(w)}
	future := hasCue(w, e.pack.Future)
	c.predict = future && (hasCue(w, e.pack.Opinion) || hasCue(w, e.pack.Soon)) || hasCue(w, e.pack.Later) ||
		hasCue(w, e.pack.Outcomes) && hasCue(w, e.pack.WillForms)
	// a demand (to judge, to entertain) is off-scope as advice is
	c.advice = hasCue(w, e.pack.Advice) || hasCue(w, e.pack.Demands)
	c.uncounted = c.kinds&askHowMany != 0 && e.countsUncounted(w)
	c.followUp = hasCue(w, e.pack.FollowUps)
	c.greets = hasCue(w, e.pack.Greetings) && !strings.Contains(prepared, "?") || hasCue(w, e.pack.SmallTalk)
	if a := e.pack.Answers; a != nil {
		c.says = hasCue(w, a.says)
		// What someone said "when" something happened asks for their
		// words, not a date: "q dijo la city attorney cuando el juez
		// desecho la demanda" had its when-cue lift the ruling's passage
		// over her quote. "...say, and when" still asks when.
		if c.says && c.kinds&askWhen != 0 && saidWhen(w, a.says, e.pack.AskKinds[askWhen]) {
			c.kinds &^= askWhen
		}
		if c.kinds&askWho != 0 || c.says {
			c.titles = a.titlesIn(w)
		}
	}
	return c
}

// saidWhen reports whether a question's first when-cue comes after its
// first cue of saying, as a clause of its own ("what did she say when"),
// not joined to it ("what did she say and when").
func saidWhen(words string, says, whens []string) bool {
	s, w := firstCue(words, says), firstCue(words, whens)
	if s < 0 || w < s {
		return false
	}
	before := strings.Fields(words[:w])
	return len(before) == 0 || !slices.Contains(joiners, before[len(before)-1])
}

// firstCue is where the first of cues occurs in words (cueAt), or -1.
func firstCue(words string, cues []string) int {
	at := -1
	for _, c := range cues {
		if i := cueAt(words, c); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	return at
}

// joiners join a second question to the first ("and when", "y cuando").
var joiners = []string{"and", "or", "y", "e", "o", "u"}

// cueWordsOf is cueWords of a question as prepared and, when the two
// differ, as typed.
func cueWordsOf(prepared, typed string) string {
	w := cueWords(prepared)
	if typed != prepared {
		w += cueWords(typed)
	}
	return w
}

// cueWords is text as its lowercase words between spaces, for hasCue: a
// cue matches whole words only ("now" not in "know").
func cueWords(text string) string {
	return " " + strings.Join(findWords(strings.ToLower(text)), " ") + " "
}

// hasCue reports whether words (from cueWords) hold one of the cues, each
// one or more words.
func hasCue(words string, cues []string) bool {
	for _, c := range cues {
		if cueAt(words, c) >= 0 {
			return true
		}
	}
	return false
}

// cueAt is the index of the space before the first whole-word cue c in
// words (from cueWords), or -1: strings.Index of " "+c+" " without
// building that string, which had been a tenth of reading a question's
// cues.
func cueAt(words, c string) int {
	for from := 0; ; {
		i := strings.Index(words[from:], c)
		if i < 0 || c == "" {
			return -1
		}
		i += from
		if i > 0 && words[i-1] == ' ' && i+len(c) < len(words) && words[i+len(c)] == ' ' {
			return i - 1
		}
		from = i + 1
	}
}

// uncountedAfter is how many words after a how-many cue may name what is
// counted: "how much has the doj lawsuit cost", "cuantas personas".
const uncountedAfter = 5

// countsUncounted reports whether words (from cueWords) count one of the
// pack's Uncounted quantities: one of them within uncountedAfter words
// after a how-many cue, and none of its Counted ones ("how many people
// voted" counts votes).
func (e *langEngine) countsUncounted(words string) bool {
	for _, cue := range e.pack.AskKinds[askHowMany] {
		rest := words
		for {
			i := cueAt(rest, cue)
			if i < 0 {
				break
			}
			rest = rest[i+len(cue)+1:] // from the space after the cue
			after := strings.Fields(rest)
			after = after[:min(len(after), uncountedAfter)]
			if slices.ContainsFunc(after, e.uncounted) && !slices.ContainsFunc(after, e.counted) {
				return true
			}
		}
	}
	return false
}

func (e *langEngine) uncounted(w string) bool { return slices.Contains(e.pack.Uncounted, w) }
func (e *langEngine) counted(w string) bool   { return slices.Contains(e.pack.Counted, w) }

// afterSources reports whether a question's years (numbersOf) include
// one later than any the documents name ("la council rewrites the
// ordinance in 2027"): what happens then is not in them, whatever the
// question's tense.
func (e *langEngine) afterSources(years []string) bool {
	if e.latestYear == 0 {
		return false
	}
	for _, y := range years {
		if yearOf(y) > e.latestYear {
			return true
		}
	}
	return false
}
