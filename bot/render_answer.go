package bot

import (
	"cmp"
	"slices"
	"strings"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/answer"
	"ordinancebot/index"
	"ordinancebot/internal/i18n"
	"ordinancebot/pins"
)

// An answer as Discord shows it, whichever path asked: embeds (a pinned
// answer first), the buttons under it, and "nothing relevant" with the
// questions the asker may have meant.

// answerMessage is the answer as a normal message (mentions, replies).
func (b *Bot) answerMessage(a *answer.Answer) *discordgo.MessageSend {
	embeds, comps := b.renderAnswer(a)
	return &discordgo.MessageSend{Embeds: embeds, Components: comps, AllowedMentions: noMentions}
}

// renderAnswer is an answer's embeds (the pinned answer first) and
// components, in the question's language. A duplicate's private copy gets
// only what still makes sense for one reader: the passages menu and the
// next page; its feedback and pin buttons are on the public answer.
func (b *Bot) renderAnswer(a *answer.Answer) ([]*discordgo.MessageEmbed, []discordgo.MessageComponent) {
	v := view{asOf: b.e.Corpus().AsOf(), keySpans: func(h index.Hit) []index.Span { return b.e.KeySpans(h, keyWords) }}
	// Chat gets the ready-made examples, not questions sharing its words
	// ("gracias x la info").
	if !a.Result.Answered && a.Result.Reason != index.ReasonEmpty && a.Result.Reason != index.ReasonChat {
		v.suggest = b.closestQuestions(a.Question, a.Lang)
	}
	embeds := withPin(i18n.Norm(a.Lang), a.Pin, renderEmbeds(a.Question, a.Result, v))
	return embeds, answerComponents(a.Question, a.Result, a.Offset+pageSize, a.Guild != "" && b.ans.HasPins() && !a.Duplicate)
}

// withPin puts the pinned answer first, keeping all embeds within
// Discord's 6000-character total. The marker is in the question's
// language lang; the moderators' answer is shown as they wrote it.
func withPin(lang string, p *pins.Pin, embeds []*discordgo.MessageEmbed) []*discordgo.MessageEmbed {
	if p == nil {
		return embeds
	}
	pe := pinEmbed(lang, p)
	budget := maxEmbedTotal - embedSize(pe)
	for _, e := range embeds {
		for embedSize(e) > budget && len(e.Fields) > 1 {
			e.Fields = e.Fields[:len(e.Fields)-1]
		}
		if embedSize(e) > budget {
			e.Description = ""
			e.Fields = nil
		}
	}
	return append([]*discordgo.MessageEmbed{pe}, embeds...)
}

func pinEmbed(lang string, p *pins.Pin) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{
		Title:       truncate(i18n.T(lang, i18n.PinTitle, plainText(p.Questions[0], 200)), maxEmbedTitle),
		Description: truncateMarkdown(safeMarkdown(p.Answer), 3000),
		Color:       0xd69e2e,
		Footer:      &discordgo.MessageEmbedFooter{Text: i18n.T(lang, i18n.PinFooter, p.ID, i18n.ShortDate(lang, p.PinnedAt))},
	}
	if p.MessageURL != "" {
		e.URL = p.MessageURL
	}
	if len(p.Citations) > 0 {
		e.Fields = []*discordgo.MessageEmbedField{{Name: i18n.T(lang, i18n.PinCites), Value: fitField("`" + strings.Join(p.Citations, "` `") + "`")}}
	}
	return e
}

// suggestedQuestions is how many questions "nothing relevant" offers.
const suggestedQuestions = 3

// closestQuestions are the ready-made questions in lang (each one the
// corpus answers) that share the most of question's words, weighted by
// rarity, so "nothing relevant" points to what the asker may have meant;
// the catalogue's examples make up the number. One that asks the same
// thing (index.SameQuestion and up) is left out: it would be declined too,
// or read as the bot repeating the question back.
func (b *Bot) closestQuestions(question, lang string) []string {
	similar := b.e.Comparer(question)
	type scored struct {
		q     string
		score float64
	}
	var cands []scored
	for _, q := range b.e.SuggestLang("", lang, 100) {
		// Autocomplete also offers section headings; only questions here.
		if !strings.HasSuffix(q, "?") {
			continue
		}
		if sc := similar(q); sc > 0 && sc < index.SameQuestion {
			cands = append(cands, scored{q, sc})
		}
	}
	slices.SortStableFunc(cands, func(x, y scored) int { return cmp.Compare(y.score, x.score) })
	var out []string
	for _, c := range cands[:min(len(cands), suggestedQuestions)] {
		out = append(out, c.q)
	}
	for _, k := range exampleQuestions {
		ex := i18n.T(lang, k)
		if len(out) < suggestedQuestions && similar(ex) < index.SameQuestion &&
			!slices.ContainsFunc(out, func(s string) bool { return strings.EqualFold(s, ex) }) {
			out = append(out, ex)
		}
	}
	return out
}
