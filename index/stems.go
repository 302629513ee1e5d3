package index

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/spanish"
)

// Stemmers merge words that share a beginning but not a meaning, and a
// merged pair matches every question about either word. Spanish Snowball
// takes "ordenanza" to "orden", so a question about a warrant ("orden
// judicial") matched every passage about the ordinance, and
// "autoridad(es)" to "autor", so "quien fue el autor de la SB 54" found
// passages about the authorities. (Porter takes "authority" to "author"
// too; keeping them apart was even on the English check sets, +1 -1, and
// gave a pin paraphrase about writing policies into law the wrong pin.)
// The listed forms (folded, as analysis sees them) get a term of their
// own that no stemmer touches: fixedStems sets it and marks the token a
// keyword, which Porter and stemmerES honour.
const (
	fixedStemsEN = "fixed_stems_en"
	fixedStemsES = "fixed_stems_es"
	stemmerES    = "stemmer_es_keyword"
)

var (
	stemsEN = map[string]string{
		// "news" is not the plural of "new"
		"news": "news",
		// the Supreme Court's justices, not the Justice Department
		"justices": "justices",
		// a detainer is a request to hold someone, not the holding
		"detainer": "detainer", "detainers": "detainer",
	}
	stemsES = map[string]string{
		"ordenanza": "ordenanza", "ordenanzas": "ordenanza",
		"autoridad": "autoridad", "autoridades": "autoridad",
		"casa": "casa", "casas": "casa", // not "caso", a case
		"partido": "partido", "partidos": "partido", // a party, not "parte"
		"seguridad": "seguridad",                            // not "seguras", safe
		"directiva": "directiva", "directivas": "directiva", // not "directa"
	}
)

func init() {
	registry.RegisterTokenFilter(fixedStemsEN, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return fixedStems(stemsEN), nil
	})
	registry.RegisterTokenFilter(fixedStemsES, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return fixedStems(stemsES), nil
	})
	registry.RegisterTokenFilter(stemmerES, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return spanishStemmer{}, nil
	})
}

// fixedStems gives each listed form its term and keeps the stemmer off it.
type fixedStems map[string]string

func (f fixedStems) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		if term, ok := f[string(t.Term)]; ok {
			t.Term = []byte(term)
			t.KeyWord = true
		}
	}
	return input
}

// spanishStemmer is bleve's Spanish Snowball stemmer (stemmer_es_snowball)
// except that it leaves keyword tokens alone, as bleve's Porter does.
type spanishStemmer struct{}

func (spanishStemmer) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		if t.KeyWord {
			continue
		}
		env := snowballstem.NewEnv(string(t.Term))
		spanish.Stem(env)
		t.Term = []byte(env.Current())
	}
	return input
}
