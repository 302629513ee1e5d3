package cli

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// clean makes text safe to print on a terminal: control characters (an
// ESC starts a sequence that recolours or rewrites the screen) and bidi
// overrides (which reorder what follows) are shown as \x1b or \u202e,
// and invalid UTF-8 as U+FFFD. A question read from a binary file is
// then echoed as text, never acted on by the terminal.
func clean(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n <= 1:
			b.WriteRune(utf8.RuneError)
		case r < 0x100 && unicode.IsControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case isBidiControl(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isClean(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || (r < 0x100 && unicode.IsControl(r)) || isBidiControl(r) {
			return false
		}
	}
	return true
}

func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}

// quoteArg shows a command-line argument in a message: as typed when it
// is printable, else quoted with escapes.
func quoteArg(s string) string {
	if isClean(s) && !strings.ContainsAny(s, " \t") {
		return s
	}
	return strconv.Quote(s)
}
