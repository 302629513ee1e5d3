package index

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"ordinancebot/corpus"
)

// answerKindBoost lifts, for a question that wants a date or a person
// ("who signed sb 54 and when"), the passages that hold one: of two
// passages sharing the question's words, the one that states when or who
// answers it ("signed by Gov. Jerry Brown on Oct. 5, 2017" before "in his
// signing message, Gov. Jerry Brown said"). Chosen on the public tuning
// half and the check sets (README, "Search quality"); it moved the next
// two independent sets, seen only after, by one question each. A pack may
// raise it (Pack.KindBoost).
const answerKindBoost = 0.2

// titleBoost lifts, further, for a question asking who holds an office
// ("which judge got the doj lawsuit"), the passages naming its holder
// ("Judge Fernando M. Olguin") over those that say "the judge": 0.3 of
// 0.3-1.0 on the tuning half and check sets 1-7 (+1 R@1 on es-check3 and
// en-check6; 1.0 cost es-check4 one).
const titleBoost = 0.3

// quoteBoost lifts, for a question asking what someone said ("what did
// bass say before the vote", "que dijo la alcaldesa"), the passages that
// quote a sentence with a word of speech ("the mayor said in a Nov. 12
// statement"), over those that only report what was done: 0.7, the low
// end of a plateau from 0.7 to 1.5 on the tuning half and check sets 1-8
// (+1 R@1 on en-check3, en-check6, en-check7, es-check5, es-check8; -1 R@3
// on en-check4: "did a court say anything" is no quote question).
const quoteBoost = 0.7

// quotedTitleBoost lifts, for a question asking what the holder of an
// office said, the passages quoting that holder: 3, the low end of a
// plateau from 3 to 5 on the check sets (+5 Spanish R@1, the city
// attorney's statement after the dismissal four times; 1 gained one, 2
// four; nothing lost at any of them).
const quotedTitleBoost = 3.0

// answerWords are a pack's words for what a passage holds, read from its
// words (a scan, not regexps: every passage a batch ranks is read once,
// and the regexps cost a batch 7 ms of CPU). A date is a month and a day
// ("Oct. 5"; in Spanish "5 de octubre") or a year; a person is an office's
// title and a capitalized word ("Judge Fernando M. Olguin", "el juez
// Olguin", "Councilmember Curren Price"): the corpus names its people by
// their office.
type answerWords struct {
	months   map[string]bool
	dayFirst bool // "5 de octubre", not "Oct. 5"
	// numbered are the words before a number that names something
	// ("Directive 17", "SB 54", "Section 7284"): not a count.
	numbered map[string]bool
	// counts are number words ("four emergency resolutions"); "one" and
	// the Spanish "un"/"una" are left out, being words of every kind.
	counts map[string]bool
	// says are the words of a question asking what someone said, and
	// speech the words of a passage quoting them.
	says, speech []string
	// reasons are the words of a passage giving a reason ("because the
	// ordinance was amended"), what a why-question wants.
	reasons []string
	// clauseReasons give a reason only opening a clause ("no fue el último
	// paso: como la ordenanza se modificó, necesitaba una segunda
	// votación"), not elsewhere ("tan rápido como").
	clauseReasons []string
	people        [][]string // titles, lowercase words
	// titles are the offices a who-question may name ("which judge"),
	// each with the titles of a passage naming its holder.
	titles []titleCue
	// byFirst indexes people and titles by their first word (built once):
	// a passage's word is looked up, not compared with every title.
	byFirst map[string][]titleRef
}

// A titleRef is a title of answerWords, with the bit of the office it
// names (0 for a person's title only).
type titleRef struct {
	words  []string
	person bool
	office uint32
}

func (a *answerWords) index() *answerWords {
	a.byFirst = map[string][]titleRef{}
	for _, t := range a.people {
		a.byFirst[t[0]] = append(a.byFirst[t[0]], titleRef{words: t, person: true})
	}
	for j, tc := range a.titles {
		for _, t := range tc.titles {
			a.byFirst[t[0]] = append(a.byFirst[t[0]], titleRef{words: t, office: 1 << j})
		}
	}
	return a
}

// A titleCue is an office a who-question may name and the titles of a
// passage naming its holder.
type titleCue struct {
	cues   []string   // folded, lowercase, as cueWords reads the question
	titles [][]string // lowercase words
}

func words(list ...string) [][]string {
	out := make([][]string, len(list))
	for i, s := range list {
		out[i] = strings.Fields(s)
	}
	return out
}

var (
	answersEN = (&answerWords{
		says:          []string{"say", "said", "says", "statement", "statements", "quote", "quoted", "comment", "comments", "react", "reaction", "reacted", "mention", "mentioned", "mentions", "list", "listed", "cite", "cited", "respond", "responded", "response"},
		speech:        []string{"said", "says", "statement", "wrote", "told"},
		reasons:       []string{"because", "due to", "so that", "in order to", "the reason", "reasons"},
		clauseReasons: []string{"since"},
		counts:        wordSet("two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen twenty thirty forty fifty sixty hundred hundreds thousand thousands million millions dozen dozens"),
		numbered:      wordSet("directive ed order ordinance no number sb ab section sections code article res case chapter district amendment ¶ page"),
		months:        wordSet("jan january feb february mar march apr april may jun june jul july aug august sep sept september oct october nov november dec december"),
		people: words("gov", "governor", "judge", "justices", "mayor", "chief", "councilmember", "councilmembers", "councilman",
			"councilwoman", "council president", "senator", "president pro tem", "president", "president elect", "city attorney",
			"attorney general", "superintendent", "board member", "board members"),
		titles: []titleCue{
			{[]string{"judge", "judges"}, words("judge", "justices")},
			{[]string{"mayor"}, words("mayor")},
			{[]string{"governor", "gov"}, words("gov", "governor")},
			{[]string{"superintendent"}, words("superintendent")},
			{[]string{"city attorney"}, words("city attorney")},
			{[]string{"chief", "police chief"}, words("chief")},
			{[]string{"council president"}, words("council president")},
		},
	}).index()
	answersES = (&answerWords{
		says:          []string{"dijo", "dice", "decir", "declaro", "declaracion", "comunicado", "opino", "reacciono", "reaccion", "comento", "menciono", "mencionaron", "menciona", "mencionan", "mencionar"},
		speech:        []string{"dijo", "declaró", "afirmó", "escribió", "comunicado", "declaración"},
		reasons:       []string{"porque", "ya que", "debido a", "para que", "puesto que", "la razón", "razones"},
		clauseReasons: []string{"como"},
		counts:        wordSet("dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince veinte treinta cuarenta cincuenta sesenta cien cientos miles millones docena docenas"),
		numbered:      wordSet("directiva ed orden ordenanza no numero número sb ab seccion sección secciones código codigo articulo artículo res caso capitulo distrito enmienda"),
		months:        wordSet("enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre"),
		dayFirst:      true,
		people: words("gobernador", "juez", "jueza", "jueces", "alcaldesa", "alcalde", "jefe", "concejal", "concejala", "concejales",
			"presidente", "presidente electo", "senador", "fiscal", "fiscal general", "superintendente", "miembro de la junta", "miembros de la junta",
			// the feminine titles, and an office named before the name
			// ("la presidenta de la Junta de Educación, Jackie Goldberg")
			"presidenta", "senadora", "gobernadora", "jefa", "concejalas", "superintendenta", "miembra de la junta",
			"presidenta de la junta de educación", "presidente de la junta de educación", "presidenta de la junta", "presidente de la junta"),
		titles: []titleCue{
			{[]string{"juez", "jueza", "jueces", "judge"}, words("juez", "jueza", "jueces")},
			{[]string{"alcaldesa", "alcalde", "mayor"}, words("alcaldesa", "alcalde")},
			{[]string{"gobernador"}, words("gobernador")},
			{[]string{"superintendente"}, words("superintendente")},
			{[]string{"jefe de policia", "jefe"}, words("jefe de policía")},
			{[]string{"city attorney", "abogada de la ciudad", "abogado de la ciudad", "fiscal de la ciudad", "procuradora de la ciudad", "procurador de la ciudad"},
				words("abogada de la ciudad", "abogado de la ciudad")},
		},
	}).index()
)

// held is what a passage's text holds: kinds of answer (a date, a
// person), the offices whose holder it names (a bit per answerWords.titles
// entry), whether it has a count of something, and whether it quotes a
// sentence someone said.
type held struct {
	kinds  askKind
	titles uint32
	count  bool
	quote  bool
	day    bool // a day's date ("Oct. 5, 2017", "5 de octubre"), not a year alone
	// names are the people it names after a title ("Councilmembers Traci
	// Park and John Lee"), lowercase, two words or more each.
	names []string
}

// heldBy reads a passage's text (citation markers aside; nothing for a
// source list) the first time a question of a kind ranks it.
func (e *langEngine) heldBy(id string) held {
	if v, ok := e.held.Load(id); ok {
		return v.(held)
	}
	var h held
	if p, ok := e.corpus.Passage(id); ok && !corpus.IsSourcesHeading(p.Section) && e.pack.Answers != nil {
		text := blankCitations(p.Text)
		h = e.pack.Answers.read(text)
		// A person the corpus names with a title somewhere is a person
		// wherever it names them ("con John Lee, Traci Park y Nithya Raman
		// ausentes" answers who was absent).
		if h.kinds&askWho == 0 && namesAnyOf(strings.ToLower(text), e.corpusNames()) {
			h.kinds |= askWho
		}
	}
	e.held.Store(id, h)
	return h
}

// maxNamesPassages bounds the corpus corpusNames reads: a hundred
// thousand passages would make the first who-question wait about a second
// for it, so a corpus that large goes without (a passage still names a
// person by a title of its own).
const maxNamesPassages = 20000

// corpusNames are the people every passage of the corpus names after a
// title, read once, in each passage's own language.
func (e *langEngine) corpusNames() []string {
	e.namesOnce.Do(func() {
		if len(e.corpus.Passages) > maxNamesPassages {
			return
		}
		seen := map[string]bool{}
		for _, p := range e.corpus.Passages {
			pk := packOf(p.Doc.Language())
			if pk == nil || pk.Answers == nil || corpus.IsSourcesHeading(p.Section) {
				continue
			}
			for _, n := range pk.Answers.read(blankCitations(p.Text)).names {
				if !seen[n] {
					seen[n] = true
					e.names = append(e.names, n)
				}
			}
		}
	})
	return e.names
}

// namesAnyOf reports whether lower (lowercase text) names one of names as
// whole words.
func namesAnyOf(lower string, names []string) bool {
	if len(names) == 0 {
		return false
	}
	words := " " + strings.Join(findWords(lower), " ") + " "
	return hasCue(words, names)
}

func (a *answerWords) read(text string) held {
	ws := findWords(text)
	lower := make([]string, len(ws))
	for i, w := range ws {
		lower[i] = strings.ToLower(w)
	}
	var h held
	joined := " " + strings.Join(lower, " ") + " "
	h.quote = quotes(text) && hasCue(joined, a.speech)
	if hasCue(joined, a.reasons) || opensClause(strings.ToLower(text), a.clauseReasons) {
		h.kinds |= askWhy
	}
	capitalAt := func(i int) bool {
		if i >= len(ws) {
			return false
		}
		r, _ := utf8.DecodeRuneInString(ws[i])
		return unicode.IsUpper(r)
	}
	for i, w := range lower {
		switch n := digits(w); {
		case n == 4 && yearOf(w) != 0:
			h.kinds |= askWhen
		case n > 0:
			// A count is a number that is not a date's day ("Nov. 19", "19
			// de noviembre") nor a name's ("Directive 17", "SB 54").
			day := n <= 2 && (a.dayFirst && i+2 < len(lower) && lower[i+1] == "de" && a.months[lower[i+2]] ||
				!a.dayFirst && i > 0 && a.months[lower[i-1]])
			if day {
				h.kinds |= askWhen
				h.day = true
			} else if i == 0 || !a.numbered[lower[i-1]] {
				h.count = true
			}
		case a.counts[w]:
			h.count = true
		}
		refs := a.byFirst[w]
		if refs == nil {
			continue
		}
		// A title is read at its longest: "Fiscal General del estado" is
		// an office, not the fiscal named "General".
		best := 0
		for _, r := range refs {
			if len(r.words) > best && i+len(r.words) <= len(lower) && slices.Equal(lower[i:i+len(r.words)], r.words) {
				best = len(r.words)
			}
		}
		if best == 0 || !capitalAt(i+best) {
			continue
		}
		for _, r := range refs {
			if len(r.words) == best && slices.Equal(lower[i:i+best], r.words) {
				if r.person {
					h.kinds |= askWho
					h.names = append(h.names, titledNames(ws, lower, i+best, capitalAt)...)
				}
				h.titles |= r.office
			}
		}
	}
	return h
}

// titledNames are the names a title starts at ws[k]: capitalized words,
// several names joined by "and" or "y" ("Traci Park and John Lee"), each
// of two or three words ("Hydee Feldstein Soto"; a fourth capitalized word
// is something else: "Distrito 4"), lowercase.
func titledNames(ws, lower []string, k int, capitalAt func(int) bool) []string {
	var out, cur []string
	flush := func() {
		if len(cur) >= 2 {
			out = append(out, strings.Join(cur, " "))
		}
		cur = nil
	}
	for ; k < len(ws) && len(out) < 4; k++ {
		switch {
		case capitalAt(k) && len(cur) < 3:
			w, possessive := strings.CutSuffix(lower[k], "'s")
			cur = append(cur, w)
			if possessive {
				flush()
				return out
			}
		case (lower[k] == "and" || lower[k] == "y") && len(cur) > 0:
			flush()
		default:
			flush()
			return out
		}
	}
	flush()
	return out
}

// quotes reports whether text quotes a sentence: six words or more
// between quotation marks.
func quotes(text string) bool {
	for {
		i := strings.IndexAny(text, "“\"")
		if i < 0 {
			return false
		}
		text = text[i+1:]
		j := strings.IndexAny(text, "”\"")
		if j < 0 {
			return false
		}
		if len(strings.Fields(text[:j])) >= 6 {
			return true
		}
		text = text[j+1:]
	}
}

// digits is the length of w when it is all ASCII digits, else 0.
func digits(w string) int {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return 0
		}
	}
	return len(w)
}

// titlesIn are the offices cue words (from cueWords) name, as a bit set
// over the titles.
func (a *answerWords) titlesIn(words string) uint32 {
	var set uint32
	for i, t := range a.titles {
		if hasCue(words, t.cues) {
			set |= 1 << i
		}
	}
	return set
}

// answerPrior is a passage's lift for a question wanting the kinds asked:
// answerKindBoost for each it holds (dates, people), and titleBoost when
// it names the holder of an office the question names.
func (e *langEngine) answerPrior(asked askKind, titles uint32, says bool, id string) float64 {
	h := e.heldBy(id)
	b := 1.0
	for _, k := range [...]askKind{askWho, askWhen, askWhy} {
		if asked&h.kinds&k != 0 {
			b += answerKindBoost + e.pack.KindBoost
		}
	}
	// A question asking what someone said wants their words: the office
	// it names lifts only a passage quoting its holder, and by much ("q
	// dijo la city attorney despues q el judge tiro la demanda" is not
	// about the judge's ruling, whose passage shares far more words).
	// A how-many question wants a count as a when-question wants a date
	// ("how many times has lapd used that exception": "twice, in 2018").
	// Check sets: R@1 +3 -1 (a how-many-days question lost its passage
	// to one with a count), and two wrong refusals fewer, the count now
	// among the first passages countsHeld looks at.
	if asked&askHowMany != 0 && h.count {
		b += answerKindBoost + e.pack.KindBoost
	}
	// A date asked outright ("on what date did Brown sign SB 54") wants
	// the passage with the day: "signed by Gov. Jerry Brown on Oct. 5,
	// 2017" before "in his signing message (2017), Brown said".
	if asked&askDate != 0 && h.day {
		b += answerKindBoost + e.pack.KindBoost
	}
	if titles&h.titles != 0 {
		switch {
		case !says:
			b += titleBoost
		case h.quote:
			b += quotedTitleBoost
		}
	}
	if says && h.quote {
		b += quoteBoost
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
		if e.heldBy(h.ID).count {
			return true
		}
	}
	return false
}

// opensClause reports whether one of words opens text or a clause of it,
// after a stop, colon or semicolon (text lowercase).
func opensClause(text string, words []string) bool {
	for _, w := range words {
		if strings.HasPrefix(text, w+" ") {
			return true
		}
		for _, sep := range [...]string{". ", ": ", "; "} {
			if strings.Contains(text, sep+w+" ") {
				return true
			}
		}
	}
	return false
}
