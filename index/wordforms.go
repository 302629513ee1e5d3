package index

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// wordFormsEN is the token filter that gives English irregular verbs
// their base form, ahead of the stop words and the stemmer: the Porter
// stemmer strips endings, so "wrote" never met "write", nor "withheld"
// "withhold", "brought" "bring". Ahead of the stop words, a form of a chat
// word goes with it ("made" like "make", "told" like "tell"). Forms that
// are also other words ("left", "rose", "bit", "bound", "found") are left
// alone; "did", "was" and "had" are stop words themselves.
const wordFormsEN = "word_forms_en"

var irregularEN = map[string]string{
	"said": "say", "says": "say", "wrote": "write", "written": "write", "took": "take", "taken": "take",
	"brought": "bring", "led": "lead", "made": "make", "went": "go", "gone": "go", "gave": "give", "given": "give",
	"met": "meet", "threw": "throw", "thrown": "throw", "held": "hold", "withheld": "withhold", "upheld": "uphold",
	"told": "tell", "began": "begin", "begun": "begin", "chose": "choose", "chosen": "choose", "fought": "fight",
	"sought": "seek", "spoke": "speak", "spoken": "speak", "stood": "stand", "understood": "understand",
	"thought": "think", "bought": "buy", "caught": "catch", "taught": "teach", "kept": "keep", "sent": "send",
	"spent": "spend", "built": "build", "knew": "know", "known": "know", "saw": "see", "seen": "see",
	"came": "come", "became": "become", "got": "get", "gotten": "get", "won": "win", "ran": "run", "sold": "sell",
	"paid": "pay", "sat": "sit", "lost": "lose", "heard": "hear", "meant": "mean", "struck": "strike",
	"broke": "break", "broken": "break", "drove": "drive", "driven": "drive", "fell": "fall", "fallen": "fall",
	"forbade": "forbid", "forbidden": "forbid", "drew": "draw", "drawn": "draw", "grew": "grow", "grown": "grow",
	"shown": "show", "shook": "shake", "shaken": "shake", "stole": "steal", "stolen": "steal", "hid": "hide",
	"hidden": "hide", "swore": "swear", "sworn": "swear", "arose": "arise", "arisen": "arise", "felt": "feel",
	"misled": "mislead", "overrode": "override", "overridden": "override", "undertook": "undertake",
}

// wordFormsES gives Spanish verb forms the Snowball stemmer cannot bring
// to their verb's stem once accents are folded, as questions are typed and
// as the analysis sees every text: "escribió" becomes "escribio", which
// stems to "escribi", not "escrib" like "escribir" and "escrita"; the
// stemmer knows the suffix "ió", not "io". The preterite of -er and -ir
// verbs ("prohibio", "decidio", "pidio"), irregular preterites ("tuvo",
// "dijo", "introdujo", "incluyo") and irregular participles ("escrita",
// "propuesta") are given their infinitive, and so are present and
// subjunctive forms whose stem changes ("detengan", "sigue", "vuelve":
// "si ICE le pide a la policia q le detengan a alguien" had not matched
// "detener"). Not "pide": what the LAUSD resolution "le pide" its
// superintendent then met every "me lo pidieron" of a story. Verbs of the documents'
// domain, not a conjugator: forms that are also common other words
// ("hecho", a fact; "puesto", a post; "vino", wine; "cambio", a change)
// are left alone, and so are the auxiliaries (tener, estar, poder: their
// forms are stop words) and "demando", which would meet "demanda", the
// lawsuit, in every question about it. Tokens are folded by then.
const wordFormsES = "word_forms_es"

// verbFormsES lists, per infinitive, the forms that stem apart from it.
var verbFormsES = map[string]string{
	"escribir": "escribio escrito escrita escritos escritas", "describir": "describio descrito descrita",
	"prohibir": "prohibio", "permitir": "permitio", "decidir": "decidio", "emitir": "emitio", "recibir": "recibio",
	"exigir": "exigio exija exijan", "proteger": "protegio proteja protejan", "cumplir": "cumplio", "suspender": "suspendio", "responder": "respondio",
	"defender": "defendio defiende defienden", "extender": "extendio extiende", "entender": "entendio entiende entienden", "ocurrir": "ocurrio", "discutir": "discutio",
	"admitir": "admitio", "existir": "existio", "insistir": "insistio", "asistir": "asistio", "resistir": "resistio",
	"deber": "debio", "perder": "perdio pierde pierden pierda", "vender": "vendio", "prometer": "prometio", "cometer": "cometio",
	"someter": "sometio", "meter": "metio", "abrir": "abrio abierto abierta", "subir": "subio", "unir": "unio",
	"sufrir": "sufrio", "vivir": "vivio", "salir": "salio", "correr": "corrio", "romper": "rompio roto rota",
	"pedir": "pidio pidieron", "impedir": "impidio impidieron impide impiden impida impidan", "seguir": "siguio siguieron sigue siguen siga sigan siguiendo", "conseguir": "consiguio consiguieron consigue consiguen consiga",
	"elegir": "eligio eligieron elige eligen elija elijan", "servir": "sirvio sirvieron sirve sirven sirva", "repetir": "repitio repitieron repite repiten", "advertir": "advirtio advirtieron advierte advierten",
	"convertir": "convirtio convirtieron convierte convierten", "invertir": "invirtio", "sentir": "sintio", "mentir": "mintio", "preferir": "prefirio",
	"sugerir": "sugirio sugirieron sugiere sugieren", "morir": "murio murieron muerto muerta muere mueren muera", "dormir": "durmio",
	"decir": "dijo dijeron dicho diga digan diciendo", "hacer": "hizo hicieron", "proponer": "propuso propusieron propuesto propuesta propuestas proponga",
	"poner": "puso pusieron ponga pongan", "imponer": "impuso impusieron imponga", "traer": "trajo trajeron traiga traigan", "detener": "detuvo detuvieron detenga detengan detengas detiene detienen", "retener": "retuvo retuvieron retenga retengan retiene retienen", "mantener": "mantuvo mantuvieron mantenga mantengan mantiene mantienen", "obtener": "obtuvo obtuvieron obtenga obtengan obtiene obtienen",
	"sostener": "sostuvo sostuvieron sostenga sostiene sostienen", "prevenir": "previno previnieron prevenga previene previenen", "intervenir": "intervino intervinieron intervenga intervengan interviene intervienen",
	"introducir": "introdujo introdujeron", "traducir": "tradujo tradujeron", "producir": "produjo produjeron",
	"reducir": "redujo redujeron", "conducir": "condujo condujeron", "incluir": "incluyo incluyeron",
	"excluir": "excluyo excluyeron", "concluir": "concluyo concluyeron", "construir": "construyo construyeron",
	"contribuir": "contribuyo contribuyeron", "distribuir": "distribuyo distribuyeron", "leer": "leyo leyeron",
	"creer": "creyo creyeron", "caer": "cayo cayeron", "resolver": "resolvio resuelto resuelta resuelve resuelven", "devolver": "devolvio devuelto devuelta devuelve devuelven",
	"volver": "volvio vuelve vuelven vuelva vuelvan",
}

var irregularES = func() map[string]string {
	m := map[string]string{}
	for inf, forms := range verbFormsES {
		for _, f := range strings.Fields(forms) {
			m[f] = inf
		}
	}
	return m
}()

func init() {
	registry.RegisterTokenFilter(wordFormsEN, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return wordForms(irregularEN), nil
	})
	registry.RegisterTokenFilter(wordFormsES, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return wordForms(irregularES), nil
	})
}

// wordForms replaces each token that is a listed form by its base.
type wordForms map[string]string

func (f wordForms) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		if base, ok := f[string(t.Term)]; ok {
			t.Term = []byte(base)
		}
	}
	return input
}
