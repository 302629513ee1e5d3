package index

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search"

	"ordinancebot/corpus"
)

// spans maps term locations (byte offsets into the folded text) back to the
// original text, merging words separated only by spaces or dashes. Folding
// is redone here, for the few passages shown, rather than kept for all.
func spans(p *corpus.Passage, locs search.FieldTermLocationMap) []Span {
	// ASCII folds byte for byte (citations blank to spaces of the same
	// length): offsets are then the identity, and nothing needs folding.
	n, offsets := len(p.Text), []int(nil)
	if !foldsToItself(p.Text) {
		var folded string
		folded, offsets = fold(blankCitations(p.Text))
		n = len(folded)
	}
	orig := func(i int, end bool) int {
		if offsets == nil {
			return i
		}
		o := offsets[i]
		// an end inside a rune's expansion ("ß" → "ss") moves past the rune
		if end && i > 0 && offsets[i-1] == o {
			_, size := utf8.DecodeRuneInString(p.Text[o:])
			return o + size
		}
		return o
	}
	var raw []Span
	for field, tlm := range locs {
		if field != fieldText && field != fieldExact && field != fieldPhrase {
			continue
		}
		for _, ls := range tlm {
			for _, l := range ls {
				if len(l.ArrayPositions) > 0 || int(l.End) > n || l.Start >= l.End {
					continue
				}
				raw = append(raw, Span{orig(int(l.Start), false), orig(int(l.End), true)})
			}
		}
	}
	sort.Slice(raw, func(i, j int) bool {
		if raw[i].Start != raw[j].Start {
			return raw[i].Start < raw[j].Start
		}
		return raw[i].End > raw[j].End
	})
	text := p.Text
	var out []Span
	for _, s := range raw {
		if n := len(out); n > 0 {
			last := &out[n-1]
			if s.Start < last.End {
				last.End = max(last.End, s.End)
				continue
			}
			if strings.Trim(text[last.End:s.Start], " -–—") == "" {
				last.End = s.End
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

// foldsToItself reports whether fold keeps every byte offset of s: ASCII
// folds byte for byte (at most a control or ':' becomes a space).
func foldsToItself(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
