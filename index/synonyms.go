package index

import (
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
)

//go:embed synonyms.txt
var synonymsEN string

//go:embed synonyms-es.txt
var synonymsES string

// synGroup is one line of synonyms.txt after analysis: each entry is the
// token sequence the analyzer makes of it.
type synGroup struct {
	line    int
	inputs  [][]string // one-way sources; nil for an equivalent set
	targets [][]string // for an equivalent set, every member
}

// thesaurus holds the analyzed groups. Single-token pairs are handed to
// bleve; multi-token ones are expanded by the engine itself.
type thesaurus struct {
	groups []synGroup
	// single maps an analyzed term to the terms bleve expands it to, so the
	// engine can tell which words a hit matched through a synonym.
	single map[string][]string
	// triggers are the terms of every entry that can fire a group, so typo
	// correction leaves "migra" and "feds" alone.
	triggers map[string]bool
	// byFirst maps a source entry's first term to its groups, so a
	// question looks at the few groups it can trigger, not all of them.
	byFirst map[string][]int
	// words are the one-word source entries as written ("tossed",
	// "migra"): words people use for what the corpus says, which typo
	// correction may correct to ("tosssed").
	words []string
	// gapped are the phrase forms of the entries here and of the topic
	// and off-scope lists.
	gapped gapTable
}

type analyzeFunc func(string) []string

// gapTable holds, for an entry whose words had stop words between them
// ("abogada de la ciudad", "centro de detencion"), the entry with a "" at
// each such position (bleve's phrase searcher takes "" for any word). The
// stop words leave gaps in the indexed positions, so a phrase of the
// entry's words alone never matches the text it was written from. Keyed
// by the joined words.
type gapTable map[string][]string

// add records an analyzed entry with its gaps (see langEngine.phraseTerms)
// and returns its words.
func (g gapTable) add(toks []string) []string {
	words := slices.DeleteFunc(slices.Clone(toks), func(t string) bool { return t == "" })
	if key := strings.Join(words, " "); len(words) > 0 && len(words) < len(toks) && g[key] == nil {
		g[key] = toks
	}
	return words
}

// phrase is the phrase query's terms for an entry's words.
func (g gapTable) phrase(words []string) []string {
	if p, ok := g[strings.Join(words, " ")]; ok {
		return p
	}
	return words
}

func parseSynonyms(src string, analyze analyzeFunc) (*thesaurus, error) {
	th := &thesaurus{single: map[string][]string{}, triggers: map[string]bool{}, byFirst: map[string][]int{}, gapped: gapTable{}}
	for i, raw := range strings.Split(src, "\n") {
		line := strings.TrimSpace(raw)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		g := synGroup{line: i + 1}
		parse := func(list string) [][]string {
			var out [][]string
			for _, e := range strings.Split(list, ",") {
				if words := th.gapped.add(analyze(strings.TrimSpace(e))); len(words) > 0 {
					out = append(out, words)
				}
			}
			return dedupe(out)
		}
		sourceWords := func(list string) {
			for _, e := range strings.Split(list, ",") {
				if w := strings.ToLower(foldQuery(strings.TrimSpace(e))); wordRE.FindString(w) == w && w != "" {
					th.words = append(th.words, w)
				}
			}
		}
		if lhs, rhs, oneWay := strings.Cut(line, "=>"); oneWay {
			sourceWords(lhs)
			g.inputs, g.targets = parse(lhs), parse(rhs)
			if len(g.inputs) == 0 || len(g.targets) == 0 {
				return nil, fmt.Errorf("synonyms.txt:%d: a one-way rule needs words on both sides of =>", g.line)
			}
		} else {
			sourceWords(line)
			g.targets = parse(line)
			if len(g.targets) < 2 {
				return nil, fmt.Errorf("synonyms.txt:%d: an equivalent set needs at least two entries", g.line)
			}
		}
		th.groups = append(th.groups, g)
		for _, in := range g.sources() {
			if n := len(th.groups) - 1; len(th.byFirst[in[0]]) == 0 || th.byFirst[in[0]][len(th.byFirst[in[0]])-1] != n {
				th.byFirst[in[0]] = append(th.byFirst[in[0]], n)
			}
			for _, t := range in {
				th.triggers[t] = true
			}
			if len(in) != 1 {
				continue
			}
			for _, t := range g.targets {
				if len(t) == 1 && t[0] != in[0] {
					th.single[in[0]] = appendUnique(th.single[in[0]], t[0])
				}
			}
		}
	}
	return th, nil
}

// sources are the entries that trigger the group.
func (g synGroup) sources() [][]string {
	if g.inputs != nil {
		return g.inputs
	}
	return g.targets
}

// definitions are what bleve indexes: single-token entries only, since bleve
// silently drops any synonym that analyzes to more than one token.
//
// Every definition is written one-way with each input also among its own
// synonyms. Bleve v2.6.3's phrase searcher replaces a term by its synonym
// list (search_phrase.go: fuzzyTermMatches[term] = s) instead of adding to
// it, so a term whose list lacks itself can no longer match in a phrase:
// "mass deportations" stopped finding "mass deportations".
func (th *thesaurus) definitions() []*bleve.SynonymDefinition {
	var defs []*bleve.SynonymDefinition
	for _, g := range th.groups {
		var ins, outs []string
		for _, in := range g.sources() {
			if len(in) == 1 {
				ins = appendUnique(ins, in[0])
			}
		}
		for _, t := range g.targets {
			if len(t) == 1 {
				outs = appendUnique(outs, t[0])
			}
		}
		if len(ins) == 0 || len(outs) == 0 || len(ins) == 1 && len(outs) == 1 && ins[0] == outs[0] {
			continue
		}
		// One definition per input, so inputs do not become each other's
		// synonyms: "yet" must not find "already".
		for _, in := range ins {
			defs = append(defs, &bleve.SynonymDefinition{Input: []string{in}, Synonyms: appendUnique(append([]string(nil), outs...), in)})
		}
	}
	return defs
}

// expansion is a group a question triggered: the trigger and the entries it
// stands for.
type expansion struct {
	trigger []string // the question tokens that fired it
	entries [][]string
}

// expand finds the groups a question's tokens trigger and returns their
// other entries; the engine searches those bleve does not expand itself.
func (th *thesaurus) expand(tokens []string) []expansion {
	var out []expansion
	// Only groups with a source starting with one of the tokens can fire.
	var cand []int
	seen := map[int]bool{}
	for _, t := range tokens {
		for _, gi := range th.byFirst[t] {
			if !seen[gi] {
				seen[gi] = true
				cand = append(cand, gi)
			}
		}
	}
	sort.Ints(cand)
	for _, gi := range cand {
		g := th.groups[gi]
		for _, src := range g.sources() {
			if !containsSeq(tokens, src) {
				continue
			}
			var entries [][]string
			for _, t := range g.targets {
				if !slices.Equal(t, src) {
					entries = append(entries, t)
				}
			}
			if len(entries) > 0 {
				out = append(out, expansion{trigger: src, entries: entries})
			}
		}
	}
	return out
}

func containsSeq(tokens, seq []string) bool {
	if len(seq) == 0 || len(seq) > len(tokens) {
		return false
	}
outer:
	for i := 0; i+len(seq) <= len(tokens); i++ {
		for j, s := range seq {
			if tokens[i+j] != s {
				continue outer
			}
		}
		return true
	}
	return false
}

func dedupe(in [][]string) [][]string {
	var out [][]string
	for _, s := range in {
		dup := false
		for _, o := range out {
			if slices.Equal(o, s) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, s)
		}
	}
	return out
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// minimalEntries drops entries that contain another entry: wherever
// "federal immigration agents" matches, "immigration agents" does too, and
// every phrase searched costs a phrase searcher.
func minimalEntries(entries [][]string) [][]string {
	var out [][]string
	for i, e := range entries {
		redundant := false
		for j, o := range entries {
			if i != j && len(o) < len(e) && containsSeq(e, o) {
				redundant = true
				break
			}
		}
		if !redundant {
			out = append(out, e)
		}
	}
	return out
}
