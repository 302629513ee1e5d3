package index

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"

	"ordinancebot/corpus"
)

var (
	engineOnce sync.Once
	engine     *Engine
	engineErr  error
)

// testEngine shares one engine across tests: it is immutable.
func testEngine(t testing.TB) *Engine {
	t.Helper()
	engineOnce.Do(func() {
		c, err := corpus.Default("")
		if err != nil {
			engineErr = err
			return
		}
		engine, engineErr = New(c, DefaultOptions())
	})
	if engineErr != nil {
		t.Fatalf("build engine: %v", engineErr)
	}
	return engine
}

func TestSearchTopPassage(t *testing.T) {
	e := testEngine(t)
	tests := []struct {
		q    string
		want string // citation id of the expected first passage, or text it must contain
	}{
		{"What was the 13-0 vote?", "13–0"}, // ASCII hyphen finds the en dash
		{"13–0", "13–0"},
		{"Trump's pledge to initiate deportations", "article-1"}, // straight apostrophe finds the curly one
		{"Trump’s pledge of mass deportations", "article-1"},
		{"administrative warrant", "administrative warrant"}, // article-8 (the rule) or summary-exceptions-4 (what it covers)
		{"drunk driving robbery", "article-12"},
		{"Antonio Villaraigosa", ""}, // not in the corpus: nothing invented
		{"who is the lausd superintendent", "summary-related-policies-11"},
		{"ordinance number", "188441"},
		{"ED 17 body cameras", "summary-later-events-7"},
		{"Alberto Carvalho", "summary-related-policies-11"},
		{"who is the lausd superintendant", "summary-related-policies-11"}, // typo
		// How a case ended is its outcome: the dismissal.
		{"how did the lawsuit end", "summary-later-events-8"},
		{"how did the case end", "summary-later-events-8"},
		// A question naming another policy by a phrase whose words are
		// common ("order", "40") gets that policy's passage, not the
		// ordinance's mention of it (mostlyRelated).
		{"what is special order 40", "summary-related-policies-4"},
		{"q es la special order 40 del lapd", "resumen-politicas-relacionadas-4"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			res, err := e.Search(tt.q, 3, 0)
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == "" {
				if res.Answered {
					t.Fatalf("answered with %s, want no answer", res.Hits[0].Passage.ID)
				}
				return
			}
			if !res.Answered || len(res.Hits) == 0 {
				t.Fatalf("not answered (%s, coverage %.2f)", res.Reason, res.Coverage)
			}
			if top := res.Hits[0].Passage; top.ID != tt.want && !strings.Contains(top.Text, tt.want) {
				got := top.ID
				t.Fatalf("top passage %s, want %s", got, tt.want)
			}
		})
	}
}

func TestOffTopicAndEmptyQuestionsAreNotAnswered(t *testing.T) {
	e := testEngine(t)
	for _, q := range []string{
		"what is the capital of france", "How tall is the Eiffel Tower?", "", "   ", "what is it?",
		"???", "\x00\x01", "🙂🙂", strings.Repeat("zzqx ", 500),
		// an off-scope word the corpus lacks needs nearly all the rest of
		// the question to be the corpus's words, not most of it
		"whats the ice hotline number to report a raid",
		"does chicago have a sanctuary ordinance like LA",
		"is it gonna rain in LA this weekend?",
		// an off-scope phrase whose words the corpus has one by one, and
		// whose "center" is not a typo of the corpus's "enter"
		"ICE took my uncle, how do i find which detention center he is in",
		"se llevaron a mi tio los de ICE, en que centro de detencion esta",
		// about the bot itself, in either language, and not answered from
		// the other language's passages either
		"are u a bot", "what kind of stuff can you help me with?", "eres un bot o una persona de verdad?",
		// asking the bot to predict, with topic words: no document says
		// what will happen
		"do you think the city will repeal the sanctuary ordinance next year",
		"tu crees q la ordenanza santuario la van a quitar?",
		"va a haber mas redadas en LA la proxima semana?",
		// another city the documents name only as a plaintiff of the
		// funding case: its own sanctuary law is not theirs
		"is sf a sanctuary city like LA",
		"cuando se hizo san francisco ciudad santuario?",
		// pay, the council's meetings, holidays, and counts the
		// documents never give
		"is there ice skating downtown for christmas",
		"how do i sign up for public comment at the council",
		"my boss wont pay my overtime because im undocumented",
		"cuantos policias hay en el lapd", "how many officers does lapd have",
		// asking what to do: the documents never advise
		"ice is outside my building rn what do i do",
		"q hago si la migra toca en mi casa? abro o no abro",
		"tengo una cita con ICE la otra semana, me conviene ir o no",
		// asking the bot to judge or to entertain, however on-topic
		"is the sanctuary ordinance good or bad, be honest",
		"y tu q opinas, esta bien o mal la ordenanza santuario",
		"tell me a joke about the city council",
		"write me a tweet thread roasting the lagop",
		// a year after the documents end: what happens then is not in them
		"did the city council change the sanctuary ordinance in 2027?",
		"\"LA council rewrites sanctuary ordinance in 2027\" es cierto esto?",
		"bot de q lado estas tu, del lagop o de soto-martinez?",
		// a long message about something else: many of the corpus's
		// common words, little of the message (the second has no off-scope
		// word: only its coverage tells)
		"we just moved to boyle heights and im still learning how everything works here, like which day they do street sweeping and who i call when a streetlight is out",
		"we moved to el sereno over the summer and honestly im still working out all the city stuff, like what office do i call when the neighbors keep leaving their old furniture out by the curb",
		// a follow-up's pronoun does not make chat, weather or another
		// place a question about our documents (TestFollowUpsAreAnswered)
		"is it gonna rain tomorrow",
		"thanks, it helped a lot",
		"does chicago have one like it",
		// greetings and praise, however many of the corpus's words they
		// hold ("tardes", "abogado"), the weather, budgets and pay
		"hola buenas tardes a todos", "jajaja este bot sabe mas q mi abogado", "que tiempo hace en madrid",
		"What's the LAPD's total budget for fiscal year 2025-26?", "cuanto gana al año la alcaldesa Karen Bass?",
		"Write me a speech I can give at a city council public comment supporting the ordinance.",
		"what is Karen Bass's approval rating right now among Latino voters?", "ok vale tío, nos vemos 👋",
		"Write me a fiery Instagram caption defending LA's sanctuary law.", "holaaa 👋 todo bien?",
		// ... unless it is the subject too
		"im from chicago, does chicago have a sanctuary law like LA?",
	} {
		res, err := e.Search(q, 3, 0)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if res.Answered || len(res.Hits) != 0 {
			t.Errorf("%q: answered with %d hits, want none", q, len(res.Hits))
		}
		if res.Reason == "" {
			t.Errorf("%q: no reason given", q)
		}
	}
}

// The verdict weighs the better covered of the first two passages: a short
// passage can rank first on part of a question whose whole the next one
// holds (both were refused when only the first counted).
func TestVerdictLooksAtTheFirstTwoPassages(t *testing.T) {
	e := testEngine(t)
	for _, q := range []string{"when did the draft come out", "did the council do anything else in 2025"} {
		answered(t, e, q)
	}
}

// A place the documents name as the setting of something is still asked
// about in that setting ("the judge", "the order", "los fondos").
func TestKnownPlacesInTheirContextAreAnswered(t *testing.T) {
	e := testEngine(t)
	for _, q := range []string{
		"which san francisco judge blocked trump from withholding funds from sanctuary cities?",
		"did the sf court protect LA's federal money",
		"is LA part of the san francisco injunction",
		"que juez de san francisco bloqueo lo de los fondos federales",
	} {
		answered(t, e, q)
	}
}

// The places section of offscope.txt is read as places, and only it.
func TestOffScopePlacesSection(t *testing.T) {
	places := sectionLines(offScopeFile, placesSection)
	for _, w := range []string{"chicago", "san francisco", "nueva york"} {
		if !strings.Contains(places, "\n"+w+"\n") && !strings.HasPrefix(places, w+"\n") {
			t.Errorf("places section lacks %q", w)
		}
	}
	for _, w := range []string{"daca", "parking ticket"} {
		if strings.Contains(places, w) {
			t.Errorf("places section has %q, from another section", w)
		}
	}
}

// An opinion cue alone is a hedge, not a request for a prediction: the
// question still asks what the documents say.
func TestHedgedQuestionsAreAnswered(t *testing.T) {
	e := testEngine(t)
	for _, q := range []string{
		"do you think the police can ask about my immigration status?",
		"crees q la policia me puede preguntar si tengo papeles?",
		"will the city hand people over to ICE?",
		// a near time that sets the scene, with no future form
		"voy a llevar a mi hijo a la clinica de la ciudad la semana que viene, me pueden preguntar si tengo papeles?",
		"la ciudad va a ayudar a la migra?",
		// A guessed number the passages never use counts neither way.
		"who introduced the motion, was it in 2021?",
		"cuando firmo bass la ordenanza, fue en 2021?",
	} {
		answered(t, e, q)
	}
}

// A follow-up's pronoun stands for what the thread is about, our
// documents, so it needs fewer words of its own matched.
func TestFollowUpsAreAnswered(t *testing.T) {
	e := testEngine(t)
	for _, q := range []string{
		"does it apply to the contractors too",
		"did his people ever answer the reporters",
		"y ella ya la firmo o sigue en su escritorio",
		// a demonstrative points back as a pronoun does
		"so when did LA get added to that injunction?",
		// where the asker comes from is background, not the subject
		"I moved here from Texas last year. Which governor signed California's sanctuary state law and when?",
		// an English headline quoted in Spanish: "takes" is not "tacos"
		"\"Trump admin takes LA to court over sanctuary rules\" cuando fue eso y q juez tiene el caso?",
		// a reaction around a question is the question
		"> las abuelas comiendo helado\nquien dijo eso jaja no manches",
	} {
		answered(t, e, q)
	}
	// (Chat, weather and other matters with a pronoun are in
	// TestOffTopicAndEmptyQuestionsAreNotAnswered.)
}

// User text is words, never query syntax: these must neither error nor
// change meaning (a leading "-" must not exclude, "title:" must not pick a
// field, an unbalanced quote must not fail).
func TestQuerySyntaxIsJustWords(t *testing.T) {
	e := testEngine(t)
	plain, err := e.Search("administrative warrant", 3, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`+administrative -warrant`, `title:administrative warrant`, `"administrative warrant`,
		`administrative* warrant~2`, `administrative^5 warrant?`, `/.*/ administrative warrant`,
		// (not "!y": "y" is Spanish for "and", and makes the question Spanish)
		`(administrative) [warrant] {x} !z`, `administrative\ warrant`,
	} {
		res, err := e.Search(q, 3, 0)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if !res.Answered || res.Hits[0].Passage.ID != plain.Hits[0].Passage.ID {
			t.Errorf("%q: top %v, want %s as for the plain words", q, res.Hits, plain.Hits[0].Passage.ID)
		}
	}
}

func TestHighlightMarksQuestionWordsInOriginalText(t *testing.T) {
	e := testEngine(t)
	res, err := e.Search("Trump's pledge 13-0 vote", 5, 0)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]string{}
	for _, h := range res.Hits {
		found[h.Passage.ID] = h.Highlighted("<", ">")
	}
	if got := found["article-1"]; !strings.Contains(got, "<Trump’s pledge>") {
		t.Errorf("article-1 highlight %q: want the curly possessive and the next word marked as one span", got)
	}
	if got := found["article-2"]; !strings.Contains(got, "<13–0") {
		t.Errorf("article-2 highlight %q: want the en-dash vote marked", got)
	}
	// Every highlight must reproduce the text exactly once the markers go.
	for id, hl := range found {
		p, _ := e.Corpus().Passage(id)
		if strings.NewReplacer("<", "", ">", "").Replace(hl) != p.Text {
			t.Errorf("%s: highlight altered the text", id)
		}
	}
}

func TestCitationMarkersAreNotSearchable(t *testing.T) {
	e := testEngine(t)
	res, err := e.Search("13", 10, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		if !strings.Contains(blankCitations(h.Passage.Text), "13") {
			t.Errorf("%s matched 13 only through a citation marker", h.Passage.ID)
		}
	}
}

func TestPaging(t *testing.T) {
	e := testEngine(t)
	first, _ := e.Search("immigration enforcement city personnel", 3, 0)
	second, _ := e.Search("immigration enforcement city personnel", 3, 3)
	if len(first.Hits) != 3 || len(second.Hits) == 0 {
		t.Fatalf("pages: %d then %d hits", len(first.Hits), len(second.Hits))
	}
	if second.Hits[0].Rank != 4 {
		t.Errorf("second page starts at rank %d, want 4", second.Hits[0].Rank)
	}
	seen := map[string]bool{}
	for _, h := range append(first.Hits, second.Hits...) {
		if seen[h.Passage.ID] {
			t.Errorf("%s on both pages", h.Passage.ID)
		}
		seen[h.Passage.ID] = true
	}
	far, _ := e.Search("immigration enforcement city personnel", 3, 1000)
	if len(far.Hits) != 0 || far.Reason != ReasonNoMore {
		t.Errorf("past the end: %d hits, reason %q", len(far.Hits), far.Reason)
	}
}

func TestFoldKeepsOffsets(t *testing.T) {
	for _, s := range []string{"Trump’s 13–0 “vote”", "Mónica García", "stra\u00dfe", "a\u200bb", "bad \xff byte", ""} {
		f, off := fold(s)
		if len(off) != len(f)+1 {
			t.Fatalf("%q: %d offsets for %d bytes", s, len(off), len(f))
		}
		for i := 1; i < len(off); i++ {
			if off[i] < off[i-1] || off[i] > len(s) {
				t.Fatalf("%q: offsets not monotonic: %v", s, off)
			}
		}
	}
	if f, _ := fold("Trump’s 13–0 “vote” Mónica"); f != `Trump's 13-0 "vote" Monica` {
		t.Errorf("fold = %q", f)
	}
}

func TestSynonymFileParses(t *testing.T) {
	for _, le := range testEngine(t).langs {
		if len(le.th.groups) < 20 || len(le.th.definitions()) == 0 {
			t.Fatalf("%s thesaurus: %d groups, %d bleve definitions", le.pack.Lang, len(le.th.groups), len(le.th.definitions()))
		}
		if len(le.topic) < 20 {
			t.Fatalf("%s topic words: %d", le.pack.Lang, len(le.topic))
		}
	}
	e := testEngine(t).lang("en")
	if _, err := parseSynonyms("a =>\n", e.terms); err == nil {
		t.Error("a one-way rule with nothing on the right should be refused")
	}
	if _, err := parseSynonyms("lonely\n", e.terms); err == nil {
		t.Error("an equivalent set of one entry should be refused")
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"superintend", "superintend", 2, 0},
		{"ordinence", "ordinance", 2, 1},
		{"kitten", "sitting", 5, 3},
		{"abc", "xyz", 1, 2}, // gives up above the limit
	} {
		if got := editDistance(tt.a, tt.b, tt.limit); got != tt.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

func TestSharedDevQuestionsExist(t *testing.T) {
	// The repo's copy of shared/questions-dev.jsonl (see testdata/README.md).
	if _, err := os.Stat(filepath.Join("..", "testdata", "questions-dev.jsonl")); err != nil {
		t.Fatalf("dev question set missing: %v", err)
	}
}

func TestSuggest(t *testing.T) {
	e := testEngine(t)
	for _, tt := range []struct{ typed, want string }{
		{"ice at scho", "school"},
		{"lawsu", "lawsuit"},
		{"sigend", "signed"}, // typo
		{"exeptions felony", "exceptions"},
	} {
		got := e.Suggest(tt.typed, 25)
		if len(got) == 0 || !strings.Contains(strings.ToLower(got[0]), tt.want) {
			t.Errorf("Suggest(%q) first = %v, want one about %q", tt.typed, got, tt.want)
		}
	}
	all := e.Suggest("", 25)
	if len(all) != 25 {
		t.Fatalf("empty input gives %d suggestions, want 25", len(all))
	}
	// Every curated suggestion must be a question the engine answers.
	for _, p := range packs {
		for _, s := range p.Suggestions {
			if len([]rune(s)) > 100 {
				t.Errorf("%q is longer than Discord's 100-character choice", s)
			}
			if got := DetectLang(s, ""); got != p.Lang {
				t.Errorf("suggestion %q is detected as %s, want %s", s, got, p.Lang)
			}
			res, err := e.SearchLang(s, p.Lang, "", 1, 0)
			if err != nil || !res.Answered {
				t.Errorf("suggestion %q is not answered", s)
			} else if res.Hits[0].Passage.Doc.Lang != p.Lang {
				t.Errorf("suggestion %q is answered first by a %s passage", s, res.Hits[0].Passage.Doc.Lang)
			}
		}
	}
}

func TestAnswerCache(t *testing.T) {
	e := testEngine(t)
	a, _ := e.Search("what was the vote", 3, 0)
	b, _ := e.Search("  what   was the vote ", 3, 0) // same question once cleaned
	c, _ := e.Search("what was the vote", 3, 3)
	if a != b {
		t.Error("the same question was not answered from the cache")
	}
	if c == a || (len(c.Hits) > 0 && c.Hits[0].Rank != 4) {
		t.Error("another page must not come from the first page's entry")
	}
	small := newResultCache(2)
	for i, q := range []string{"a", "b", "c"} {
		small.put(cacheKey{q, "en", 3, 0}, &Result{Question: q, Total: i})
	}
	if _, ok := small.get(cacheKey{"a", "en", 3, 0}); ok {
		t.Error("the least recently used entry should be evicted")
	}
	if r, ok := small.get(cacheKey{"c", "en", 3, 0}); !ok || r.Total != 2 {
		t.Error("the newest entry should be kept")
	}
}

func TestSimilar(t *testing.T) {
	e := testEngine(t)
	for _, tt := range []struct {
		a, b string
		same bool
	}{
		{"is it law yet", "Is it law yet?", true},
		{"can the cops ask about my immigration status", "can police ask about immigration status", true},
		{"will LA help ICE", "will los angeles help ice", true},
		{"when was the ordinance signed", "when was the ordinance sigend", true},
		{"can the cops ask about my immigration status", "when was the ordinance signed", false},
		{"what about parking tickets", "is it law yet", false},
		{"", "is it law", false},
	} {
		got := e.Similar(tt.a, tt.b)
		if (got >= SameQuestion) != tt.same {
			t.Errorf("Similar(%q, %q) = %.2f, want same=%v", tt.a, tt.b, got, tt.same)
		}
	}
}

func TestAnalyzerKeepsPorterExceptionsWhole(t *testing.T) {
	e := testEngine(t).lang("en")
	if got := strings.Join(e.terms("news reports about a new law"), " "); got != "news report new law" {
		t.Fatalf("analyzed to %q: \"news\" must not become \"new\"", got)
	}
}

// The same question gets the same passages in the same order every time,
// on every replica: the order of equal scores used to depend on how the
// engine was built (synonym definitions come from maps), so two processes
// could rank a tie differently.
func TestRankingIsDeterministic(t *testing.T) {
	qs := questionTexts(t, "questions-public.jsonl", "questions-es-check.jsonl")
	var first []string
	for build := range 5 {
		e, err := NewDefault("", DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		for i, q := range qs {
			res, err := e.Search(q, 5, 0)
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Join(hitIDs(res), " ")
			if build == 0 {
				first = append(first, got)
			} else if got != first[i] {
				t.Fatalf("%q: %s, then %s", q, first[i], got)
			}
		}
		e.Close()
	}
}

// Typo correction of words as typed: to the corpus's own words, and to the
// words the vocabulary files give for them ("tossed" stands for
// "dismissed"), never to something else for a word it knows.
func TestCorrectWordsAsTyped(t *testing.T) {
	e := testEngine(t).lang("en")
	for _, tt := range []struct{ typed, want string }{
		{"lawsiut", "lawsuit"},
		{"tosssed", "tossed"}, // a synonyms.txt word, not a corpus one
		{"warrent", "warrant"},
		// doubled letters written once (or twice) are one mistake, however
		// many: "comitee" is two edits from "committee"
		{"comitee", "committee"},
		{"comiteee", "committee"},
		{"aggravatted", "aggravated"},
		{"lawsuit", ""}, // known: left alone
		{"tossed", ""},  // a vocabulary word: left alone
		{"banana", ""},  // nothing near it
		// a long number a digit off the ordinance's is its number; a year
		// or a count one digit off is another year
		{"18844", "188441"},
		{"188414", "188441"},
		{"188441", ""},
		{"2022", ""},
		{"99999", ""},
	} {
		if got := e.correct(tt.typed); got != tt.want {
			t.Errorf("correct(%q) = %q, want %q", tt.typed, got, tt.want)
		}
	}
}

// Spanish letters that sound alike are respelled before typo correction,
// which counts "y" for "ll" as two edits ("ba a yover": will it rain).
func TestRespellSoundAlikeLetters(t *testing.T) {
	e := testEngine(t).lang("es")
	for _, tt := range []struct{ typed, want string }{
		{"yover", "llover"},
		{"yevarse", "llevarse"},
		{"llover", ""}, // known: left alone
	} {
		if got := e.correct(tt.typed); got != tt.want {
			t.Errorf("correct(%q) = %q, want %q", tt.typed, got, tt.want)
		}
	}
	if got := e.prepare(foldQuery("ba a yover este fin de semana")); got != "va a llover este fin de semana" {
		t.Errorf("prepare = %q", got)
	}
}

// A negation typed without its apostrophe is a negation, not a typo of
// another word ("wasnt" had become "want", and its question was refused).
func TestNegationsWithoutApostrophes(t *testing.T) {
	e := testEngine(t).lang("en")
	for typed, want := range map[string]string{
		"raman wasnt at the first vote": "raman was not at the first vote",
		"didnt they vote twice":         "did not they vote twice",
		// (not being there for a vote is being absent: phrases-en.txt)
		"who wasnt there for the first vote":   "who absent for the first vote",
		"raman wasnt there for the first vote": "raman absent for the first vote",
	} {
		if got := e.prepare(foldQuery(typed)); got != want {
			t.Errorf("prepare(%q) = %q, want %q", typed, got, want)
		}
	}
	if res, err := testEngine(t).Search("who wasnt there for the first vote", 3, 0); err != nil || !res.Answered {
		t.Errorf("who wasnt there for the first vote: not answered (%v)", err)
	}
}

// What a document says of itself before its first heading answers
// questions about the document, not about the lawsuit its date mentions.
func TestPrefaceAnswersOnlyAboutItself(t *testing.T) {
	e := testEngine(t)
	for _, tt := range []struct {
		q       string
		preface bool
	}{
		{"how up to date is this info", true},
		{"hasta cuando esta al dia este resumen", true},
		{"the doj case date?", false},
		{"neta la Bass sacó otra orden en julio del 25? qué les pidió a los departamentos", false},
	} {
		res := answered(t, e, tt.q)
		if res == nil {
			continue
		}
		if got := e.lang(res.Lang).preface[res.Hits[0].Passage.ID]; got != tt.preface {
			t.Errorf("%q: first %s, preface %v, want %v", tt.q, res.Hits[0].Passage.ID, got, tt.preface)
		}
	}
}

// Several-word ways of saying a thing ("absent", "goes further") are
// rewritten as the corpus says it, and chat forms expanded.
// A reply in a thread names whom it answers ("@jay"): the name is not
// part of the question.
func TestAddressedReply(t *testing.T) {
	e := testEngine(t)
	res, err := e.Search("@jay no i'm pretty sure it was unanimous, wasnt it 13 to nothing??", 3, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Answered || !strings.Contains(res.Hits[0].Passage.Text, "13") {
		t.Errorf("answered %v, reason %q; want the 13-0 vote first", res.Answered, res.Reason)
	}
}

// The chat-phrase files parse, and a malformed line is an error, not a
// phrase that silently never matches.
func TestPhraseFiles(t *testing.T) {
	for name, src := range map[string]string{"phrases-en.txt": phrasesENFile, "phrases-es.txt": phrasesESFile} {
		m, err := parsePhrases(src)
		if err != nil || len(m) < 10 {
			t.Errorf("%s: %d phrases, %v", name, len(m), err)
		}
	}
	if m, _ := parsePhrases("a b, c d => x\ntl;dr =>\n"); m["a b"] != "x" || m["c d"] != "x" || m["tl;dr"] != "" {
		t.Errorf("parsePhrases = %v", m)
	}
	for _, bad := range []string{"no arrow here", "Not Folded => x", "a => x\na => y", " , => x"} {
		if _, err := parsePhrases(bad); err == nil {
			t.Errorf("parsePhrases(%q) accepted", bad)
		}
	}
}

func TestChatPhrases(t *testing.T) {
	e := testEngine(t)
	for _, tt := range []struct{ lang, typed, want string }{
		{"en", "which council members were not present", "which council members were absent"},
		{"es", "quienes no estuvieron en la votacion", "quienes ausentes en la votacion"},
		// Time still to go, not absence.
		{"es", "cuanto faltaba para que trump entrara", "cuanto tiempo antes para que trump entrara"},
		// The council misspelled; what the ordinance adds ("de nuevo" alone
		// is "again" and stays).
		{"en", "did the city counsel vote on it", "did the city council vote on it"},
		{"en", "so the feds took LA to court", "so the feds took la sued"},
		{"en", "is there any case where they can", "is there any exception where they can"},
		{"en", "whats actually new in it", "whats goes further than older policies in it"},
		{"es", "que tiene de nuevo la ordenanza", "que va mas alla la ordenanza"},
		{"es", "votaron de nuevo", "votaron de nuevo"},
		{"es", "kien firmo la ley santuario del estado", "quien firmo la sb 54"},
		{"es", "que ya no pueden hacer los empleados", "que ya prohibido hacer los empleados"},
		{"es", "agrega alguna proteccion nueva", "agrega alguna va mas alla"},
		{"en", "does it add anything", "does it goes further than older policies"},
		{"en", "why did they hafta vote twice", "why did they have to vote twice"},
		{"en", "how many voted yes on nov 19th", "how many voted yes on nov 19"},
		{"en", "the 1st vote", "the first vote"},
		// A chat form that ends in a digit is the chat form, not a name
		// and a number as "sb54" is.
		{"en", "what did bass say b4 the vote", "what did bass say before the vote"},
		{"en", "what does sb54 bar", "what does sb 54 bar"},
		// A dollar sign on its own is money; before an amount it stays.
		{"en", "did la lose federal $$ over it", "did la lose federal money over it"},
		{"en", "did la lose $5 million", "did la lose $5 million"},
		{"es", "le quitaron $ a la ciudad?", "le quitaron dinero a la ciudad?"},
		// Where the asker read it is not what they ask.
		{"en", "at the time of the article how far away was the inauguration", " how long before was the inauguration"},
		// A vote count the documents do not hold is the vote; theirs is
		// the vote too unless a vote word is typed; a date and a score
		// too large for the council stay.
		{"en", "i heard it was 8-5", " it was vote count"},
		{"en", "was it 13-0", "was it 13-0 vote count"},
		{"en", "the 13-0 vote", "the 13-0 vote"},
		{"en", "the 12-4 meeting", "the 12-4 meeting"},
		{"es", "no fue 10-3?", "no fue votacion?"},
		// Whether a rumour is true is what the rumour asks.
		{"en", "i heard the vote was split, is that true", " the split vote, "},
	} {
		if got := e.lang(tt.lang).expand(foldQuery(tt.typed)); got != tt.want {
			t.Errorf("%s: expand(%q) = %q, want %q", tt.lang, tt.typed, got, tt.want)
		}
	}
}

// A question asking what an office's holder said gets that holder's quoted
// words first, not the passage of the event it names (the judge's ruling
// shares far more of its words).
func TestSaysQuestionsGetTheQuote(t *testing.T) {
	e := testEngine(t)
	for _, tt := range []struct{ q, want string }{
		{"y la city attorney q dijo cuando el juez tiro el caso del doj", "resumen-hechos-posteriores-10"},
		{"what did the city attorney say when the judge threw out the case", "summary-later-events-10"},
		// Mentioning is saying.
		{"q crimenes mencionaron los republicanos pa criticar la ley", "resumen-reacciones-y-criticas-4"},
		// What a story's someone mentioned is not what its question asks.
		{"my manager mentioned the mayor ordered every department to turn in some kind of plan over the summer. What was that order about?", "summary-later-events-4"},
	} {
		p := firstPassage(t, e, tt.q)
		if p == nil {
			continue
		}
		if p.ID != tt.want {
			t.Errorf("%q: first %s, want %s", tt.q, p.ID, tt.want)
		}
	}
}

// A question about where things stand now gets the latest facts first (the
// lawsuit's dismissal before its filing); one that asks whether an old rule
// still holds keeps that rule's passage first.
func TestPresentQuestionsGetTheLatestFacts(t *testing.T) {
	e := testEngine(t)
	for _, tt := range []struct{ q, want string }{
		{"is the doj case still on", "summary-later-events-8"},
		{"sigue la demanda?", "resumen-hechos-posteriores-8"},
		// the rule's own passage, or the ordinance's codifying it
		{"does lapd still follow special order 40", "summary-related-policies-4|summary-what-the-ordinance-is-4"},
		{"is garcettis directive still in effect", "summary-related-policies-1"},
		{"can ice still use city parking lots", "summary-later-events-7"},
	} {
		p := firstPassage(t, e, tt.q)
		if p == nil {
			continue
		}
		if got := p.ID; !slices.Contains(strings.Split(tt.want, "|"), got) {
			t.Errorf("%q: first %s, want %s", tt.q, got, tt.want)
		}
	}
}

// The query leaves out term queries that liveIn says cannot match: that
// must be true of bleve itself, synonyms included, for every word of the
// public questions in every field it is left out of.
func TestTermsLeftOutOfTheQueryMatchNothing(t *testing.T) {
	e := testEngine(t)
	qs := questionTexts(t, "questions-public.jsonl")
	checked := 0
	for _, l := range e.langs {
		seen := map[string]bool{}
		for _, q := range qs {
			for _, tok := range l.text.Analyze([]byte(l.prepare(foldQuery(q)))) {
				term := string(tok.Term)
				if seen[term] {
					continue
				}
				seen[term] = true
				for field, df := range map[string]map[string]int{fieldText: l.df, fieldAsked: l.askedDF, fieldHeading: l.headingDF} {
					if l.liveIn(df, term) {
						continue
					}
					tq := bleve.NewTermQuery(term)
					tq.SetField(field)
					sr, err := l.idx.Search(bleve.NewSearchRequest(tq))
					if err != nil {
						t.Fatal(err)
					}
					checked++
					if sr.Total != 0 {
						t.Errorf("%s: %q is left out of %s but matches %d passages there", l.pack.Lang, term, field, sr.Total)
					}
				}
			}
		}
	}
	if checked < 100 {
		t.Fatalf("only %d left-out terms checked", checked)
	}
}

// Every synonym definition works in bleve as written: a term query for its
// input finds the passages that use one of its synonyms. With the text
// analyzer on the synonym source, bleve stemmed the already-analyzed
// definitions again and groups like "alcaldesa … => bass" or "cooperar"
// silently did nothing.
func TestSynonymDefinitionsExpandInBleve(t *testing.T) {
	e := testEngine(t)
	checked := 0
	for _, l := range e.langs {
		for _, d := range l.th.definitions() {
			in := d.Input[0]
			var want []string
			for _, s := range d.Synonyms {
				if s != in && l.df[s] > 0 {
					want = append(want, s)
				}
			}
			if len(want) == 0 {
				continue
			}
			tq := bleve.NewTermQuery(in)
			tq.SetField(fieldText)
			req := bleve.NewSearchRequestOptions(tq, 500, 0, false)
			req.IncludeLocations = true
			sr, err := l.idx.Search(req)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, h := range sr.Hits {
				for _, s := range want {
					if len(h.Locations[fieldText][s]) > 0 {
						found = true
					}
				}
			}
			checked++
			if !found {
				t.Errorf("%s: %q does not find its synonyms %v", l.pack.Lang, in, want)
			}
		}
	}
	if checked < 50 {
		t.Fatalf("only %d definitions checked", checked)
	}
}

// A synonym group is one more document to bleve: scoring with bleve's own
// statistics, one group of made-up words moved every score and the
// ranking of unrelated questions. With bm25Stats they stay put.
func TestSynonymGroupsDoNotMoveOtherScores(t *testing.T) {
	e := testEngine(t)
	base := e.lang("en")
	pack := *base.pack
	pack.Synonyms += "\nqqzz, qqzy => qqzx\nqqwz, qqwy => qqwx\n"
	more, err := newLangEngine(e.corpus, &pack, e.opts)
	if err != nil {
		t.Fatal(err)
	}
	defer more.Close()
	if a, b := docCount(t, base), docCount(t, more); b <= a {
		t.Fatalf("documents %d and %d: the two groups did not reach the index", a, b)
	}
	for _, q := range []string{"can the police ask about my immigration status", "what was the vote count", "who signed sb 54"} {
		r1, err := base.search(q, 3, 0, false, false)
		if err != nil {
			t.Fatal(err)
		}
		r2, err := more.search(q, 3, 0, false, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(r1.Hits) == 0 || len(r1.Hits) != len(r2.Hits) {
			t.Fatalf("%q: %d and %d hits", q, len(r1.Hits), len(r2.Hits))
		}
		for i := range r1.Hits {
			if r1.Hits[i].Passage.ID != r2.Hits[i].Passage.ID || r1.Hits[i].Score != r2.Hits[i].Score {
				t.Errorf("%q hit %d: %s %.6f, with two more groups %s %.6f", q, i+1, r1.Hits[i].Passage.ID, r1.Hits[i].Score, r2.Hits[i].Passage.ID, r2.Hits[i].Score)
			}
		}
	}
}

// hitIDs are a result's passage ids, in rank order.
func hitIDs(res *Result) []string {
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.Passage.ID)
	}
	return ids
}

func docCount(t *testing.T, l *langEngine) uint64 {
	t.Helper()
	n, err := l.idx.DocCount()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// A question searched in another language's passages (foreign) needs the
// coverage of the default, not that language's lower one.
func TestForeignQuestionsNeedFullCoverage(t *testing.T) {
	es := testEngine(t).lang("es")
	ev := Evidence{}
	if !es.relevant(ev, 0.35, false) {
		t.Error("a Spanish question at coverage 0.35 is refused in Spanish")
	}
	if es.relevant(ev, 0.35, true) {
		t.Error("an English question at coverage 0.35 is answered from Spanish passages")
	}
}

// A question that names another law or policy is answered by a passage
// that names it too, in the question's words or a synonym's, before one
// that only shares its other words ("firmaron", "dia exacto": the
// ordinance's own signing).
func TestNamedLawLeads(t *testing.T) {
	e := testEngine(t)
	for _, tt := range []struct{ q, names string }{
		{"q dia exacto firmaron el sb54", "SB 54"},
		{"people keep saying this ordinance is just garcetti's old directive written into law. is it actually", "Garcetti"},
		// "lausd" is named through its synonym in the article's paragraph
		{"ice at my kid's school 😰 what is lausd doing about it", "LAUSD|Los Angeles Unified"},
	} {
		p := firstPassage(t, e, tt.q)
		if p == nil {
			continue
		}
		if !slices.ContainsFunc(strings.Split(tt.names, "|"), func(n string) bool { return strings.Contains(p.Text, n) }) {
			t.Errorf("%q: first %s does not name %s", tt.q, p.ID, tt.names)
		}
	}
}

// Chat and requests for predictions are refused with a reason of their
// own (the bot answers each in kind); a greeting before a question, or a
// question mark after it, keeps it a question.
func TestChatAndPredictionsHaveTheirReason(t *testing.T) {
	e := testEngine(t)
	for _, tt := range []struct{ q, reason string }{
		{"hi", ReasonChat},
		{"thx that helped a lot", ReasonChat},
		{"gracias x la info", ReasonChat},
		{"buenos dias a todos, q tengan bonito dia", ReasonChat},
		{"are u a bot", ReasonChat},
		{"do u think trump will win if he appeals the LA case", ReasonPrediction},
		{"crees q van a quitar la ordenanza el proximo año?", ReasonPrediction},
		{"will trump cut LAs federal money next year", ReasonPrediction},
		// read in the words as typed: typo correction had made "proximas
		// elecciones" "propias secciones"
		{"cuando son las proximas elecciones pa alcalde de LA", ReasonPrediction},
		{"creen q trump va a ganar la demanda si apela? q va a pasar", ReasonPrediction},
		// who will win, without an opinion cue; losing money is the
		// funding injunction's matter, and whether someone won is a fact
		{"will the justice department win its appeal", ReasonPrediction},
		{"el doj va a ganar si vuelve a demandar?", ReasonPrediction},
		{"is la gonna lose its federal grants over this", ""},
		{"did the doj win the lawsuit against la", ""},
		{"hola, la migra puede entrar a mi casa?", ""},
		{"hi, who signed the sanctuary ordinance", ""},
		{"thanks! and when was it signed?", ""},
		{"jaja ok bot eres bien chido, como estas?", ReasonChat},
		// a topic word in the other language makes it a question: "q onda"
		// is a filler here, and "ordinance" is no Spanish topic word
		{"la ordinance nomas hizo ley lo q ya existia o q onda", ""},
		{"hola, la ordinance protege a mi tio o q", ""},
	} {
		res, err := e.Search(tt.q, 3, 0)
		if err != nil {
			t.Fatalf("%q: %v", tt.q, err)
		}
		if tt.reason == "" {
			if !res.Answered {
				t.Errorf("%q: refused (%s), want an answer", tt.q, res.Reason)
			}
			continue
		}
		if res.Answered || res.Reason != tt.reason {
			t.Errorf("%q: answered %v, reason %q; want refused, %q", tt.q, res.Answered, res.Reason, tt.reason)
		}
	}
}

// Chat fillers ("bruh", "ngl") are not words a question is about: they
// may not sink an answerable question.
func TestFillersAndCountWords(t *testing.T) {
	e := testEngine(t)
	for _, q := range []string{
		"bruh why did they vote on it twice 💀",
		"ngl whats the vote count tbh",
	} {
		answered(t, e, q)
	}
}

// A question naming a year is answered by a passage naming it, before one
// its other words happen to match better ("12-0 vote" is also the 2024
// final vote's).
func TestYearNamedLeads(t *testing.T) {
	e := testEngine(t)
	for _, tt := range []struct{ q, year string }{
		{"wait there was a 12-0 vote back in 2023 too? what was that one for", "2023"},
		{"¿entonces LA no era ciudad santuario antes? yo pensaba que desde 2019 ya estábamos protegidos", "2019"},
		{"y esa de 2019 con cuantos votos paso", "2019"},
	} {
		p := firstPassage(t, e, tt.q)
		if p == nil {
			continue
		}
		if !strings.Contains(p.Text, tt.year) {
			t.Errorf("%q: first %s does not name %s", tt.q, p.ID, tt.year)
		}
	}
}

// answered searches q and reports it when it is not answered; it returns
// the result, or nil then.
func answered(t *testing.T, e *Engine, q string) *Result {
	t.Helper()
	res, err := e.Search(q, 3, 0)
	if err != nil {
		t.Errorf("%q: %v", q, err)
		return nil
	}
	if !res.Answered {
		t.Errorf("%q: not answered (reason %q)", q, res.Reason)
		return nil
	}
	return res
}

// firstPassage is answered's first passage, nil when it reported none.
func firstPassage(t *testing.T, e *Engine, q string) *corpus.Passage {
	t.Helper()
	if res := answered(t, e, q); res != nil {
		return res.Hits[0].Passage
	}
	return nil
}

// Stop words leave gaps in the indexed positions: a vocabulary entry with
// one inside ("abogada de la ciudad", "departamento de justicia") must be
// searched as a phrase with those gaps, or it never matches the text it
// was written from.
func TestPhrasesWithStopWordsMatchTheirText(t *testing.T) {
	e := testEngine(t)
	es := e.lang("es")
	if got, want := es.phraseTerms("abogada de la ciudad"), []string{"abog", "", "", "ciud"}; !slices.Equal(got, want) {
		t.Fatalf("phraseTerms = %q, want %q", got, want)
	}
	for _, c := range []struct{ lang, phrase, passage string }{
		{"es", "abogada de la ciudad", "resumen-hechos-posteriores-10"},
		{"es", "departamento de justicia", "resumen-hechos-posteriores-2"},
		{"en", "city of los angeles", "summary-later-events-2"},
		// Not a stop word but a word with synonyms: counted on the text
		// field, bleve found the phrase nowhere.
		{"es", "orden especial 40", "resumen-politicas-relacionadas-4"},
	} {
		l := e.lang(c.lang)
		words := l.th.gapped.add(l.phraseTerms(c.phrase))
		if !l.knownPhrase(words) {
			t.Errorf("%s: %q is not known as a phrase", c.lang, c.phrase)
		}
		req := bleve.NewSearchRequestOptions(bleve.NewPhraseQuery(l.th.gapped.phrase(words), fieldPhrase), 50, 0, false)
		sr, err := l.idx.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(sr.Hits, func(h *search.DocumentMatch) bool { return h.ID == c.passage }) {
			t.Errorf("%s: the phrase %q does not find %s", c.lang, c.phrase, c.passage)
		}
	}
}

// What a document says its sources leave open ranks after the facts its
// words also fit: "our sources do not give the official number of the
// LAUSD resolution" is not the ordinance's number.
func TestUnconfirmedComesAfterTheFacts(t *testing.T) {
	e := testEngine(t)
	for _, q := range []string{"cual es el numero oficial de la ordenanza de ciudad santuario", "what is the official number of the sanctuary ordinance"} {
		p := firstPassage(t, e, q)
		if p == nil {
			continue
		}
		if p.Unconfirmed || !strings.Contains(p.Text, "188441") {
			t.Errorf("%q: first %s, want the passage giving the number", q, p.ID)
		}
	}
}

// A several-word synonym source whose other words are stop words triggers
// its group on its one remaining word ("illegal for" made every "illegal"
// mean "prohibit", "made public" every "public" a draft's release). Those
// kept are the ones whose remaining word means the group by itself; a new
// one must be added here on purpose.
func TestSynonymSourcesKeepTheirWords(t *testing.T) {
	collapsing := map[string]bool{
		// English: phrasal verbs and set phrases that mean their verb.
		"work with": true, "hand over": true, "give up": true, "rat out": true, "pass on": true, "try again": true,
		"thrown out": true, "threw out": true, "throw out": true, "carve out": true, "lock up": true, "locked up": true,
		"no show": true, "didnt show": true, "bring up": true, "brought up": true, "bring this up": true, "yes votes": true,
		"kick in": true, "how long": true,
		// Spanish: an article or "sin" before the word; "estado" is a
		// stop word (a form of estar), which leaves "ley del estado" and
		// "estado santuario" to "ley" and "santuario" (noted in the README:
		// making it a word again moved as many questions down as up).
		"la migra": true, "los federales": true, "la chota": true, "la poli": true, "la placa": true, "la jura": true,
		"sin papeles": true, "sin estatus": true, "estado migratorio": true, "de que acusa": true, "ley del estado": true,
		"estado santuario": true, "en vigor": true,
	}
	e := testEngine(t)
	for _, l := range e.langs {
		for _, line := range strings.Split(l.pack.Synonyms, "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			src := line
			if lhs, _, oneWay := strings.Cut(line, "=>"); oneWay {
				src = lhs
			}
			for _, entry := range strings.Split(src, ",") {
				entry = strings.TrimSpace(entry)
				if len(strings.Fields(entry)) > 1 && len(l.terms(entry)) == 1 && !collapsing[entry] {
					t.Errorf("%s synonyms: %q triggers its group on %q alone", l.pack.Lang, entry, l.terms(entry)[0])
				}
				// All stop words: the entry can never match (say it as a chat
				// phrase instead, rewritten before analysis).
				if entry != "" && len(l.terms(entry)) == 0 {
					t.Errorf("%s synonyms: %q is all stop words and never matches", l.pack.Lang, entry)
				}
			}
		}
	}
}

// An off-scope word is its forms, not every word with its stem:
// "naturalization" is off-scope paperwork, the nature of Special Order 40
// is not.
func TestOffScopeWordForms(t *testing.T) {
	e := testEngine(t)
	for _, c := range []struct {
		q   string
		off bool
	}{
		{"how long does naturalization take", true},
		{"Please explain the nature and content of the LAPD's Special Order 40.", false},
		{"is it natural for the city to do this", false},
	} {
		res, err := e.Search(c.q, 3, 0)
		if err != nil {
			t.Fatal(err)
		}
		if res.Evidence.OffScope != c.off {
			t.Errorf("%q: off-scope %v, want %v", c.q, res.Evidence.OffScope, c.off)
		}
	}
}

// An off-scope line may name its language: the Spanish "patron" (a boss,
// a private employer) is an English library's patron.
func TestOffScopeLinesOfOneLanguage(t *testing.T) {
	if got := linesFor("a\nes: b\nen: c\n# x: y\n", "es"); got != "a\n b\n# x: y\n\n" {
		t.Errorf("linesFor = %q", got)
	}
	e := testEngine(t)
	if en := e.lang("en"); en.offScope(en.terms("a library patron"), nil) {
		t.Error(`English "patron" is off-scope`)
	}
	if es := e.lang("es"); !es.offScope(es.terms("mi patron"), nil) {
		t.Error(`Spanish "patron" is not off-scope`)
	}
	answered(t, e, "librarian at a city library here: if an immigration agent asks about a patron, can i tell them anything")
}

// A directive named by its number is a topic of its own, and an English
// question about it gets the English passage, not the Spanish one the
// other language found when English refused it.
func TestDirectiveByNumber(t *testing.T) {
	e := testEngine(t)
	for _, tt := range []struct{ q, want string }{
		{"what are agencies supposed to do under directive no. 12", "summary-later-events-4"},
		{"q tienen q hacer los departamentos con la directiva 12", "resumen-hechos-posteriores-4"},
	} {
		if p := firstPassage(t, e, tt.q); p != nil && p.ID != tt.want {
			t.Errorf("%q: first %s, want %s", tt.q, p.ID, tt.want)
		}
	}
}

// A phrase typed with chat forms is read as the phrase in full words.
func TestPhrasesAfterChatForms(t *testing.T) {
	e := testEngine(t)
	for _, tt := range []struct{ lang, typed, want string }{
		{"es", "fue idea d bass", "quien presento la mocion bass"},
		{"es", "q tiene d nuevo la ordenanza", "que va mas alla la ordenanza"},
	} {
		if got := e.lang(tt.lang).expand(foldQuery(tt.typed)); got != tt.want {
			t.Errorf("%s: expand(%q) = %q, want %q", tt.lang, tt.typed, got, tt.want)
		}
	}
}
