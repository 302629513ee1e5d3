// Package bot is the Discord side of ordinancebot: commands, handlers and
// the formatting of answers within Discord's limits. It calls the engine;
// the engine knows nothing of Discord.
package bot

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/corpus"
	"ordinancebot/index"
	"ordinancebot/internal/i18n"
	"ordinancebot/internal/markdown"
)

// Discord's limits (resources/message.mdx, components/reference.mdx).
const (
	maxContent      = 2000
	maxEmbedTitle   = 256
	maxEmbedDesc    = 4096
	maxFieldName    = 256
	maxFieldValue   = 1024
	maxFooter       = 2048
	maxEmbedTotal   = 6000
	maxChoices      = 25
	maxChoiceLen    = 100
	maxCustomID     = 100
	maxOptions      = 25  // options of a select menu
	maxOptionText   = 100 // a select option's label, value, description
	maxPlaceholder  = 150
	maxQuestionEcho = 200 // how much of a question we repeat back
	snippetRunes    = 700 // passage text shown per result, around the match
	colorAnswer     = 0x2b6cb0
	colorNothing    = 0x718096
)

// noMentions is sent on every message: echoed user text never pings anyone.
var noMentions = &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}

// escapeMD makes text literal in Discord markdown, and breaks "@everyone"
// and "<@123>" so they cannot even look like mentions.
func escapeMD(s string) string { return markdown.Escape(s) }

var (
	maskedLinkRE = regexp.MustCompile(`\[([^\]\n]*)\]\(\s*<?(https?://[^)\s>]+)>?\s*\)`)
	mentionish   = strings.NewReplacer("@everyone", "@\u200beveryone", "@here", "@\u200bhere", "<@", "<\u200b@", "<#", "<\u200b#")
)

// safeMarkdown keeps a moderator's formatting but defuses what could
// mislead or ping: mentions are broken up, and a masked link shows its
// address ("text (https://…)") so its words cannot disguise where it goes.
func safeMarkdown(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = maskedLinkRE.ReplaceAllString(s, "$1 (<$2>)")
	return mentionish.Replace(s)
}

// plainText cleans a user's question for echoing: one line, no control
// characters, bounded, markdown escaped.
func plainText(s string, n int) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	return escapeMD(truncate(s, n))
}

// truncate cuts s to at most n runes, ending with "…" when cut.
func truncate(s string, n int) string { return markdown.Truncate(s, n) }

// view is what rendering an answer needs beyond the result itself.
type view struct {
	asOf string
	// keySpans picks the matched words worth bolding in a hit (the
	// engine's KeySpans); nil bolds each distinct matched word once, at
	// most keyWords of them.
	keySpans func(index.Hit) []index.Span
	// suggest are the answerable questions closest to a declined one, for
	// "nothing relevant"; empty shows the catalogue's examples.
	suggest []string
}

// keyWords is how many matched words a passage shows in bold: enough to
// show why it was chosen, few enough that the eye lands on them.
const keyWords = 2

// firstDistinct is view.keySpans without an engine: each distinct matched
// text once, the first keyWords of them.
func firstDistinct(h index.Hit) []index.Span {
	var out []index.Span
	seen := map[string]bool{}
	for _, s := range h.Spans {
		if len(out) == keyWords || s.Start < 0 || s.End > len(h.Passage.Text) || s.Start >= s.End {
			continue
		}
		if w := strings.ToLower(h.Passage.Text[s.Start:s.End]); !seen[w] {
			seen[w] = true
			out = append(out, s)
		}
	}
	return out
}

// withoutCitations drops the inline citation markers ("[5, 34]") and the
// space before each from text, moving spans to match: in an answer they
// point to nothing the reader can see, so the passage's sources are listed
// under it instead. Spans never cover a marker (search blanks them).
func withoutCitations(text string, spans []index.Span) (string, []index.Span) {
	marks := corpus.CitationSpans(text)
	if len(marks) == 0 {
		return text, spans
	}
	var b strings.Builder
	// starts[k] is where the k-th cut begins in text; cut[k] is how many
	// bytes are cut up to and including it.
	var starts, cut []int
	cur, total := 0, 0
	for _, m := range marks {
		from := m[0]
		for from > cur && text[from-1] == ' ' {
			from--
		}
		b.WriteString(text[cur:from])
		total += m[1] - from
		starts, cut = append(starts, from), append(cut, total)
		cur = m[1]
	}
	b.WriteString(text[cur:])
	shift := func(off int) int {
		d := 0
		for k, st := range starts {
			if off > st {
				d = cut[k]
			}
		}
		return off - d
	}
	out := make([]index.Span, 0, len(spans))
	for _, s := range spans {
		if ns := (index.Span{Start: shift(s.Start), End: shift(s.End)}); ns.Start < ns.End {
			out = append(out, ns)
		}
	}
	return b.String(), out
}

// snippet returns the part of text around the first of spans, escaped for
// markdown with spans in bold, at most about n runes.
func snippet(text string, spans []index.Span, n int) string {
	if utf8.RuneCountInString(text) <= n {
		return index.Mark(text, spans, "**", "**", escapeMD)
	}
	// Window of n runes starting a little before the first match.
	start := 0
	if len(spans) > 0 {
		start = spans[0].Start
		back := 0
		for start > 0 && back < n/4 {
			_, size := utf8.DecodeLastRuneInString(text[:start])
			start -= size
			back++
		}
		for start > 0 && text[start-1] != ' ' { // begin at a word
			start--
		}
	}
	end, count := start, 0
	for end < len(text) && count < n {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
		count++
	}
	if end < len(text) {
		if sp := strings.LastIndexByte(text[start:end], ' '); sp > 0 {
			end = start + sp
		}
	}
	var inside []index.Span
	for _, s := range spans {
		if s.Start >= start && s.End <= end {
			inside = append(inside, index.Span{Start: s.Start - start, End: s.End - start})
		}
	}
	out := index.Mark(text[start:end], inside, "**", "**", escapeMD)
	if start > 0 {
		out = "…" + out
	}
	if end < len(text) {
		out += "…"
	}
	return out
}

// answerEmbeds renders a result as one embed, fields per passage, in the
// question's language (res.Lang; English when unset), without an engine.
func answerEmbeds(question string, res *index.Result, asOf string) []*discordgo.MessageEmbed {
	return renderEmbeds(question, res, view{asOf: asOf})
}

func renderEmbeds(question string, res *index.Result, v view) []*discordgo.MessageEmbed {
	lang := i18n.Norm(res.Lang)
	q := plainText(question, maxQuestionEcho)
	if !res.Answered {
		return []*discordgo.MessageEmbed{nothingEmbed(lang, q, res.Reason, v.suggest)}
	}
	e := &discordgo.MessageEmbed{
		Title: truncate(i18n.T(lang, i18n.AnswerTitle, q), maxEmbedTitle),
		Color: colorAnswer,
		Footer: &discordgo.MessageEmbedFooter{Text: truncate(i18n.T(lang, i18n.AnswerFooter, i18n.LongDate(lang, v.asOf)),
			maxFooter)},
	}
	key := v.keySpans
	if key == nil {
		key = firstDistinct
	}
	for _, h := range res.Hits {
		p := h.Passage
		name := truncate(fmt.Sprintf("%d. %s", h.Rank, labelIn(lang, p)), maxFieldName)
		src := sourceLine(lang, p)
		text, spans := withoutCitations(p.Text, key(h))
		// The sources line is kept whole; the passage gets what is left.
		room := min(snippetRunes, maxFieldValue-utf8.RuneCountInString(src)-1)
		value := snippet(text, spans, max(room, 100)) + "\n" + src
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: name, Value: fitField(value)})
	}
	fitEmbed(e)
	return []*discordgo.MessageEmbed{e}
}

// labelIn is a passage's citation label for a reply in lang, marked with
// the passage's own language when it differs ("Article ¶8 (en inglés)"):
// a Spanish answer may quote an English paragraph when it is the best
// evidence, and the reader should know before reading it.
func labelIn(lang string, p *corpus.Passage) string {
	return p.Label + langMark(lang, p.Doc)
}

// langMark is " (en inglés)" for a document in another language than the
// reply's, "" otherwise.
func langMark(lang string, d *corpus.Document) string {
	if d == nil {
		return ""
	}
	return i18n.Mark(lang, d.Lang)
}

// Bounds on the sources listed under a passage.
const (
	maxListedSources = 3
	maxOutletRunes   = 40
)

// docDate is the date a reader needs of a document: how current it is
// ("as of 2026-07-03") when that differs from its own date (a summary
// edited after the period it covers), else its date (an article's
// publication).
func docDate(lang string, d *corpus.Document) string {
	if d.AsOf != "" && d.AsOf != d.Date {
		return i18n.T(lang, i18n.AsOfDate, i18n.LongDate(lang, d.AsOf))
	}
	return i18n.LongDate(lang, d.Date)
}

// sourceLine says where a passage comes from, each link naming what it
// opens: a document with its own URL (the article) links its outlet's
// name to it; one without (our summary) is named without a link, and the
// sources the passage cites follow by outlet name, each to its page. The
// citation id is not shown: it wrapped badly at the end of the line, and
// the "Show source" menu and the /source view carry it.
func sourceLine(lang string, p *corpus.Passage) string {
	d := p.Doc
	date := docDate(lang, d)
	if d.URL != "" {
		return fmt.Sprintf("— [%s](%s) · %s", escapeMD(truncate(outletName(d.Publisher), maxOutletRunes)), d.URL, date)
	}
	line := fmt.Sprintf("— %s · %s", escapeMD(d.Label), date)
	srcs := p.CitedSources()
	var names []string
	for k, s := range srcs {
		if k == maxListedSources {
			names = append(names, i18n.T(lang, i18n.SourcesMore, len(srcs)-k))
			break
		}
		name := escapeMD(truncate(sourceOutlet(s), maxOutletRunes))
		if s.URL != "" {
			name = fmt.Sprintf("[%s](%s)", name, s.URL)
		}
		names = append(names, name)
	}
	if len(names) > 0 {
		line += "\n" + i18n.T(lang, i18n.SourcesLine, strings.Join(names, " · "))
	}
	return line
}

// outletName is a publisher's outlet alone: "California Insider (The Epoch
// Times)" of "California Insider (The Epoch Times); reporting by …".
func outletName(publisher string) string {
	name, _, _ := strings.Cut(publisher, ";")
	return strings.TrimSpace(name)
}

// sourceOutlet is a numbered source's outlet, for a link's words: the part
// after its quoted title (`"LA council to …", Spectrum News 1, Dec. 4,
// 2024. https://…` → "Spectrum News 1"), else its first part ("Council
// District 4 (Nithya Raman) press release"), else the link's host.
func sourceOutlet(s corpus.Source) string {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s.Text), s.URL))
	if strings.HasPrefix(t, "\"") {
		if end := strings.Index(t[1:], "\""); end >= 0 {
			t = strings.TrimLeft(t[end+2:], " ,")
			// A note on the title ("(case 46752)") is not the outlet.
			if strings.HasPrefix(t, "(") {
				if c := strings.Index(t, ")"); c > 0 {
					t = strings.TrimLeft(t[c+1:], " ,")
				}
			}
		}
	}
	if name := firstPart(t); name != "" {
		return name
	}
	if u, err := url.Parse(s.URL); err == nil && u.Host != "" {
		return strings.TrimPrefix(u.Host, "www.")
	}
	return strings.TrimSpace(s.Text)
}

// firstPart is s up to its first comma outside parentheses, without a
// final period. Periods do not end it: "U.S. Department of Justice".
func firstPart(s string) string {
	depth := 0
	for i, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')':
			depth--
		case depth == 0 && r == ',':
			s = s[:i]
			return strings.TrimSuffix(strings.TrimSpace(s), ".")
		}
	}
	return strings.TrimSuffix(strings.TrimSpace(s), ".")
}

func fitField(v string) string {
	v = strings.ToValidUTF8(v, "\uFFFD")
	if utf8.RuneCountInString(v) <= maxFieldValue {
		return v
	}
	return truncateMarkdown(v, maxFieldValue)
}

// truncateMarkdown cuts without leaving an unclosed bold marker.
func truncateMarkdown(s string, n int) string { return markdown.TruncateMarkdown(s, n) }

// embedSize counts what Discord counts toward the 6000-character limit.
func embedSize(e *discordgo.MessageEmbed) int {
	n := utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
	if e.Footer != nil {
		n += utf8.RuneCountInString(e.Footer.Text)
	}
	if e.Author != nil {
		n += utf8.RuneCountInString(e.Author.Name)
	}
	for _, f := range e.Fields {
		n += utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
	}
	return n
}

// fitEmbed drops trailing fields until the embed fits Discord's total.
func fitEmbed(e *discordgo.MessageEmbed) {
	for embedSize(e) > maxEmbedTotal && len(e.Fields) > 1 {
		e.Fields = e.Fields[:len(e.Fields)-1]
	}
	for embedSize(e) > maxEmbedTotal && len(e.Fields) == 1 {
		f := e.Fields[0]
		f.Value = truncateMarkdown(f.Value, max(50, utf8.RuneCountInString(f.Value)-(embedSize(e)-maxEmbedTotal)-10))
	}
}

// Examples shown when nothing matched and no answerable question is close
// to the one asked: questions the corpus answers, in the asker's language
// (a test checks they are answered).
var exampleQuestions = []i18n.Key{i18n.Example1, i18n.Example2, i18n.Example3}

// nothingEmbed says nothing answers the question and offers questions that
// are answered: suggest (the closest to it) when there are any.
func nothingEmbed(lang, q, reason string, suggest []string) *discordgo.MessageEmbed {
	desc := i18n.T(lang, i18n.NothingDesc)
	switch reason {
	case index.ReasonEmpty:
		desc = i18n.T(lang, i18n.NothingEmpty)
	case index.ReasonChat:
		desc = i18n.T(lang, i18n.NothingChat)
	case index.ReasonPrediction:
		desc = i18n.T(lang, i18n.NothingGuess)
	}
	if len(suggest) == 0 {
		for _, ex := range exampleQuestions {
			suggest = append(suggest, i18n.T(lang, ex))
		}
	}
	for _, s := range suggest {
		desc += "• " + escapeMD(truncate(s, maxChoiceLen)) + "\n"
	}
	title := i18n.T(lang, i18n.NothingTitle)
	if q != "" {
		title = truncate(i18n.T(lang, i18n.AnswerTitle, q), maxEmbedTitle)
	}
	return &discordgo.MessageEmbed{Title: title, Description: desc, Color: colorNothing}
}

// passageEmbed shows one passage in full with its neighbours and sources,
// labelled for a reader of lang.
func passageEmbed(lang string, c *corpus.Corpus, p *corpus.Passage, neighbours int) *discordgo.MessageEmbed {
	var b strings.Builder
	for _, n := range c.Neighbours(p, neighbours) {
		text := escapeMD(n.Text)
		if n == p {
			text = "**" + text + "**"
		} else {
			text = fmt.Sprintf("-# %s: %s", escapeMD(n.Label), text)
		}
		b.WriteString(text + "\n\n")
	}
	desc := truncateMarkdown(strings.ToValidUTF8(strings.TrimSpace(b.String()), "\uFFFD"), maxEmbedDesc)
	e := &discordgo.MessageEmbed{
		Title: truncate(labelIn(lang, p), maxEmbedTitle),
		// The label names the document: it links to the document itself,
		// never to the first source a summary passage cites (those are
		// listed below, each under its own number).
		URL:         p.Doc.URL,
		Description: desc,
		Color:       colorAnswer,
		Footer: &discordgo.MessageEmbedFooter{Text: truncate(i18n.T(lang, i18n.SourceFooter, p.Doc.Title, p.Doc.Publisher,
			docDate(lang, p.Doc), p.ID), maxFooter)},
	}
	if srcs := p.CitedSources(); len(srcs) > 0 {
		var sb strings.Builder
		for _, s := range srcs {
			line := fmt.Sprintf("[%d] %s\n", s.Num, escapeMD(truncate(s.Text, 300)))
			if utf8.RuneCountInString(sb.String())+utf8.RuneCountInString(line) > maxFieldValue {
				break
			}
			sb.WriteString(line)
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: i18n.T(lang, i18n.SourcesField), Value: strings.TrimSpace(sb.String())})
	}
	fitEmbed(e)
	return e
}
