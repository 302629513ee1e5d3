package index

import (
	"math/bits"
	"sort"
)

type typo struct {
	term string
	dist int
}

// typoCandidates returns known terms within a small edit distance: one edit
// for words of 5 to 7 letters, two for longer ones, and doubled letters
// written once or twice however many (byLen.doubled), best first.
func (e *langEngine) typoCandidates(t string) []typo {
	maxDist := 1
	if len(t) >= 8 {
		maxDist = 2
	}
	var out []typo
	var buf [3][32]int
	e.vocabByLen.near(t, maxDist, func(v string) {
		if d := editDistanceBuf(t, v, maxDist, &buf); d <= maxDist {
			out = append(out, typo{v, d})
		}
	})
	e.vocabByLen.doubled(t, func(v string) {
		for _, o := range out {
			if o.term == v {
				return
			}
		}
		out = append(out, typo{v, 1})
	})
	sort.Slice(out, func(i, j int) bool {
		if out[i].dist != out[j].dist {
			return out[i].dist < out[j].dist
		}
		if e.df[out[i].term] != e.df[out[j].term] {
			return e.df[out[i].term] > e.df[out[j].term]
		}
		return out[i].term < out[j].term
	})
	if len(out) > maxTypoTerms {
		out = out[:maxTypoTerms]
	}
	return out
}

// editDistance is the optimal-string-alignment distance (Levenshtein plus
// swaps of neighbouring letters, the commonest typo: "sigend"), giving up
// above limit.
func editDistance(a, b string, limit int) int {
	var buf [3][32]int
	return editDistanceBuf(a, b, limit, &buf)
}

// editDistanceBuf uses buf for rows when the words are short enough, so
// scanning the vocabulary for typo candidates allocates nothing.
func editDistanceBuf(a, b string, limit int, buf *[3][32]int) int {
	var prev2, prev, cur []int
	if len(b) < len(buf[0]) {
		prev2, prev, cur = buf[0][:len(b)+1], buf[1][:len(b)+1], buf[2][:len(b)+1]
	} else {
		prev2, prev, cur = make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// byLen holds words by length, each with a mask of the letters it uses,
// so a typo scan compares a word only with words of a near length that
// could be that few edits away: one edit changes which letters a word uses
// by at most two (a substitution drops one and adds one), so words whose
// masks differ in more than 2×maxDist letters are skipped without the
// edit-distance table. That test is most of what typo correction costs.
type byLen struct {
	words map[int][]string
	masks map[int][]uint32
	// undoubled maps a word with its doubled letters written once to the
	// words written so: a doubled letter dropped or added ("comitee",
	// "comittee" for "committee", "adress") is the commonest misspelling,
	// and two of them are one mistake, not two edits.
	undoubled map[string][]string
}

func newByLen() *byLen {
	return &byLen{words: map[int][]string{}, masks: map[int][]uint32{}, undoubled: map[string][]string{}}
}

func (b *byLen) add(w string) {
	b.words[len(w)] = append(b.words[len(w)], w)
	b.masks[len(w)] = append(b.masks[len(w)], letterMask(w))
	u := undouble(w)
	b.undoubled[u] = append(b.undoubled[u], w)
}

// doubled calls fn with each word other than w that is w with letters
// doubled or undoubled.
func (b *byLen) doubled(w string, fn func(v string)) {
	for _, v := range b.undoubled[undouble(w)] {
		if v != w {
			fn(v)
		}
	}
}

// undouble writes each run of one letter once.
func undouble(w string) string {
	for i := 1; i < len(w); i++ {
		if w[i] == w[i-1] {
			out := []byte(w[:i])
			for j := i + 1; j < len(w); j++ {
				if w[j] != out[len(out)-1] {
					out = append(out, w[j])
				}
			}
			return string(out)
		}
	}
	return w
}

// near calls fn, in length then insertion order, with each word whose
// length and letters allow an edit distance of maxDist from w.
func (b *byLen) near(w string, maxDist int, fn func(v string)) {
	m := letterMask(w)
	for l := len(w) - maxDist; l <= len(w)+maxDist; l++ {
		masks := b.masks[l]
		for i, v := range b.words[l] {
			if bits.OnesCount32(m^masks[i]) <= 2*maxDist {
				fn(v)
			}
		}
	}
}

// letterMask has a bit per letter a–z and one for everything else.
func letterMask(w string) uint32 {
	var m uint32
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'a' && c <= 'z' {
			m |= 1 << (c - 'a')
		} else {
			m |= 1 << 26
		}
	}
	return m
}
