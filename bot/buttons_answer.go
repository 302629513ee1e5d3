package bot

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/answer"
	"ordinancebot/index"
	"ordinancebot/internal/i18n"
)

// The components under every answer but the votes (buttons_feedback.go):
// the passages menu, "Show source" (the button before the menu, still on
// older answers), More results and Pin answer.
const (
	idMore      = "more:" // more:<offset>:<question>
	idShow      = "show:" // show:<passage id>, the button before the menu
	idPick      = "src:"  // src:<lang>, the menu of passages
	idPinAnswer = "pina:" // pina:<question>
	pageSize    = answer.PageSize
	maxPages    = 5 // "More results" stops after this many pages
)

var answerButtons = []route{
	{idMore, func(b *Bot, ctx context.Context, i *discordgo.Interaction, rest string) (*discordgo.InteractionResponse, after, error) {
		off, q, ok := strings.Cut(rest, ":")
		n, err := strconv.Atoi(off)
		if !ok || err != nil || n < 0 || n > pageSize*maxPages {
			return nil, nil, errExpiredButton(localeLang(i))
		}
		return b.answer(ctx, i, q, n, true)
	}},
	{idShow, func(b *Bot, _ context.Context, _ *discordgo.Interaction, rest string) (*discordgo.InteractionResponse, after, error) {
		// In the answer's language, whoever clicks: a button without
		// one is an English answer's (see showID).
		lang, id := parseShow(rest)
		return b.sourceResponse(i18n.Norm(lang), id, true), nil, nil
	}},
	{idPick, func(b *Bot, _ context.Context, i *discordgo.Interaction, lang string) (*discordgo.InteractionResponse, after, error) {
		// The passage the reader chose in the answer's menu, in the
		// answer's language whoever chooses.
		d, ok := i.Data.(discordgo.MessageComponentInteractionData)
		if !ok || len(d.Values) != 1 {
			return nil, nil, errExpiredButton(localeLang(i))
		}
		return b.sourceResponse(i18n.Norm(lang), d.Values[0], true), nil, nil
	}},
	{idPinAnswer, (*Bot).pinAnswerButton},
}

// answerComponents are what can be done with an answer, labelled in the
// question's language: a menu of the shown passages to read one whole
// (with its sources), the next page and, in a server, feedback and
// pinning. "Pin answer" is grey like the rest: only moderators may use it
// (a member who presses it is told so), so it must not look like the
// thing to press.
func answerComponents(question string, res *index.Result, next int, inGuild bool) []discordgo.MessageComponent {
	if !res.Answered || len(res.Hits) == 0 {
		return nil
	}
	lang := i18n.Norm(res.Lang)
	rows := []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{sourceMenu(lang, res)}}}
	var row []discordgo.MessageComponent
	if next < res.Total && next < pageSize*maxPages {
		row = append(row, discordgo.Button{Label: i18n.T(lang, i18n.BtnMore), Style: discordgo.SecondaryButton,
			CustomID: withQuestion(idMore+strconv.Itoa(next)+":", question)})
	}
	if inGuild && next == pageSize {
		row = append(row,
			discordgo.Button{Label: i18n.T(lang, i18n.BtnHelpful), Style: discordgo.SuccessButton, CustomID: withQuestion(idHelpful, question)},
			discordgo.Button{Label: i18n.T(lang, i18n.BtnNotHelpful), Style: discordgo.SecondaryButton, CustomID: withQuestion(idNotHelpful, question)},
			discordgo.Button{Label: i18n.T(lang, i18n.BtnPin), Style: discordgo.SecondaryButton, CustomID: withQuestion(idPinAnswer, question)})
	}
	if len(row) > 0 {
		rows = append(rows, discordgo.ActionsRow{Components: row})
	}
	return rows
}

// sourceMenu lets the reader choose which shown passage to read in full,
// by its rank and label, with the start of its text to tell them apart.
// The answer's language is in the custom_id ("src:es"), as in showID.
func sourceMenu(lang string, res *index.Result) discordgo.SelectMenu {
	one := 1
	m := discordgo.SelectMenu{MenuType: discordgo.StringSelectMenu, CustomID: pickID(lang),
		Placeholder: truncate(i18n.T(lang, i18n.SelectSource), maxPlaceholder), MinValues: &one, MaxValues: 1}
	for _, h := range res.Hits[:min(len(res.Hits), maxOptions)] {
		text, _ := withoutCitations(h.Passage.Text, nil)
		desc := truncate(strings.Join(strings.Fields(text), " "), maxOptionText)
		if desc == "" {
			desc = h.Passage.ID
		}
		m.Options = append(m.Options, discordgo.SelectMenuOption{
			Label: truncate(fmt.Sprintf("%d. %s", h.Rank, labelIn(lang, h.Passage)), maxOptionText),
			Value: h.Passage.ID, Description: desc})
	}
	return m
}

// pickID is the custom_id of the passages menu: "src:" for an English
// answer, "src:es" for a Spanish one.
func pickID(lang string) string {
	if lang == i18n.En {
		return idPick
	}
	return idPick + lang
}

// showID is the custom_id of "Show source". The passage alone does not
// tell the answer's language (a Spanish answer may cite an English
// paragraph), so a non-English answer carries it: "show:es:article-8".
// English keeps "show:<id>", which buttons posted before this had too.
func showID(lang, passageID string) string {
	if lang == i18n.En {
		return idShow + passageID
	}
	return idShow + lang + ":" + passageID
}

// parseShow splits a "Show source" custom_id's rest into language and
// passage id; "" when it has none (an English answer's).
func parseShow(rest string) (lang, id string) {
	if l, id, ok := strings.Cut(rest, ":"); ok && slices.Contains(i18n.Langs, l) {
		return l, id
	}
	return "", rest
}

// withQuestion carries the question in a custom_id (at most 100
// characters), so the button works after a restart; a longer question is
// cut at a rune.
func withQuestion(prefix, question string) string {
	q := strings.Join(strings.Fields(question), " ")
	for utf8.RuneCountInString(prefix+q) > maxCustomID {
		r := []rune(q)
		q = string(r[:len(r)-1])
	}
	return prefix + q
}

// moreID is the custom_id of "More results" from offset.
func moreID(offset int, question string) string {
	return withQuestion(idMore+strconv.Itoa(offset)+":", question)
}

// pinAnswerButton saves the bot's own answer to a question and pins it.
func (b *Bot) pinAnswerButton(ctx context.Context, i *discordgo.Interaction, question string) (*discordgo.InteractionResponse, after, error) {
	if r := b.guard(i); r != nil {
		return r, nil, nil
	}
	lang := localeLang(i)
	res, err := b.e.SearchLang(question, "auto", string(i.Locale), pageSize, 0)
	if err != nil {
		return nil, nil, fmt.Errorf("search: %w", err)
	}
	if !res.Answered {
		return errorResponse(i18n.T(lang, i18n.NothingToPin)), nil, nil
	}
	msgID := ""
	if i.Message != nil {
		msgID = i.Message.ID
	}
	pin := answer.PinFromResult(question, res)
	pin.Guild, pin.PinnedBy, pin.MessageURL = i.GuildID, userID(i), messageURL(i.GuildID, i.ChannelID, msgID)
	p, err := b.addPin(ctx, pin)
	if err != nil {
		return pinError(lang, err)
	}
	if msgID == "" {
		return private(i18n.T(lang, i18n.SavedAs, p.ID)), nil, nil
	}
	return b.savedAndPin(ctx, i, p, i.ChannelID, msgID)
}
