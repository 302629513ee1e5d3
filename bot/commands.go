package bot

import (
	"context"
	"errors"
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

// Command and component names: public, people type them.
const (
	cmdAsk        = "ask"
	cmdSource     = "source"
	cmdAbout      = "about"
	cmdHelp       = "help"
	cmdAnswer     = "Answer with sources"
	cmdPin        = "pin"
	cmdPinAs      = "Pin as answer"
	cmdUnanswered = "unanswered"
	optQ          = "question"
	optPrivate    = "private"
	optID         = "id"
	optAnswer     = "answer"
	idMore        = "more:" // more:<offset>:<question>
	idShow        = "show:" // show:<passage id>, the button before the menu
	idPick        = "src:"  // src:<lang>, the menu of passages
	pageSize      = answer.PageSize
	maxPages      = 5 // "More results" stops after this many pages
	maxQInput     = answer.MaxQuestion
)

// focused is the value of the option being typed, for autocomplete; it
// looks inside subcommands too.
func focused(opts []*discordgo.ApplicationCommandInteractionDataOption) string {
	for _, o := range opts {
		if o.Focused {
			s, _ := o.Value.(string)
			return s
		}
		if s := focused(o.Options); s != "" {
			return s
		}
	}
	return ""
}

// Commands is what the bot registers, in one bulk overwrite, in the
// table's order.
func Commands() []*discordgo.ApplicationCommand {
	out := make([]*discordgo.ApplicationCommand, 0, len(commandTable))
	for _, c := range commandTable {
		out = append(out, c.def())
	}
	return out
}

// handle answers an interaction. A non-nil after runs once the response
// has been sent: work that may be slow goes there, behind a deferral.
func (b *Bot) handle(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, after, error) {
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		return b.command(ctx, i)
	case discordgo.InteractionApplicationCommandAutocomplete:
		return b.autocomplete(ctx, i), nil, nil
	case discordgo.InteractionMessageComponent:
		return b.component(ctx, i)
	case discordgo.InteractionModalSubmit:
		return b.modalSubmit(ctx, i)
	}
	return nil, nil, nil
}

func (b *Bot) command(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, after, error) {
	d, ok := i.Data.(discordgo.ApplicationCommandInteractionData) // malformed: no data
	if c := findCommand(d.Name); ok && c != nil {
		return c.run(b, ctx, i, d)
	}
	return errorResponse(i18n.T(localeLang(i), i18n.UnknownCommand)), nil, nil
}

func targetMessage(d discordgo.ApplicationCommandInteractionData) *discordgo.Message {
	if d.Resolved == nil {
		return nil
	}
	return d.Resolved.Messages[d.TargetID]
}

// answer is the /ask reply (and its further pages): a matching pinned
// answer first, then embeds of the top passages, plus buttons.
func (b *Bot) answer(ctx context.Context, i *discordgo.Interaction, question string, offset int, private bool) (*discordgo.InteractionResponse, after, error) {
	a, err := b.ans.Ask(ctx, answer.Request{Guild: i.GuildID, Channel: i.ChannelID, User: userID(i),
		Question: question, Offset: offset, Private: private, Locale: string(i.Locale), Via: "ask"})
	if resp, err := askRefusal(err, questionLang(question, i)); resp != nil || err != nil {
		return resp, nil, err
	}
	embeds, comps := b.renderAnswer(a)
	// A question with no words gets a reply about itself, for the asker
	// alone; it is never "the same answer" as someone else's blank question.
	empty := !a.Result.Answered && a.Result.Reason == index.ReasonEmpty
	private = private || empty
	// The same answer just posted in this channel goes to the asker alone.
	notice := ""
	if a.Duplicate && !empty {
		private = true
		notice = i18n.T(a.Lang, i18n.Duplicate)
	}
	resp := message(embeds, comps, private)
	resp.Data.Content = notice
	return resp, func(ctx context.Context, _ Responder) { b.ans.Delivered(ctx, a) }, nil
}

// limitPublic puts a public post that is not an answer (/source, /about)
// through the same per-user limit and duplicate window as questions, so
// no command posts in a channel faster than /ask may. A private or error
// reply posts nothing in the channel and passes as it is.
func (b *Bot) limitPublic(ctx context.Context, i *discordgo.Interaction, via, key string, resp *discordgo.InteractionResponse) (*discordgo.InteractionResponse, after, error) {
	if resp == nil || resp.Data == nil || resp.Data.Flags&discordgo.MessageFlagsEphemeral != 0 {
		return resp, nil, nil
	}
	lang := localeLang(i)
	dup, err := b.ans.Post(ctx, answer.Request{Guild: i.GuildID, Channel: i.ChannelID, User: userID(i), Via: via, Locale: string(i.Locale)}, key)
	if resp, err := askRefusal(err, lang); resp != nil || err != nil {
		return resp, nil, err
	}
	if dup {
		resp.Data.Flags |= discordgo.MessageFlagsEphemeral
		resp.Data.Content = i18n.T(lang, i18n.Duplicate)
	}
	return resp, nil, nil
}

// askRefusal is the reply to a question the answer service turned down,
// in the question's language lang.
func askRefusal(err error, lang string) (*discordgo.InteractionResponse, error) {
	var cd *answer.Cooldown
	switch {
	case err == nil:
		return nil, nil
	case errors.As(err, &cd):
		return nil, userError(i18n.T(lang, i18n.Cooldown, int(cd.Wait.Seconds())+1), nil)
	case errors.Is(err, answer.ErrNoMore):
		return nil, userError(i18n.T(lang, i18n.NoMore), nil)
	}
	return nil, err
}

// answerAsReply posts the answer as a reply to the target message, so the
// person who asked sees it under their question. Posting is a REST call of
// unknown speed, so the interaction is deferred (privately) first and its
// response edited afterwards: a confirmation, or the answer itself when the
// bot may not post in that channel or just posted the same answer there.
func (b *Bot) answerAsReply(ctx context.Context, i *discordgo.Interaction, target *discordgo.Message) (*discordgo.InteractionResponse, after, error) {
	a, err := b.ans.Ask(ctx, answer.Request{Guild: i.GuildID, Channel: i.ChannelID, User: userID(i), Question: target.Content,
		Locale: string(i.Locale), Via: "answer_with_sources"})
	if resp, err := askRefusal(err, questionLang(target.Content, i)); resp != nil || err != nil {
		return resp, nil, err
	}
	deferred := &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral},
	}
	after := func(ctx context.Context, r Responder) {
		defer b.ans.Delivered(ctx, a)
		send := b.answerMessage(a)
		send.Reference = &discordgo.MessageReference{MessageID: target.ID, ChannelID: i.ChannelID, GuildID: i.GuildID}
		edit := &discordgo.WebhookEdit{AllowedMentions: noMentions}
		if a.Duplicate {
			content := i18n.T(a.Lang, i18n.DuplicateColon)
			edit.Content, edit.Embeds = &content, &send.Embeds
		} else if _, err := r.SendMessage(ctx, i.ChannelID, send); err != nil {
			b.log.Warn("reply to target message failed; answering privately", "channel", i.ChannelID, "err", err)
			content := i18n.T(a.Lang, i18n.CouldNotPost)
			edit.Content, edit.Embeds = &content, &send.Embeds
		} else {
			content := i18n.T(a.Lang, i18n.Posted)
			edit.Content = &content
		}
		if err := r.EditResponse(ctx, i, edit); err != nil {
			b.log.Error("edit deferred response", "err", err)
		}
	}
	return deferred, after, nil
}

func message(embeds []*discordgo.MessageEmbed, comps []discordgo.MessageComponent, private bool) *discordgo.InteractionResponse {
	d := &discordgo.InteractionResponseData{Embeds: embeds, Components: comps, AllowedMentions: noMentions}
	if private {
		d.Flags = discordgo.MessageFlagsEphemeral
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: d}
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

func (b *Bot) component(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, after, error) {
	d, _ := i.Data.(discordgo.MessageComponentInteractionData) // malformed: no data, so no custom_id
	id := d.CustomID
	for _, c := range commandTable {
		for _, r := range c.components {
			if rest, ok := strings.CutPrefix(id, r.prefix); ok {
				return r.run(b, ctx, i, rest)
			}
		}
	}
	return nil, nil, errExpiredButton(localeLang(i))
}

func errExpiredButton(lang string) error { return userError(i18n.T(lang, i18n.Expired), nil) }

// sourceResponse shows one passage, labelled for a reader of lang.
func (b *Bot) sourceResponse(lang, id string, private bool) *discordgo.InteractionResponse {
	c := b.e.Corpus()
	p, ok := c.Passage(strings.TrimSpace(id))
	if !ok {
		for _, q := range c.Passages { // people may pick or type the label
			if strings.EqualFold(q.Label, strings.TrimSpace(id)) {
				p, ok = q, true
				break
			}
		}
	}
	if !ok {
		return errorResponse(i18n.T(lang, i18n.NoPassage, plainText(id, 60)))
	}
	return message([]*discordgo.MessageEmbed{passageEmbed(lang, c, p, 1)}, nil, private)
}

func (b *Bot) autocomplete(ctx context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
	var choices []*discordgo.ApplicationCommandOptionChoice
	// A malformed interaction (no data, or another kind) gets no choices:
	// ApplicationCommandData would panic on it.
	if d, ok := i.Data.(discordgo.ApplicationCommandInteractionData); ok {
		if c := findCommand(d.Name); c != nil && c.complete != nil {
			choices = c.complete(b, ctx, i, focused(d.Options))
		}
	}
	if len(choices) > maxChoices {
		choices = choices[:maxChoices]
	}
	if choices == nil {
		choices = []*discordgo.ApplicationCommandOptionChoice{}
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	}
}
