package index

import (
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

func init() {
	registry.RegisterTokenFilter(wordFormsEN, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return wordForms(irregularEN), nil
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
