// Package bot is the Discord side of ordinancebot: commands, handlers and
// the formatting of answers within Discord's limits. It calls the engine;
// the engine knows nothing of Discord.
package bot

import (
	"fmt"
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

// snippet returns the part of the passage around its first match, escaped
// for markdown with matched words in bold, at most about n runes.
func snippet(h index.Hit, n int) string {
	text := h.Passage.Text
	spans := h.Spans
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
// question's language (res.Lang; English when unset).
func answerEmbeds(question string, res *index.Result, asOf string) []*discordgo.MessageEmbed {
	lang := i18n.Norm(res.Lang)
	q := plainText(question, maxQuestionEcho)
	if !res.Answered {
		return []*discordgo.MessageEmbed{nothingEmbed(lang, q, res.Reason)}
	}
	e := &discordgo.MessageEmbed{
		Title: truncate(i18n.T(lang, i18n.AnswerTitle, q), maxEmbedTitle),
		Color: colorAnswer,
		Footer: &discordgo.MessageEmbedFooter{Text: truncate(i18n.T(lang, i18n.AnswerFooter, i18n.LongDate(lang, asOf)),
			maxFooter)},
	}
	for _, h := range res.Hits {
		p := h.Passage
		name := truncate(fmt.Sprintf("%d. %s", h.Rank, labelIn(lang, p)), maxFieldName)
		value := snippet(h, snippetRunes)
		value += "\n" + sourceLine(lang, p)
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
	if d == nil || i18n.Norm(d.Lang) == i18n.Norm(lang) {
		return ""
	}
	return " " + i18n.InLang(lang, d.Lang)
}

// sourceLine links the citation to its source and gives its date (written
// out in Spanish) and id.
func sourceLine(lang string, p *corpus.Passage) string {
	date := i18n.LongDate(lang, p.Doc.Date)
	label := escapeMD(p.Doc.Label)
	if u := p.URL(); u != "" {
		label = fmt.Sprintf("[%s](%s)", label, u)
	}
	return fmt.Sprintf("— %s · %s · `%s`", label, date, p.ID)
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

// Examples shown when nothing matched: questions the corpus answers, in
// the asker's language (a test checks they are answered).
var exampleQuestions = []i18n.Key{i18n.Example1, i18n.Example2, i18n.Example3}

func nothingEmbed(lang, q, reason string) *discordgo.MessageEmbed {
	desc := i18n.T(lang, i18n.NothingDesc)
	if reason == index.ReasonEmpty {
		desc = i18n.T(lang, i18n.NothingEmpty)
	}
	for _, ex := range exampleQuestions {
		desc += "• " + i18n.T(lang, ex) + "\n"
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
		Title:       truncate(labelIn(lang, p), maxEmbedTitle),
		URL:         p.URL(),
		Description: desc,
		Color:       colorAnswer,
		Footer: &discordgo.MessageEmbedFooter{Text: truncate(i18n.T(lang, i18n.SourceFooter, p.Doc.Title, p.Doc.Publisher,
			i18n.LongDate(lang, p.Doc.Date), p.ID), maxFooter)},
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
