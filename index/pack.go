package index

import (
	"bufio"
	"bytes"
	_ "embed"
	"strings"

	es "github.com/blevesearch/bleve/v2/analysis/lang/es" // stemmer_es_light, stop words
)

// Pack is everything about one language that search needs: how its text is
// analyzed, the words people chat with, its reviewed vocabulary files and
// its autocomplete questions. Adding a language is adding a pack.
type Pack struct {
	Lang string
	// Before are token filters ahead of lowercasing ("possessive_en").
	Before []any
	// Stop is the stop-word filter; StopWords, when set, replaces it by a
	// folded copy (analysis sees text without accents).
	Stop      string
	StopWords []string
	// Forms are token filters after lowercasing that give a word's
	// irregular forms their base ("wrote" → "write"), ahead of the stop
	// words and the stemmer.
	Forms []any
	// Fixed is the filter that keeps words the stemmer would merge with
	// unrelated ones apart (stems.go), ahead of Stemmer.
	Fixed, Stemmer string
	// ChatStop are chat words that carry no meaning for search, beside the
	// stop list; ChatForms are short forms rewritten before analysis.
	ChatStop  []string
	ChatForms map[string]string
	// Tally is what a vote count the documents do not hold stands for
	// ("i heard it was 8-5"): the question is about the vote, and its
	// numbers would otherwise match dates and districts.
	Tally string
	// Spellings are letters people write for one another in this
	// language because they sound alike ("yover" for "llover", "aser" for
	// "hacer"): an unknown word one swap from a known one is that word,
	// before typo correction (which counts "ll" for "y" as two edits).
	Spellings [][2]string
	// ChatPhrases are several-word ways of saying one thing that its words
	// one at a time do not ("no estuvieron", "wasnt there": absent),
	// rewritten before the words are (reviewed files phrases-en.txt,
	// phrases-es.txt).
	ChatPhrases map[string]string
	// RealWords are words people type that are words of their own, not
	// typos of the corpus's, though an edit or two from one ("supposed"
	// is not "opposed", "cunado" not "cuando"): typo correction leaves them.
	RealWords map[string]bool
	// Synonyms and Topic are the reviewed vocabulary files (synonyms.txt,
	// topic-en.txt and their Spanish siblings).
	Synonyms, Topic string
	Suggestions     []string
	// MatchedAnswers turns on answering a question with no topic word on
	// its matched weight alone (Options.AnswerMatched, moved by
	// MatchedOffset for this language). Both are fit by internal/fitrefusal
	// on the language's own questions.
	MatchedAnswers bool
	MatchedOffset  float64
	// CoverageOffset moves Options.MinCoverage for this language: Spanish
	// questions are longer in words for the same content (articles,
	// clitics), so a lower share of them matches. Spanish: coverage 0.30
	// and matched weight 8, fit on 192 Spanish questions (README, "Search
	// quality").
	CoverageOffset float64
	// KindBoost is added to answerKindBoost for this language. Spanish
	// +0.1: refit on thirty sets in the fourth session of 2026-12-02, it
	// gained three Spanish questions (the public tuning half's "quien
	// firmo la sb54 y cuando" one of them; +0.2: the same, one more at
	// R@3); the same for English cost one question. +0.3 since the eighth
	// session (2026-12-03), refit on 1,486 Spanish questions once passages
	// held days and corpus-named people: R@1 +8 −2, R@3 +2 (+0.2: +3, +0.5:
	// +9 −3); es-check18, which nothing is fit on, +1.
	KindBoost float64
	// BM25Scale is how many documents BM25 takes the index to hold per
	// passage (bm25Stats).
	BM25Scale float64
	// PresentCues are the words of a question about where things stand
	// now (folded, lowercase; a cue may be several words).
	PresentCues []string
	// PastCues are the words of a question about what there was before
	// the documents' main events ("already", "ya existia").
	PastCues []string
	// AboutBot are the words of a message about the bot itself ("are you
	// a bot", "what can you help me with"): with no topic word, it asks
	// nothing of the documents, whatever words of theirs it happens to use.
	AboutBot []string
	// Opinion and Future are the words of a question asking the bot to
	// predict: its opinion ("do you think", "crees que") of what will
	// happen ("will", "van a"). The documents state what happened and
	// what was said, never what will be; such a question is refused
	// whatever topic words it uses ("crees q la van a quitar la ordenanza").
	Opinion, Future []string
	// Outcomes are words of someone winning, and WillForms the
	// forms that put a verb in the future ("will", "gonna", "va a"): both
	// together ask who will win ("will the doj win if they appeal",
	// "va a ganar el DOJ si apela"), a prediction; "did the doj win" asks
	// what happened.
	Outcomes, WillForms []string
	// Later are the words of a time to come ("next year", "el proximo
	// ano"): a question about it asks for a prediction with or without an
	// opinion cue ("will trump cut LAs federal money next year").
	Later []string
	// Soon are the words of a near time ("la semana que viene"): with a
	// future form ("va a haber redadas la semana que viene?") they ask for
	// a prediction; alone they set a scene ("i'm taking my kid to a clinic
	// next week, can the city ask..." is answered). English has none:
	// "will" asks what the ordinance does as often as what will happen.
	Soon []string
	// Advice are the words of a question asking what to do ("what do i
	// do", "q hago"): the documents say what the ordinance does, never what
	// someone should do, so such a question counts as off-scope (it needs
	// the off-scope coverage, whatever topic words it uses).
	Advice []string
	// Demands are the words of a request the documents cannot meet
	// however on-topic it is: to judge ("good or bad", "bien o mal"; the
	// documents report what people said and take no side) or to entertain
	// ("tell me a joke about city council meetings"). It counts as
	// off-scope, as Advice does.
	Demands []string
	// Origins are the words before a place the asker comes from ("from",
	// "soy de"): that place is background, not the question's subject.
	Origins []string
	// Greetings are the words of a greeting or a thank-you: a message
	// with one, no question mark and no topic word ("gracias x la info",
	// "buenos dias a todos, q tengan bonito dia") is chat, not a question,
	// whatever words of the documents it happens to use. SmallTalk are
	// greetings that are questions ("como estas?"): chat with a question
	// mark too, when there is no topic word.
	Greetings, SmallTalk []string
	// FollowUps are the words that point back to what the thread was
	// talking about ("does it apply to city contractors too", "did they
	// ever vote on it again"): in a server about one ordinance, a question
	// with one needs less of its own words matched (followUpCoverage).
	FollowUps []string
	// AskKinds are the words that mark what kind of answer a question
	// wants (askkind.go), in the same form. Only the unmistakable ones:
	// "what" or "which policies" say nothing of the kind.
	AskKinds map[askKind][]string
	// Months number the month names and their short forms; Ordinals are
	// the words for the first of a series and for a later one ("the
	// final vote", "la segunda votacion"). The pin matcher tells a pin on
	// one vote from a question on the other by them (numberConflict).
	Months   map[string]int
	Ordinals [2][]string
	// WhichPerson asks who without a who-word: a which-word (key) followed
	// within that many words by a noun for a person ("which school board
	// member brought it", "que miembro de la junta").
	WhichPerson map[string]int
	PersonNouns []string
	// Uncounted are the quantities the documents never count (people
	// deported or living somewhere, money, fees, how long a process
	// takes): a how-many question counting one of them ("how many ppl got
	// deported in 2023", "cuanto dinero pierde LA") asks for statistics
	// they do not have, however many of its other words they use. Words
	// as cueWords gives them, matched in the few words after a how-many
	// cue (uncountedAfter), unless one of Counted, the quantities they do
	// count (votes, times, days, cities), is there too: "how many times
	// has the felony-deported exception been used" counts times, "how
	// many people voted" votes.
	Uncounted, Counted []string
	// Answers are the words that show a passage holds a date or a
	// person, and the offices a who-question may name (answertype.go).
	Answers *answerWords
}

// packs are the languages the engine knows, English first: it is the
// fallback for a question whose language is unclear.
var packs = []*Pack{
	{
		Lang: "en", Before: []any{"possessive_en"}, Stop: "stop_en", Forms: []any{wordFormsEN}, Fixed: fixedStemsEN, Stemmer: "stemmer_porter",
		ChatStop: chatStopEN, ChatForms: chatFormsEN, Tally: "vote count", ChatPhrases: chatPhrasesEN, RealWords: setOf(realWordsEN), Synonyms: synonymsEN, Topic: topicEN, Suggestions: suggestionsEN,
		MatchedAnswers: true, PresentCues: presentEN, AboutBot: aboutBotEN, Opinion: opinionEN, Future: futureEN, Outcomes: outcomesEN, WillForms: willFormsEN, Advice: adviceEN, Demands: demandsEN, Origins: originsEN, Later: laterEN, Greetings: greetingsEN, SmallTalk: smallTalkEN, FollowUps: followUpsEN, AskKinds: askKindsEN, Months: monthsEN, Ordinals: ordinalsEN, WhichPerson: map[string]int{"which": 3, "what": 1}, PersonNouns: personNounsEN, Uncounted: uncountedEN, Counted: countedEN, Answers: answersEN, BM25Scale: 303.0 / 76,
	},
	{
		Lang: "es", Stop: "stop_lang", StopWords: foldedStopWords(es.SpanishStopWords), Forms: []any{wordFormsES}, Fixed: fixedStemsES, Stemmer: stemmerES,
		ChatStop: chatStopES, ChatForms: chatFormsES, Tally: "votacion", Spellings: spellingsES, ChatPhrases: chatPhrasesES, RealWords: setOf(realWordsES), Synonyms: synonymsES, Topic: topicES, Suggestions: suggestionsES,
		CoverageOffset: -0.30, MatchedAnswers: true, MatchedOffset: 1.5, PresentCues: presentES, PastCues: pastES, AboutBot: aboutBotES, Opinion: opinionES, Future: futureES, Outcomes: outcomesES, WillForms: willFormsES, Advice: adviceES, Demands: demandsES, Origins: originsES, Later: laterES, Soon: soonES, Greetings: greetingsES, SmallTalk: smallTalkES, FollowUps: followUpsES, AskKinds: askKindsES, Months: monthsES, Ordinals: ordinalsES, WhichPerson: map[string]int{"que": 1, "cual": 3, "cuales": 3}, PersonNouns: personNounsES, Uncounted: uncountedES, Counted: countedES, Answers: answersES, KindBoost: 0.3, BM25Scale: 190.0 / 73,
	},
}

// PackFor returns the pack of a language, or nil.
func PackFor(lang string) *Pack {
	for _, p := range packs {
		if p.Lang == lang {
			return p
		}
	}
	return nil
}

// packOf is the pack of language lang, nil for one search does not know.
func packOf(lang string) *Pack {
	for _, p := range packs {
		if p.Lang == lang {
			return p
		}
	}
	return nil
}

// Languages lists the languages search knows, English first.
func Languages() []string {
	out := make([]string, len(packs))
	for i, p := range packs {
		out[i] = p.Lang
	}
	return out
}

// foldedStopWords reads a Snowball stop list ("word | comment") and folds
// each word as the text is folded, keeping the original too.
func foldedStopWords(list []byte) []string {
	var out []string
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(list))
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "|")
		for _, w := range strings.Fields(line) {
			for _, v := range []string{w, foldQuery(w)} {
				if !seen[v] {
					seen[v] = true
					out = append(out, v)
				}
			}
		}
	}
	return out
}

// chatStopEN are words people type in chat that carry no meaning for
// search, on top of the Snowball English stop list ("what", "who", …).
var chatStopEN = []string{
	"im", "i'm", "ive", "id", "u", "ur", "r", "wen", "hw", "whos", "wats", "many", "ya", "yall", "pls", "plz", "please", "wat", "wut", "whats",
	"hey", "hi", "hello", "yo", "lol", "ok", "okay", "thanks", "thx", "gonna", "wanna", "gotta", "helpful", "useful",
	"can", "could", "would", "will", "shall", "might", "may", "must", "does", "do", "did", "dont",
	"doesnt", "didnt", "cant", "wont", "isnt", "anyone", "someone", "somebody", "anybody", "know",
	"tell", "me", "explain", "mean", "means", "really", "actually", "just", "like", "thing", "things",
	"still", "even", "also", "get", "got", "make", "time", "say", "said", "says", "happen", "happened",
	"anything", "something", "yes", "yeah", "no", "not", "kind", "sort",
	// fillers and reactions of chat, which ask nothing
	"bruh", "bro", "fam", "ngl", "tbh", "fr", "lowkey", "highkey", "deadass", "smh", "lmao", "lmfao", "omg", "wtf",
	"tf", "af", "istg", "imo", "imho", "btw", "fyi", "ikr", "tbf", "tldr", "eli5", "though",
	"haha", "hahaha", "rly", "srsly", "dude",
	// "who got sued besides the city": what it excludes is in its other
	// words. ("exactly", "honestly", "actual", "want" were tried with it:
	// each moved a pin paraphrase set the wrong way, and "honestly" made a
	// long message about bulky trash an answer.)
	"besides",
	// the words of prompt-injection attempts, which ask nothing of the corpus
	"ignore", "ignoring", "previous", "instructions", "instruction", "prompt", "pretend", "jailbreak", "disregard",
}

// chatPhrasesEN and chatPhrasesES are the packs' ChatPhrases, from their
// reviewed files (phrases-en.txt, phrases-es.txt).
var (
	//go:embed phrases-en.txt
	phrasesENFile string
	//go:embed phrases-es.txt
	phrasesESFile string

	chatPhrasesEN = mustPhrases("phrases-en.txt", phrasesENFile)
	chatPhrasesES = mustPhrases("phrases-es.txt", phrasesESFile)
)

// realWordsEN and realWordsES are the packs' RealWords: words typo
// correction had read as another corpus word, found by listing every
// correction it makes over the check sets (the real words among them).
var (
	realWordsEN = []string{"appear", "assigned", "binding", "charge", "citation", "closes", "contract", "crash", "decision", "headline",
		"intended", "kinds", "least", "letter", "living", "match", "normally", "overtime", "patients", "plain", "present", "protest",
		"provision", "ranting", "rapid", "reach", "reaction", "rebuilding", "remember", "remembers", "setting", "shift", "sleep", "small",
		"snuck", "stays", "stock", "struck", "super", "supposed", "teaches", "thank", "tires", "tripping", "yelling"}
	realWordsES = []string{"abrir", "agarrado", "alboroto", "apartamento", "bendiciones", "califica", "carro", "carta", "ciencias",
		"cunado", "compadre", "compania", "comento", "conviene", "cuesta", "darte", "defender", "elaborar", "entendido", "estimado",
		"frente", "haber", "juega", "leccion", "metro", "nacieron", "original", "pagar", "pesar", "piensa", "playa", "poder", "proximas",
		"puesto", "quiso", "recorten", "reforzar", "regla", "respecto", "saltaron", "solicita", "terror"}
)

func setOf(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// chatStopES are the Spanish ones, beside Snowball's Spanish stop list.
var chatStopES = []string{
	"hola", "oye", "oigan", "ey", "pues", "bueno", "ok", "okay", "gracias", "porfa", "porfavor", "favor", "jaja", "jajaja", "jeje", "xd", "manches", "mames",
	"alguien", "sabe", "saben", "pregunta", "duda", "neta", "osea", "onda", "tipo", "nomas", "nada", "algo", "cosa", "cosas",
	"puede", "pueden", "puedo", "podria", "podrian", "debe", "deben", "tiene", "tienen", "hay", "hacer", "hace", "hizo", "decir", "dice", "dicen", "dijo",
	"bot", "verdad", "entonces", "solo", "tambien", "aun", "todavia", "ya", "si", "no", "q", "k", "xq", "pq",
	"wey", "guey", "alv", "chale", "jejeje", "jajajaja", "bro", "asi",
	// what English has in "i mean", "i think", "really", "i read",
	// "i heard": the asker's own part of the sentence, not the question's
	"digo", "creo", "creer", "crees", "creen", "realmente", "lei", "oi", "escuche", "vi", "saber", "sabes", "porfis", "plis",
	"ignora", "ignorar", "instrucciones", "anteriores", "prompt",
}

// spellingsES are the Spanish letters that sound alike: ll/y (yeísmo), b/v,
// s/z/c (seseo), qu/k and a silent h.
var spellingsES = [][2]string{{"y", "ll"}, {"ll", "y"}, {"b", "v"}, {"v", "b"}, {"s", "c"}, {"s", "z"}, {"z", "s"}, {"c", "s"}, {"k", "qu"}, {"k", "c"}}

// chatFormsES are Spanish chat spellings and their words.
var chatFormsES = map[string]string{
	"$": "dinero", "pa": "para", "q": "que", "k": "que", "ke": "que", "xq": "porque", "pq": "porque", "porq": "porque", "tmb": "tambien", "tb": "tambien",
	"tmbn": "tambien", "d": "de", "x": "por", "xfa": "por favor", "pls": "por favor", "toy": "estoy", "ta": "esta", "tons": "entonces",
	"ntp": "no te preocupes", "msj": "mensaje", "info": "informacion", "poli": "policia", "depa": "departamento", "gob": "gobierno",
	"kien": "quien", "kienes": "quienes", "califas": "california", "jues": "juez", "kedo": "quedo", "keda": "queda", "kiero": "quiero",
	"ba": "va", "ban": "van", // b for v, as Spanish is often typed
	"1ra": "primera", "1ro": "primero", "1er": "primer", "2da": "segunda", "2do": "segundo", "3ra": "tercera", "3ro": "tercero",
	"ene": "enero", "feb": "febrero", "abr": "abril", "sept": "septiembre", "sep": "septiembre", "oct": "octubre", "nov": "noviembre", "dic": "diciembre",
}

// aboutBotEN and aboutBotES are the packs' AboutBot, after chat forms are
// expanded ("u" is "you" by then).
var (
	aboutBotEN = []string{"are you a bot", "are you a robot", "are you a person", "are you human", "are you real", "are you an ai",
		"what can you do", "what can you help", "what kind of stuff can you", "what kind of things can you", "who made you", "who built you", "who are you", "how do you work",
		"what topics", "what can i ask", "what questions can i ask", "what kind of questions can i", "what kind of things can i ask", "what sort of questions", "what can you answer", "what else can you",
		// praise or blame of the bot; not "bot" alone: "is the info in this
		// bot up to date" asks about the documents' dates
		"good bot", "bad bot", "smart bot", "dumb bot", "stupid bot", "nice bot", "cool bot", "useless bot", "bot knows", "you know a lot", "you know more"}
	aboutBotES = []string{"eres un bot", "eres bot", "eres un robot", "eres una persona", "eres persona", "eres humano", "eres real",
		"que puedes hacer", "en que me puedes ayudar", "en que puedes ayudar", "quien te hizo", "quien eres", "como funcionas",
		"que temas", "sobre que temas", "de que temas", "que preguntas puedo hacer", "que te puedo preguntar",
		"que puedes contestar", "que cosas puedes", "que cosas te puedo preguntar", "que cosas le puedo preguntar", "que le puedo preguntar", "que sabes hacer", "que puedes responder", "que mas sabes", "que mas puedes",
		"que bot", "buen bot", "bot tan", "bot listo", "bot inteligente", "mal bot", "bot tonto", "bot inutil", "bot sabe", "sabes mucho", "sabes mas"}
)

// opinionEN, futureEN and their Spanish siblings are the packs' Opinion
// and Future, after chat forms are expanded ("u" is "you", "q" is "que").
var (
	opinionEN = []string{"do you think", "you think", "ya think", "your opinion", "your guess", "your prediction", "would you bet"}
	futureEN  = []string{"will", "wont", "gonna", "going to", "win", "wins", "lose", "next year", "next month", "in the future"}
	opinionES = []string{"crees que", "tu crees", "cree usted", "que opinas", "tu opinion", "que piensas", "piensas que", "creen que", "ustedes creen", "piensan que", "que opinan", "no creen", "tu que dices", "que dices tu"}
	// winning, not losing: "is LA gonna lose federal money" asks about
	// the funding injunction, which the documents have
	outcomesEN  = []string{"win", "wins", "succeed", "prevail"}
	willFormsEN = []string{"will", "gonna", "going to"}
	outcomesES  = []string{"ganar", "gane", "ganen", "ganara", "ganaran"}
	willFormsES = []string{"va a", "van a", "vas a", "ganara", "ganaran"}
	laterEN     = []string{"next year", "next election", "in the future", "someday", "in the coming years", "reelection", "re election", "run for"}
	laterES     = []string{"proximo ano", "el ano que viene", "en el futuro", "algun dia", "proximas elecciones", "proxima eleccion", "los proximos anos", "reeleccion", "reelegir", "reelegirse"}
	adviceEN    = []string{"what do i do", "what should i do", "what do we do", "what should we do", "what are my options", "what can i do",
		"how do i find", "how can i find", "how do we find", "how can we find", "is it better to", "is it better if", "would it be better",
		"should i go", "should he go", "should she go", "should we go", "should they go", "what would you do",
		"what should our", "what should my", "what should he do", "what should she do", "what should they do",
		"do i have to go", "do we have to go", "does he have to go", "do i hav to go",
		"how do i make an appointment", "how do i schedule",
		"what are my rights", "do i have to show", "how do i report", "how can i report", "how do i anonymously",
		"i want to report", "what number do i call", "what number should i call", "how do i apply", "how can i apply",
		// what to say, open or sign when agents are there
		"what do i say", "what should i say", "what do i tell them", "do i have to open", "should i open", "should i sign", "do i have to sign",
		// joining or volunteering for something: a how-to for the asker
		"how do i become", "how can i become", "how do i join", "how can i join", "how do i volunteer", "how can i volunteer", "how do i sign up", "how can i sign up", "how do i request", "how can i request",
		"what documents do i bring", "what papers do i bring", "what should i bring", "what do i need to bring"}
	adviceES = []string{"que hago", "que debo hacer", "que hacemos", "que debemos hacer", "que puedo hacer", "que podemos hacer",
		"como lo encuentro", "como la encuentro", "como los encuentro", "donde lo tienen", "donde la tienen", "donde los tienen",
		"me conviene", "nos conviene", "le conviene", "es mejor que vaya", "es mejor no ir",
		"que harias", "tu que harias", "usted que haria", "tengo que ir", "tenemos que ir", "tiene que ir",
		"como hago una cita", "como saco una cita", "como pido una cita",
		"mis derechos", "que derechos tengo", "tengo que mostrar", "tengo que ensenar",
		"quiero reportar", "como reporto", "a que numero", "que numero le hablo", "como aplico", "como solicito",
		"que les digo", "que le digo", "tengo que abrir", "debo abrir", "les abro", "le abro", "debo firmar", "tengo que firmar",
		"como me uno", "como puedo unirme", "como me hago voluntario", "como me hago voluntaria", "como puedo ser voluntario", "como puedo ser voluntaria", "como me inscribo",
		"numero para reportar", "que papeles llevo", "que papeles tiene que llevar", "que papeles tengo que llevar", "que documentos tiene que llevar", "que documentos llevo", "que tengo que llevar", "que debo llevar"}
	demandsEN = []string{"good or bad", "bad or good", "right or wrong", "good idea or", "a good thing or", "good thing or bad",
		"tell me a joke", "tell a joke", "know any jokes", "write me a poem", "write a poem", "a song about", "a rap about", "write me a speech", "write a speech", "a speech i can give",
		// something to be made, not looked up ("write me a fiery instagram
		// caption", "make me a flyer")
		"write me a", "write me an", "make me a", "make me an", "caption",
		// the bot's own opinion asked for outright ("do you think" is a
		// hedge, and answered)
		"your opinion", "ur opinion", "your take", "ur take", "your honest opinion", "your own opinion", "your personal opinion",
		// filling in someone's paperwork, writing posts, taking sides,
		// someone's home
		"help me fill", "fill out", "tweet thread", "write me a tweet", "write a tweet", "write me a post", "write a post",
		"whose side are you on", "which side are you on",
		"his home address", "her home address", "their home address", "home address", "home addresses", "where does he live", "where does she live",
		"poem", "poems", "song lyrics"}
	demandsES = []string{"bien o mal", "mal o bien", "bueno o malo", "malo o bueno", "buena o mala", "mala o buena", "buena idea o",
		"cuentame un chiste", "dime un chiste", "cuenta un chiste", "sabes algun chiste", "escribeme un poema", "escribeme un discurso", "un discurso para",
		"escribeme un", "escribeme una", "hazme un", "hazme una", "un corrido", "una cancion",
		"un poema", "un rap", "que opinas", "tu opinion", "tu propia opinion", "que piensas", "tu que piensas", "ayudame a llenar", "llenar el formulario",
		"llenar la solicitud", "hazme un post", "escribeme un post", "hazme un tweet", "de que lado estas", "poema", "corrido", "direccion de la casa", "direccion de su casa", "donde vive"}
	soonES   = []string{"la semana que viene", "la proxima semana", "el proximo mes", "el mes que viene", "este fin de semana", "manana", "el otro ano", "pronto"}
	futureES = []string{"va a", "van a", "vas a", "ganara", "ganaran", "perdera", "gana", "ganan", "ganar", "el proximo ano", "el ano que viene", "en el futuro"}
)

// greetingsEN, smallTalkEN and their Spanish siblings are the packs'
// Greetings and SmallTalk, after chat forms are expanded.
var (
	// A demonstrative before a word for one of the documents' matters
	// ("that case", "esa demanda") points back as a pronoun does; "that"
	// alone is also a conjunction ("did they say that...").
	followUpsEN = []string{"it", "its", "they", "them", "their", "he", "his", "she", "her", "this thing", "the thing",
		"that case", "that lawsuit", "that suit", "that injunction", "that order", "that ruling", "that decision", "that law", "that bill",
		"that directive", "that resolution", "that vote", "that motion", "that plan", "that policy", "that ordinance", "that statement"}
	followUpsES = []string{"ella", "ellos", "ellas", "eso", "esto", "esa cosa", "la cosa",
		"ese caso", "esa demanda", "ese juicio", "esa orden", "ese fallo", "esa decision", "esa ley", "ese proyecto", "esa directiva",
		"esa resolucion", "esa votacion", "esa mocion", "ese plan", "esa politica", "esa ordenanza", "esa declaracion"}
	greetingsEN = []string{"thanks", "thank you", "thx", "ty", "hi", "hello", "good morning", "good night", "good evening", "gm", "gn", "bye", "cheers", "see you", "see ya", "cya", "take care",
		"wow", "damn", "dang", "yikes", "thats crazy", "no way"}
	greetingsES = []string{"gracias", "hola", "buenos dias", "buenas noches", "buenas tardes", "saludos", "adios", "nos vemos", "hasta luego", "chao", "chau", "cuidense",
		"que barbaridad", "no manches", "no mames", "que horror", "que coraje", "ni modo", "que bueno", "que mal"}
	smallTalkEN = []string{"how are you doing", "how is it going", "hows it going", "how you doing", "whats up", "what is up", "wassup", "sup", "whats good", "what is good", "whats poppin", "whats crackin"}
	smallTalkES = []string{"como estas", "como estan", "como te va", "como les va", "que tal tu dia", "todo bien"}
)

// presentEN and presentES are the words of a question about where things
// stand now, after chat forms are expanded ("rn" is "right now" by then).
var (
	presentEN = []string{"still", "yet", "now", "anymore", "currently", "current", "latest", "nowadays", "today", "right now", "these days", "so far"}
	presentES = []string{"sigue", "siguen", "todavia", "aun", "ahorita", "ahora", "actualmente", "hoy en dia", "en que va", "como va", "en que quedo", "hasta ahora"}
)

// pastES is the Spanish pack's PastCues. English has none: its
// "already" asks what is new more often than what was there before ("what
// does the ordinance do that the older policies didn't already cover"),
// and its cues lost five questions at R@1 over the check sets for one.
var pastES = []string{"desde antes", "ya era", "ya existia", "ya habia", "ya tenia", "de antes", "anteriormente", "ya lo era", "ya hacia", "ya estaba", "antes de la ordenanza", "antes de esto"}

// uncountedEN and uncountedES are the packs' Uncounted. Not "crimes" or
// "delitos": the documents count the state list's serious crimes
// ("hundreds").
var (
	uncountedEN = []string{"people", "ppl", "persons", "immigrants", "migrants", "undocumented", "illegals", "deportations", "deported",
		"deportees", "arrests", "arrested", "detained", "live", "money", "dollars", "funding", "cost", "costs", "fee", "fees", "pay",
		"paid", "rent", "taxes", "salary", "crimes", "crime", "officers", "cops",
		"immigrant", "migrant", "deportation", "arrest", "lives", "living"}
	uncountedES = []string{"personas", "gente", "inmigrantes", "migrantes", "indocumentados", "deportaciones", "deportados",
		"deportadas", "deporto", "deportado", "deportaron", "arrestos", "arrestados", "detenidos", "viven", "dinero", "dolares",
		"fondos", "cuesta", "cuestan", "costo", "cobran", "pagan", "paga", "renta", "impuestos", "tarda", "tardan", "delitos", "crimenes",
		"policias", "oficiales", "agentes",
		// singulars, as chat writes them ("cuanto inmigrante vive aqui")
		"persona", "inmigrante", "migrante", "indocumentado", "indocumentada", "deportacion", "arresto", "detenido", "vive", "vivir", "delito", "crimen",
		// what someone earns ("cuanto gana la alcaldesa")
		"gana", "ganan", "sueldo", "salario"}
	countedEN = []string{"times", "votes", "voted", "vote", "days", "weeks", "months", "years", "time", "members", "council",
		"councilmembers", "jurisdictions", "cities", "counties", "resolutions", "pages", "exceptions"}
	countedES = []string{"veces", "votos", "votaron", "voto", "dias", "semanas", "meses", "anos", "tiempo", "plazo", "concejales",
		"miembros", "jurisdicciones", "ciudades", "condados", "resoluciones", "paginas", "excepciones"}
)

// originsEN and originsES are the packs' Origins: verbs of coming from a
// place ("from" alone also compares: "different from New York's").
var (
	originsEN = []string{"moved here from", "moved from", "came here from", "came from", "im from", "i'm from", "i am from", "we are from",
		"originally from", "grew up in", "relocated from", "visiting from"}
	originsES = []string{"soy de", "somos de", "vengo de", "venimos de", "me mude de", "nos mudamos de", "me vine de", "naci en", "llegue de"}
)

// personNounsEN and personNounsES are the packs' PersonNouns: people the
// documents name by office or role.
var (
	personNounsEN = []string{"member", "members", "councilmember", "councilmembers", "councilman", "councilwoman", "official", "officials",
		"lawmaker", "lawmakers", "legislator", "legislators", "senator", "senators", "politician", "politicians", "person", "people",
		"governor", "mayor", "judge", "attorney", "president", "leader", "leaders", "sponsor", "sponsors", "author", "authors"}
	personNounsES = []string{"miembro", "miembros", "concejal", "concejales", "concejala", "funcionario", "funcionarios", "funcionaria",
		"legislador", "legisladores", "senador", "senadores", "politico", "politicos", "persona", "personas", "gobernador", "alcalde",
		"alcaldesa", "juez", "jueza", "abogado", "abogada", "presidente", "presidenta", "lider", "lideres", "autor", "autores", "autora"}
)

// The packs' Months and Ordinals.
var (
	monthsEN = monthNumbers("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
		"aug august", "sep sept september", "oct october", "nov november", "dec december")
	monthsES = monthNumbers("ene enero", "feb febrero", "mar marzo", "abr abril", "mayo", "jun junio", "jul julio",
		"ago agosto", "sep sept septiembre setiembre", "oct octubre", "nov noviembre", "dic diciembre")
	ordinalsEN = [2][]string{{"first", "initial", "1st", "originally"},
		{"second", "final", "finally", "last", "2nd", "again", "later", "redo", "re vote", "revote", "adopted", "adoption"}}
	ordinalsES = [2][]string{{"primera", "primer", "inicial", "1ra", "1a"},
		{"segunda", "final", "ultima", "2da", "2a", "de nuevo", "otra vez", "definitiva", "definitivamente", "adopto", "adopcion"}}
)

// monthNumbers numbers each list's words by its place: month 1 first.
func monthNumbers(lists ...string) map[string]int {
	out := map[string]int{}
	for i, l := range lists {
		for _, w := range strings.Fields(l) {
			out[w] = i + 1
		}
	}
	return out
}

// askKindsEN and askKindsES are the packs' AskKinds.
var (
	askKindsEN = map[askKind][]string{
		askWho:     {"who", "whom", "whose", "which council member", "which council members", "which judge", "which person", "which people", "which members", "which officials", "name of", "names of"},
		askWhen:    {"when", "what day", "what date", "what year", "what month", "since when", "how long"},
		askHowMany: {"how many", "how much", "vote count", "tally", "estimated number", "estimate of", "population of", "what percentage", "what percent", "percentage of", "vote result", "result of the vote", "how did the vote go", "how the vote went"},
		askWhy:     {"why", "how come"},
		askDate:    {"what day", "what date", "which day", "which date", "exact date", "exact day", "day exactly", "date exactly", "exactly when", "on what date", "on which date"},
	}
	askKindsES = map[askKind][]string{
		askWho:     {"quien", "quienes", "que concejal", "que concejales", "que juez", "que jueza", "nombre de", "nombres de"},
		askWhen:    {"cuando", "que dia", "que fecha", "que ano", "que mes", "desde cuando"},
		askHowMany: {"cuantos", "cuantas", "cuanto", "cuanta", "que porcentaje", "porcentaje de", "resultado de la votacion", "resultado votacion", "conteo", "como quedo la votacion", "como salio la votacion"},
		askWhy:     {"por que", "porque"},
		askDate:    {"que dia", "que fecha", "en que fecha", "fecha exacta", "dia exacto", "exactamente cuando", "cuando exactamente"},
	}
)
