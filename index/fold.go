package index

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
)

var folder = asciifolding.New()

// fold maps text to the form the analyzers see: curly quotes and dashes
// become ASCII, accents are dropped ("Mónica" → "Monica"), invisible
// characters vanish and control characters become spaces. It returns the
// folded text and, for every byte offset of it (plus the end), the matching
// byte offset in the original, so highlights land on the original text.
//
// Bleve's own char filters cannot be used for this: they rewrite the input
// before tokenizing, so term locations would point into the rewritten text.
func fold(s string) (string, []int) {
	var b strings.Builder
	b.Grow(len(s))
	offsets := make([]int, 0, len(s)+1)
	for i, r := range s { // an invalid byte comes as RuneError, width 1
		out := foldRune(r)
		for j := 0; j < len(out); j++ {
			offsets = append(offsets, i)
		}
		b.WriteString(out)
	}
	offsets = append(offsets, len(s))
	return b.String(), offsets
}

// foldQuery folds a question the same way, without offsets.
func foldQuery(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteString(foldRune(r))
	}
	return unstretch(b.String())
}

// unstretch writes a letter typed three times or more once: chat
// stretches words ("holaaa", "graciasss", "sooo", "pleaseee"), and no
// English or Spanish word holds a letter three times in a row, while two
// ("cool", "llamar") are left as they are.
func unstretch(s string) string {
	if !stretched(s) {
		return s // the common case allocates nothing
	}
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(rs); {
		j := i + 1
		for j < len(rs) && rs[j] == rs[i] {
			j++
		}
		n := j - i
		if n >= 3 && unicode.IsLetter(rs[i]) {
			n = 1
		}
		for range n {
			b.WriteRune(rs[i])
		}
		i = j
	}
	return b.String()
}

// stretched reports whether s has a letter three times in a row.
func stretched(s string) bool {
	var prev rune
	run := 0
	for _, r := range s {
		if r == prev {
			run++
			if run == 3 && unicode.IsLetter(r) {
				return true
			}
		} else {
			prev, run = r, 1
		}
	}
	return false
}

func foldRune(r rune) string {
	switch {
	case r < utf8.RuneSelf:
		// A colon is word-internal to the Unicode word rules, so
		// "title:administrative" would be one unknown word.
		if r < ' ' || r == 0x7f || r == ':' {
			return " "
		}
		return string(r)
	case r == utf8.RuneError:
		return " "
	case isInvisible(r):
		return ""
	case unicode.IsControl(r) || unicode.IsSpace(r):
		return " "
	case unicode.Is(unicode.Mn, r):
		// a combining mark left over after a base letter: drop it, as
		// folding the precomposed letter would
		return ""
	}
	out := string(folder.Filter([]byte(string(r))))
	if out == "" {
		return " "
	}
	return out
}

func isInvisible(r rune) bool {
	switch r {
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u200e', '\u200f',
		'\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069':
		return true
	}
	return false
}
