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
	return b.String()
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
