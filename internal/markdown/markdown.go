// Package markdown is Discord-flavoured markdown text handling shared by
// the bot's rendering and the answer service's pin text: escaping and
// cutting without breaking the markup.
package markdown

import (
	"strings"
	"unicode/utf8"
)

var escaper = strings.NewReplacer(
	`\`, `\\`, `*`, `\*`, `_`, `\_`, `~`, `\~`, "`", "\\`", `|`, `\|`, `>`, `\>`,
	`[`, `\[`, `]`, `\]`, `#`, `\#`, `@`, "@\u200b", `<`, `\<`,
)

// Escape makes text literal in Discord markdown, and breaks "@everyone"
// and "<@123>" so they cannot even look like mentions.
func Escape(s string) string { return escaper.Replace(s) }

// Truncate cuts s to at most n runes, ending with "…" when cut; it also
// replaces invalid UTF-8, which Discord would refuse.
func Truncate(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// TruncateMarkdown cuts at a rune boundary without leaving an unclosed
// bold marker or a half escape.
func TruncateMarkdown(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n-2])
	cut = strings.TrimRight(cut, `\`)
	if strings.Count(cut, "**")%2 == 1 {
		cut += "**"
	}
	return cut + "…"
}
