// Package synth generates synthetic corpora of any size for scale
// benchmarks: English-looking passages whose words follow a Zipf
// distribution over a vocabulary seeded with the real corpus's words.
package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"

	"ordinancebot/corpus"
)

// PassagesPerDoc mirrors a long article or summary.
const PassagesPerDoc = 50

var syllables = []string{"ba", "co", "de", "fi", "gu", "ha", "jo", "ki", "lu", "ma", "ne", "po", "ra", "si", "tu", "ve", "wo", "xa", "yo", "ze",
	"lan", "mer", "tor", "pol", "sec", "tion", "ment", "ing", "er", "al", "ous", "ive", "ate", "ize", "ence"}

var sections = []string{"Background", "Timeline", "Provisions", "Exceptions", "Enforcement", "Funding", "Reactions", "Litigation", "Schools", "Data"}

// Vocabulary returns n words: the real corpus's words first (most frequent
// in the Zipf ranking), then made-up ones.
func Vocabulary(real *corpus.Corpus, n int, rng *rand.Rand) []string {
	seen := map[string]bool{}
	var words []string
	if real != nil {
		for _, p := range real.Passages {
			for _, w := range strings.FieldsFunc(p.Text, func(r rune) bool { return !unicode.IsLetter(r) }) {
				w = strings.ToLower(w)
				if len(w) > 1 && !seen[w] {
					seen[w] = true
					words = append(words, w)
				}
			}
		}
	}
	for len(words) < n {
		var b strings.Builder
		for k := 2 + rng.IntN(3); k > 0; k-- {
			b.WriteString(syllables[rng.IntN(len(syllables))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	return words[:n]
}

// Generator makes passages and questions from one vocabulary.
type Generator struct {
	rng   *rand.Rand
	zipf  *rand.Zipf
	vocab []string
}

// New seeds a generator; the same seed gives the same corpus.
func New(real *corpus.Corpus, vocabSize int, seed uint64) *Generator {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	vocab := Vocabulary(real, vocabSize, rng)
	return &Generator{rng: rng, zipf: rand.NewZipf(rng, 1.1, 2, uint64(len(vocab)-1)), vocab: vocab}
}

func (g *Generator) word() string { return g.vocab[g.zipf.Uint64()] }

// Passage is 20 to 120 words in sentences of 6 to 20.
func (g *Generator) Passage() string {
	n := 20 + g.rng.IntN(101)
	var b strings.Builder
	for n > 0 {
		k := min(n, 6+g.rng.IntN(15))
		for i := 0; i < k; i++ {
			w := g.word()
			if i == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			} else {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
		b.WriteString(". ")
		n -= k
	}
	return strings.TrimSpace(b.String())
}

// Question mixes 2 to 5 frequent words with 1 or 2 from the long tail of
// the vocabulary: real questions name something specific ("detainer",
// "LAUSD") among everyday words.
func (g *Generator) Question() string {
	var ws []string
	for n := 2 + g.rng.IntN(4); n > 0; n-- {
		ws = append(ws, g.word())
	}
	for n := 1 + g.rng.IntN(2); n > 0; n-- {
		w := g.vocab[200+g.rng.IntN(len(g.vocab)-200)]
		ws = slices.Insert(ws, g.rng.IntN(len(ws)+1), w)
	}
	return strings.Join(ws, " ")
}

// Corpus builds n passages in documents of PassagesPerDoc.
func (g *Generator) Corpus(n int) (*corpus.Corpus, error) {
	var docs []*corpus.Document
	for i := 0; len(docs)*PassagesPerDoc < n; i++ {
		d := &corpus.Document{ID: fmt.Sprintf("syn%d", i), Kind: "synthetic", Label: fmt.Sprintf("Doc %d", i),
			Title: g.Question(), Publisher: "synth", Date: "2025-01-01", AsOf: "2025-01-01", URL: "https://example.com/"}
		for j := 0; j < PassagesPerDoc && i*PassagesPerDoc+j < n; j++ {
			sec := sections[j*len(sections)/PassagesPerDoc]
			d.Passages = append(d.Passages, &corpus.Passage{
				ID: fmt.Sprintf("syn%d-%d", i, j+1), Label: fmt.Sprintf("Doc %d › %s ¶%d", i, sec, j+1),
				Doc: d, Section: sec, N: j + 1, Text: g.Passage(),
			})
		}
		docs = append(docs, d)
	}
	return corpus.New(docs)
}
