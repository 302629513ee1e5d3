package index

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// chatForms are the short forms people type in chat, with what they stand
// for; the question is rewritten before analysis so that "ppl" and "govt"
// reach the corpus's words. Curated for the language, never for one
// question.
var chatFormsEN = map[string]string{
	"ppl": "people", "ppls": "peoples", "u": "you", "ur": "your", "bc": "because", "b/c": "because", "cuz": "because", "cus": "because", "coz": "because",
	"rn": "right now", "pls": "please", "plz": "please", "govt": "government", "gov": "government", "gov't": "government",
	"thru": "through", "thro": "throw", "w/": "with", "w": "with", "w/o": "without", "abt": "about", "ab": "about", "bout": "about", "yrs": "years", "yr": "year",
	"b4": "before", "og": "original", "ed": "executive directive", "why'd": "why did", "how'd": "how did", "what'd": "what did",
	"who'd": "who did", "where'd": "where did", "when'd": "when did", "smth": "something", "sth": "something", "tho": "though", "idk": "i do not know", "dept": "department",
	"depts": "departments", "admin": "administration", "info": "information", "ok": "okay", "wat": "what", "wut": "what", "wich": "which", "teh": "the",
	"wen": "when", "y": "why", "da": "the", "tha": "the", "n": "and", "nd": "and", "r": "are", "cops": "police", "convo": "conversation",
	"fed": "federal", "judgement": "judgment", "mins": "minutes", "msg": "message", "pic": "picture", "approx": "approximately",
	"immigrants'": "immigrants", "tmrw": "tomorrow", "2day": "today", "ya": "you", "yall": "you all", "y'all": "you all",
	"gonna": "going to", "wanna": "want to", "gotta": "have to", "kinda": "kind of", "sorta": "sort of", "lemme": "let me",
	"hafta": "have to", "oughta": "ought to", "dunno": "do not know", "gimme": "give me", "outta": "out of", "lotta": "lot of",
	"tryna": "trying to", "finna": "going to", "shoulda": "should have", "coulda": "could have", "woulda": "would have",
	"$":  "money", // a sign on its own (moneyRE), not a word
	"sf": "san francisco", "1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth",
	// negations typed without their apostrophe, which typo correction
	// would otherwise take for another word ("wasnt" is not "want")
	"wasnt": "was not", "werent": "were not", "isnt": "is not", "arent": "are not", "didnt": "did not", "doesnt": "does not",
	"dont": "do not", "cant": "cannot", "couldnt": "could not", "wouldnt": "would not", "shouldnt": "should not",
	"hasnt": "has not", "havent": "have not", "hadnt": "had not", "wont": "will not", "aint": "is not",
}

// tallyRE is a vote count as people and the passages write it ("8-5",
// "13–0").
var tallyRE = regexp.MustCompile(`\b(\d{1,2})\s*[-–]\s*(\d{1,2})\b`)

// isTally: a count the winning side leads, of at most a council's fifteen
// votes; "12-4" is more likely a date.
func isTally(m []string) bool {
	a, errA := strconv.Atoi(m[1])
	b, errB := strconv.Atoi(m[2])
	return errA == nil && errB == nil && a >= b && a > 0 && a+b <= 15
}

func tallyKey(m []string) string { return m[1] + "-" + m[2] }

// loadTallies reads the passages' vote counts and the vote's own terms,
// once.
func (e *langEngine) loadTallies() {
	e.talliesOnce.Do(func() {
		e.tallies, e.voteTerms = map[string]bool{}, map[string]bool{}
		for _, p := range e.passages {
			for _, m := range tallyRE.FindAllStringSubmatch(p.Text, -1) {
				e.tallies[tallyKey(m)] = true
			}
		}
		for _, t := range e.text.Analyze([]byte(e.pack.Tally)) {
			e.voteTerms[string(t.Term)] = true
		}
	})
}

// namesVote reports whether text has a word for the vote (Pack.Tally's
// terms, by their analysis: "voted", "votaron").
func (e *langEngine) namesVote(text string) bool {
	for _, t := range e.text.Analyze([]byte(text)) {
		if e.voteTerms[string(t.Term)] {
			return true
		}
	}
	return false
}

var linkRE = regexp.MustCompile(`(?:https?://|www\.)\S+|<[@#][!&]?\d+>`)

// handleRE is a name typed after "@" to address someone in the thread
// ("@jay no, it was 13-0"): whom the message answers, not what it asks.
var handleRE = regexp.MustCompile(`(?:^|\s)@[\p{L}\p{N}_.]+`)

// moneyRE is a dollar sign standing for a word ("did LA lose federal $$"),
// not before an amount ("$5 million").
var moneyRE = regexp.MustCompile(`(^|\s)\$+([\s?!.,]|$)`)

var letterDigitRE = regexp.MustCompile(`^([a-z]{1,4})(\d{1,4})$`)

var wordRE = regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}'/]*`)

// minSurfaceTypo is the shortest word that gets typo correction: at four
// letters one edit reaches too many real words ("rain" → "raid").
const minSurfaceTypo = 5

// prepare rewrites a folded question into the corpus's words: chat forms
// expanded, and a word neither the corpus nor the synonyms know replaced by
// the corpus word closest to it in spelling ("ordnance" → "ordinance",
// "lawsiut" → "lawsuit"). It works on the words as typed, not on stems: a
// typo's stem can be far from its word's ("ordnanc" / "ordin").
func (e *langEngine) prepare(folded string) string {
	_, prepared := e.rewrite(folded)
	return prepared
}

// parsePhrases reads a chat-phrase file: "a, b => c" lines, "#" comments.
// Every source is folded and lowercase as the questions it is matched in.
func parsePhrases(src string) (map[string]string, error) {
	out := map[string]string{}
	for n, line := range entryLines(src) {
		from, to, ok := strings.Cut(line, "=>")
		if !ok {
			return nil, fmt.Errorf("line %d: want \"phrase, phrase => replacement\", got %q", n, line)
		}
		to = strings.TrimSpace(to)
		for _, f := range strings.Split(from, ",") {
			f = strings.TrimSpace(f)
			if f == "" || f != strings.ToLower(foldQuery(f)) {
				return nil, fmt.Errorf("line %d: phrase %q must be folded and lowercase", n, f)
			}
			if prev, dup := out[f]; dup && prev != to {
				return nil, fmt.Errorf("line %d: %q is already %q", n, f, prev)
			}
			out[f] = to
		}
	}
	return out, nil
}

// mustPhrases parses an embedded chat-phrase file; a bad one is a build
// defect, caught by the tests.
func mustPhrases(name, src string) map[string]string {
	m, err := parsePhrases(src)
	if err != nil {
		panic(fmt.Sprintf("%s: %v", name, err))
	}
	return m
}

// phraseSet rewrites a pack's ChatPhrases as whole words, longest first.
// Most questions hold none of them, and a regexp of a hundred
// alternatives is the costliest step of preparing a question (a tenth of
// a search), so a substring test goes first: the regexp can only match
// where some phrase occurs as written.
type phraseSet struct {
	re   *regexp.Regexp
	keys []string
	to   map[string]string
}

// newPhraseSet is nil when the pack has no phrases.
func newPhraseSet(phrases map[string]string) *phraseSet {
	if len(phrases) == 0 {
		return nil
	}
	keys := make([]string, 0, len(phrases))
	for k := range phrases {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return len(keys[i]) > len(keys[j]) || len(keys[i]) == len(keys[j]) && keys[i] < keys[j]
	})
	quoted := make([]string, len(keys))
	for i, k := range keys {
		quoted[i] = regexp.QuoteMeta(k)
	}
	return &phraseSet{regexp.MustCompile(`\b(?:` + strings.Join(quoted, "|") + `)\b`), keys, phrases}
}

// rewrite replaces every phrase of lower by what it means.
func (ps *phraseSet) rewrite(lower string) string {
	if ps == nil || !slices.ContainsFunc(ps.keys, func(k string) bool { return strings.Contains(lower, k) }) {
		return lower
	}
	return ps.re.ReplaceAllStringFunc(lower, func(p string) string { return ps.to[p] })
}

// expand is prepare without typo correction: the question's own words
// with chat forms expanded, for the cues of how it is asked, which a
// correction can hide ("proximas elecciones" had become "propias
// secciones", and the question no longer asked about a time to come).
func (e *langEngine) expand(folded string) string {
	typed, _ := e.rewrite(folded)
	return typed
}

// rewrite is expand and prepare in one pass over the words: a search needs
// both, and they differ only where a word was corrected.
func (e *langEngine) rewrite(folded string) (typed, prepared string) {
	// A pasted link is not what the question asks ("…/los-angeles-passes-
	// ordinance-… is this right?"): its words would outweigh the question's.
	lower := strings.ToLower(folded)
	if strings.Contains(lower, "http") || strings.Contains(lower, "www.") || strings.Contains(lower, "<") {
		lower = linkRE.ReplaceAllString(lower, " ")
	}
	if strings.Contains(lower, "@") {
		lower = handleRE.ReplaceAllString(lower, " ")
	}
	if f, ok := e.pack.ChatForms["$"]; ok && strings.Contains(lower, "$") {
		lower = moneyRE.ReplaceAllString(lower, "${1}"+f+"${2}")
	}
	if e.pack.Tally != "" && strings.ContainsAny(lower, "-–") && tallyRE.MatchString(lower) {
		e.loadTallies()
		lower = tallyRE.ReplaceAllStringFunc(lower, func(m string) string {
			sub := tallyRE.FindStringSubmatch(m)
			switch {
			case !isTally(sub):
				return m
			case !e.tallies[tallyKey(sub)]:
				return e.pack.Tally
			}
			// The documents' own count, typed without a word for the vote,
			// is the vote too ("en un lado dice 13-0 y en otro 12-0"): its
			// numbers alone say little. With one ("the 12-0 vote back in
			// 2023"), the vote is asked already.
			if e.namesVote(lower) {
				return m
			}
			return m + " " + e.pack.Tally
		})
	}
	lower = e.chat.rewrite(lower)
	// The phrase file is written in full words; a phrase typed with chat
	// forms ("fue idea d bass", "q tiene d nuevo") is read again once
	// they are expanded. No phrase writes a chat form, so the words below
	// hold none.
	if expanded, ok := e.expandChatForms(lower); ok {
		lower = e.chat.rewrite(expanded)
	}
	var t, p strings.Builder
	last := 0
	for _, loc := range wordIndexes(lower) {
		w := lower[loc[0]:loc[1]]
		rep, fixed := w, ""
		if m := letterDigits(w); m != nil {
			rep = m[1] + " " + m[2] // "sb54", "ed20": the corpus writes "SB 54", "ED 20"
		} else if m := dayOrdinal(w); m != "" {
			rep = m
		} else {
			fixed = e.correct(w)
		}
		t.WriteString(lower[last:loc[0]])
		t.WriteString(rep)
		p.WriteString(lower[last:loc[0]])
		p.WriteString(cmp.Or(fixed, rep))
		last = loc[1]
	}
	t.WriteString(lower[last:])
	p.WriteString(lower[last:])
	return t.String(), p.String()
}

// expandChatForms replaces the chat forms among lower's words (Pack.ChatForms)
// and reports whether there were any. It runs before the letters-and-
// digits split: "b4" is "before", not "b 4".
func (e *langEngine) expandChatForms(lower string) (string, bool) {
	var b strings.Builder
	last, changed := 0, false
	for _, loc := range wordIndexes(lower) {
		f, ok := e.pack.ChatForms[lower[loc[0]:loc[1]]]
		if !ok {
			continue
		}
		b.WriteString(lower[last:loc[0]])
		b.WriteString(f)
		last, changed = loc[1], true
	}
	if !changed {
		return lower, false
	}
	b.WriteString(lower[last:])
	return b.String(), true
}

// dayOrdinal is the number of a day typed as an ordinal ("nov 19th", "dec
// 4th" → "19", "4"), as the corpus writes it ("Nov. 19"), or "".
func dayOrdinal(w string) string {
	n := len(w) - 2
	if n < 1 || n > 2 || digits(w[:n]) == 0 {
		return ""
	}
	switch w[n:] {
	case "st", "nd", "rd", "th":
		return w[:n]
	}
	return ""
}

// letterDigits is letterDigitRE's match of w, tried only on a word that
// ends in a digit (most have none).
func letterDigits(w string) []string {
	if w == "" || w[len(w)-1] < '0' || w[len(w)-1] > '9' {
		return nil
	}
	return letterDigitRE.FindStringSubmatch(w)
}

// correct returns the corpus word one typo away from w (two for long
// words), or "" when w is known, a stop word, a synonym, a word of the
// topic or off-scope lists, or has no close corpus word. Among equally
// close words the most frequent wins.
func (e *langEngine) correct(w string) string {
	if len(w) < minSurfaceTypo || e.surface[w] || e.pack.RealWords[w] {
		return ""
	}
	if digits(w) > 0 {
		return e.correctNumber(w)
	}
	if strings.ContainsAny(w, "0123456789") {
		return ""
	}
	toks := e.text.Analyze([]byte(w))
	if len(toks) != 1 {
		return "" // a stop word, or several words
	}
	t := string(toks[0].Term)
	if e.known(t) {
		return ""
	}
	if v := e.respell(w); v != "" {
		return v
	}
	maxDist := 1
	if len(w) >= 8 {
		maxDist = 2
	}
	type cand struct {
		w    string
		d, n int
	}
	var cands []cand
	var buf [3][32]int
	e.surfaceByLen.near(w, maxDist, func(v string) {
		// four- and five-letter words keep their first letter: "rain" is
		// not a typo of "main"
		if len(w) <= 5 && v[0] != w[0] {
			return
		}
		if d := editDistanceBuf(w, v, maxDist, &buf); d <= maxDist {
			cands = append(cands, cand{v, d, e.surfaceDF[v]})
		}
	})
	e.surfaceByLen.doubled(w, func(v string) {
		for _, c := range cands {
			if c.w == v {
				return
			}
		}
		cands = append(cands, cand{v, 1, e.surfaceDF[v]})
	})
	if len(cands) == 0 {
		return ""
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].d != cands[j].d {
			return cands[i].d < cands[j].d
		}
		if cands[i].n != cands[j].n {
			return cands[i].n > cands[j].n
		}
		return cands[i].w < cands[j].w
	})
	return cands[0].w
}

// otherKnows reports whether another language's corpus has word w.
func (e *langEngine) otherKnows(w string) bool {
	for _, o := range e.others {
		if toks := o.text.Analyze([]byte(w)); len(toks) == 1 && o.df[string(toks[0].Term)] > 0 {
			return true
		}
	}
	return false
}

// offscopeOnly reports whether only the off-scope list knows term t.
func (e *langEngine) offscopeOnly(t string) bool {
	return e.offscopeTerms[t] && !e.inCorpusOrSynonyms(t)
}

// known reports whether a term is the corpus's or the vocabulary files'.
func (e *langEngine) known(t string) bool {
	return e.inCorpusOrSynonyms(t) || e.listed[t]
}

// inCorpusOrSynonyms reports whether the corpus or the synonym file has t.
func (e *langEngine) inCorpusOrSynonyms(t string) bool {
	return e.df[t] > 0 || len(e.th.single[t]) > 0 || e.th.triggers[t]
}

// respell returns w with one of the pack's sound-alike letters swapped
// (Pack.Spellings), the first way that makes a known word, or "". A word
// another language knows is not respelled into one only the off-scope
// list knows: an English headline's "takes" in a Spanish question had
// become "taces", read as "tacos", while "elecsiones" is "elecciones".
func (e *langEngine) respell(w string) string {
	for _, sw := range e.pack.Spellings {
		for i := 0; ; {
			j := strings.Index(w[i:], sw[0])
			if j < 0 {
				break
			}
			j += i
			v := w[:j] + sw[1] + w[j+len(sw[0]):]
			if toks := e.text.Analyze([]byte(v)); len(toks) == 1 && e.known(string(toks[0].Term)) &&
				!(e.offscopeOnly(string(toks[0].Term)) && e.otherKnows(w)) {
				return v
			}
			i = j + len(sw[0])
		}
	}
	return ""
}

// minNumberTypo is the fewest digits a number needs to be corrected.
const minNumberTypo = 5

// correctNumber returns the one corpus number of five or more digits that
// is a typo away from w ("18844" or "188414" for the ordinance's 188441),
// or "" when none or several are. Shorter numbers are left alone: a
// year or a vote count one digit off is another year, not a typo.
func (e *langEngine) correctNumber(w string) string {
	found := ""
	var buf [3][32]int
	e.surfaceByLen.near(w, 1, func(v string) {
		if found == "-" || digits(v) < minNumberTypo || editDistanceBuf(w, v, 1, &buf) > 1 {
			return
		}
		if found != "" && found != v {
			found = "-" // two candidates: neither is clearly it
			return
		}
		found = v
	})
	if found == "-" {
		return ""
	}
	return found
}
