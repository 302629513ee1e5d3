package bot

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/answer"
	"ordinancebot/corpus"
	"ordinancebot/index"
	"ordinancebot/internal/i18n"
	"ordinancebot/pins"
)

// permissionPinMessages was split from MANAGE_MESSAGES in 2025 and is the
// only permission that allows pinning since 2026-02-23; discordgo v0.29.0
// has no constant for it.
const permissionPinMessages int64 = 1 << 51

// Moderation commands are shown by default to members who can pin; server
// admins can widen that in Server Settings → Integrations (for example to
// the roles in MOD_ROLE_IDS). The bot checks permissions itself anyway.
var (
	modDefault = permissionPinMessages
	guildOnly  = &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}
)

// Component and modal ids of the moderation features.
const (
	idHelpful      = "fb+:"  // fb+:<question>
	idNotHelpful   = "fb-:"  // fb-:<question>
	idPinAnswer    = "pina:" // pina:<question>
	idQueuePin     = "uqp:"  // uqp:<entry id>
	idQueueDismiss = "uqd:"  // uqd:<entry id>
	modalPinMsg    = "pinm:" // pinm:<channel id>:<message id>
	modalPinEdit   = "pine:" // pine:<pin id>
	modalPinNew    = "pinn:" // pinn:<entry id, or empty>
	inputQuestions = "questions"
	inputAnswer    = "answer"
	queuePage      = 5 // entries /unanswered shows, each with a row of buttons
)

func pinCommandDef() *discordgo.ApplicationCommand {
	idOpt := func(k i18n.Key) []*discordgo.ApplicationCommandOption {
		return []*discordgo.ApplicationCommandOption{{Type: discordgo.ApplicationCommandOptionString, Name: optID,
			Description: i18n.T(i18n.En, k), DescriptionLocalizations: localized(k), Required: true, Autocomplete: true, MaxLength: 20}}
	}
	sub := func(name string, k i18n.Key, opts []*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionSubCommand, Name: name,
			Description: i18n.T(i18n.En, k), DescriptionLocalizations: localized(k), Options: opts}
	}
	return &discordgo.ApplicationCommand{
		Name:                     cmdPin,
		Description:              i18n.T(i18n.En, i18n.DescPin),
		DescriptionLocalizations: localizedRef(i18n.DescPin),
		DefaultMemberPermissions: &modDefault,
		Contexts:                 guildOnly,
		Options: []*discordgo.ApplicationCommandOption{
			sub("add", i18n.DescPinAdd, []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: optQ, Description: i18n.T(i18n.En, i18n.DescPinAddQ),
					DescriptionLocalizations: localized(i18n.DescPinAddQ), Required: true, MaxLength: pins.MaxQuestionLen},
				{Type: discordgo.ApplicationCommandOptionString, Name: optAnswer, Description: i18n.T(i18n.En, i18n.DescPinAddA),
					DescriptionLocalizations: localized(i18n.DescPinAddA), Required: true, MaxLength: pins.MaxAnswerLen},
			}),
			sub("list", i18n.DescPinList, nil),
			sub("edit", i18n.DescPinEdit, idOpt(i18n.DescPinEditID)),
			sub("remove", i18n.DescPinRemove, idOpt(i18n.DescPinRemID)),
		},
	}
}

// isModerator checks the member's permissions in this channel, as Discord
// sends them with every interaction, or their roles: never trusting that
// Discord hid the command from everyone else.
func (b *Bot) isModerator(i *discordgo.Interaction) bool {
	if i.Member == nil || i.GuildID == "" {
		return false
	}
	p := i.Member.Permissions
	if p&(discordgo.PermissionAdministrator|discordgo.PermissionManageMessages|permissionPinMessages) != 0 {
		return true
	}
	for _, r := range i.Member.Roles {
		if b.modRoles[r] {
			return true
		}
	}
	return false
}

func userID(i *discordgo.Interaction) string {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User.ID
	}
	if i.User != nil {
		return i.User.ID
	}
	return ""
}

// guard returns the refusal for a moderator action, or nil to go ahead.
// Moderators' replies are in their own locale: they answer no question.
func (b *Bot) guard(i *discordgo.Interaction) *discordgo.InteractionResponse {
	lang := localeLang(i)
	switch {
	case b.store == nil:
		return errorResponse(i18n.T(lang, i18n.NoStore))
	case i.GuildID == "":
		return errorResponse(i18n.T(lang, i18n.GuildOnly))
	case !b.isModerator(i):
		return errorResponse(i18n.T(lang, i18n.NotModerator))
	}
	return nil
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

// pinChoices offers the guild's pins for the id option of /pin.
func (b *Bot) pinChoices(ctx context.Context, i *discordgo.Interaction, typed string) []*discordgo.ApplicationCommandOptionChoice {
	if b.store == nil || i.GuildID == "" || !b.isModerator(i) {
		return nil
	}
	ps, err := b.store.List(ctx, i.GuildID)
	if err != nil {
		b.log.Error("list pins", "guild", i.GuildID, "err", err)
		return nil
	}
	t := strings.ToLower(strings.TrimSpace(typed))
	var out []*discordgo.ApplicationCommandOptionChoice
	for _, p := range ps {
		name := truncate(p.ID+" — "+p.Questions[0], maxChoiceLen)
		if t == "" || strings.Contains(strings.ToLower(name), t) {
			out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: p.ID})
		}
	}
	return out
}

func (b *Bot) pinCommand(ctx context.Context, i *discordgo.Interaction, d discordgo.ApplicationCommandInteractionData) (*discordgo.InteractionResponse, after, error) {
	if r := b.guard(i); r != nil {
		return r, nil, nil
	}
	lang := localeLang(i)
	if len(d.Options) == 0 {
		return errorResponse(i18n.T(lang, i18n.PinUsage)), nil, nil
	}
	sub := d.Options[0]
	opt := func(name string) string {
		for _, o := range sub.Options {
			if o.Name == name {
				return o.StringValue()
			}
		}
		return ""
	}
	switch sub.Name {
	case "add":
		p, err := b.addPin(ctx, pins.Pin{Guild: i.GuildID, Questions: []string{opt(optQ)}, Answer: opt(optAnswer),
			PinnedBy: userID(i)})
		if err != nil {
			return pinError(lang, err)
		}
		return private(i18n.T(lang, i18n.PinAdded, p.ID, plainText(p.Questions[0], 150))), nil, nil
	case "list":
		return b.pinList(ctx, lang, i.GuildID), nil, nil
	case "edit":
		p, err := b.store.Get(ctx, i.GuildID, strings.TrimSpace(opt(optID)))
		if err != nil {
			return pinError(lang, err)
		}
		return pinModal(lang, modalPinEdit+p.ID, i18n.T(lang, i18n.ModalEdit, p.ID), strings.Join(p.Questions, "\n"), p.Answer), nil, nil
	case "remove":
		p, err := b.store.Remove(ctx, i.GuildID, strings.TrimSpace(opt(optID)))
		if err != nil {
			return pinError(lang, err)
		}
		return private(i18n.T(lang, i18n.PinRemoved, p.ID, plainText(p.Questions[0], 150))), nil, nil
	}
	return errorResponse(i18n.T(lang, i18n.PinUsage)), nil, nil
}

// pinError is the moderator's reply, in lang, to a pin the store refused.
// A validation reason comes from the pins package, in English: it names
// fields and limits, and is the same text import errors show.
func pinError(lang string, err error) (*discordgo.InteractionResponse, after, error) {
	var invalid *pins.InvalidError
	switch {
	case errors.Is(err, pins.ErrNotFound):
		return nil, nil, userError(i18n.T(lang, i18n.PinNotFound), nil)
	case errors.As(err, &invalid):
		return nil, nil, userError(i18n.T(lang, i18n.NotSavedInvalid, invalid.Reason), nil)
	}
	// The store failed (a database outage, a timeout): say so, never a
	// claimed success; the cause goes to the log.
	return nil, nil, userError(i18n.T(lang, i18n.NotSaved), err)
}

func private(msg string) *discordgo.InteractionResponse { return errorResponse(msg) }

func (b *Bot) pinList(ctx context.Context, lang, guildID string) *discordgo.InteractionResponse {
	ps, err := b.store.List(ctx, guildID)
	if err != nil {
		b.log.Error("list pins", "guild", guildID, "err", err)
		return errorResponse(i18n.T(lang, i18n.ListFailed))
	}
	if len(ps) == 0 {
		return private(i18n.T(lang, i18n.ListEmpty))
	}
	e := &discordgo.MessageEmbed{Title: i18n.T(lang, i18n.ListTitle, len(ps)), Color: 0xd69e2e}
	for _, p := range ps {
		if len(e.Fields) == 25 {
			e.Footer = &discordgo.MessageEmbedFooter{Text: i18n.T(lang, i18n.ListMore)}
			break
		}
		// The answer is markdown (a moderator's, or the bot's own from the
		// Pin answer button), shown as the pinned answer is: escaping it
		// again showed "\*\*Ordinance summary…\*\*" and "\\[1, 2\\]".
		v := truncateMarkdown(safeMarkdown(p.Answer), 300) + i18n.T(lang, i18n.ListUsed, p.Uses, i18n.ShortDate(lang, p.PinnedAt))
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: truncate(p.ID+" — "+plainText(strings.Join(p.Questions, " / "), 240), maxFieldName), Value: fitField(v)})
	}
	fitEmbed(e)
	return message([]*discordgo.MessageEmbed{e}, nil, true)
}

// pinModal asks, in lang, for the question(s) and, unless answer is
// noAnswerInput (pinning a message, whose text is the answer), the answer.
func pinModal(lang, customID, title, questions, answer string) *discordgo.InteractionResponse {
	rows := []discordgo.MessageComponent{
		discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
			CustomID: inputQuestions, Label: i18n.T(lang, i18n.ModalQuestions), Style: discordgo.TextInputParagraph,
			Value: truncate(questions, 1000), Required: true, MaxLength: 1000,
			Placeholder: i18n.T(lang, i18n.ModalPlaceholder)}}},
	}
	if answer != noAnswerInput {
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
			CustomID: inputAnswer, Label: i18n.T(lang, i18n.ModalAnswer), Style: discordgo.TextInputParagraph,
			Value: truncate(answer, pins.MaxAnswerLen), Required: true, MaxLength: pins.MaxAnswerLen}}})
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal, Data: &discordgo.InteractionResponseData{
		CustomID: customID, Title: truncate(title, 45), Components: rows}}
}

// noAnswerInput marks a pin modal that asks only for questions.
const noAnswerInput = "\x00"

// inputCites is the pin-as-answer form's list of cited passage ids.
const inputCites = "cites"

// maxCitesInput bounds that list: ten ids (pins.MaxCitations) of a few
// dozen characters each.
const maxCitesInput = 400

// pinDraft is what "Pin as answer" proposes: the question(s), the answer
// text and the passages it cites.
type pinDraft struct {
	questions string
	answer    string
	cites     []string
}

// pinAsAnswer is the "Pin as answer" message command: it opens the form
// asking which question(s) the message answers.
//
// The form carries everything its submit needs, so the submit may reach
// another replica, or this one after a restart: the answer and its
// citations as prefilled inputs (the moderator sees, and may correct, what
// will be pinned), the channel and message in the custom id. The submit
// does not carry the message, and the bot may not read message content
// otherwise (no MESSAGE_CONTENT intent).
func (b *Bot) pinAsAnswer(ctx context.Context, i *discordgo.Interaction, d discordgo.ApplicationCommandInteractionData) (*discordgo.InteractionResponse, after, error) {
	if r := b.guard(i); r != nil {
		return r, nil, nil
	}
	lang := localeLang(i)
	msg := targetMessage(d)
	if msg == nil {
		return errorResponse(i18n.T(lang, i18n.NoTextToPin)), nil, nil
	}
	draft := b.draftFromMessage(i, msg)
	if strings.TrimSpace(draft.answer) == "" {
		return errorResponse(i18n.T(lang, i18n.NoTextToPin)), nil, nil
	}
	m := pinModal(lang, modalPinMsg+i.ChannelID+":"+msg.ID, i18n.T(lang, i18n.ModalPinAs), draft.questions, draft.answer)
	if len(draft.cites) > 0 {
		m.Data.Components = append(m.Data.Components, discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
			CustomID: inputCites, Label: i18n.T(lang, i18n.ModalCites), Style: discordgo.TextInputShort,
			Value: truncateCites(draft.cites, maxCitesInput), Required: false, MaxLength: maxCitesInput}}})
	}
	return m, nil, nil
}

// draftFromMessage proposes a pin from the target message. The bot's own
// answer is an embed: its question and cited passages are recovered (as
// the Pin answer button pins them) from its buttons' custom ids, its
// title and the citation ids its fields end with. Any other message gives
// its text, and the text of its embeds when it has no content.
func (b *Bot) draftFromMessage(i *discordgo.Interaction, msg *discordgo.Message) pinDraft {
	var d pinDraft
	if ref := msg.ReferencedMessage; ref != nil && strings.TrimSpace(ref.Content) != "" {
		d.questions = ref.Content // the message answers the one it replies to
	}
	if b.isOwnMessage(i, msg) {
		if q, hits := b.recoverAnswer(msg); len(hits) > 0 {
			if q != "" {
				d.questions = q
			}
			pin := answer.PinFromResult(q, &index.Result{Answered: true, Hits: hits})
			d.answer, d.cites = pin.Answer, pin.Citations
			return d
		}
	}
	d.answer = msg.Content
	if strings.TrimSpace(d.answer) == "" {
		d.answer = embedsText(msg.Embeds)
	}
	d.answer = truncateMarkdown(d.answer, pins.MaxAnswerLen)
	return d
}

// isOwnMessage reports whether msg was posted by this application: as the
// bot user (replies to mentions, "Answer with sources", interaction
// responses) or through its interaction webhook, whose id is the
// application's. A bot user's id is its application's too.
func (b *Bot) isOwnMessage(i *discordgo.Interaction, msg *discordgo.Message) bool {
	app := i.AppID
	if app == "" {
		return false
	}
	return msg.WebhookID == app || (msg.Author != nil && msg.Author.ID == app)
}

var citationRE = regexp.MustCompile("`([a-z0-9][a-z0-9-]*)`")

// recoverAnswer reads the question and the cited passages back from one of
// the bot's answers: the passages are the values of its passages menu (an
// answer), or the ids in backticks its fields show (a pinned answer's
// citations, and answers posted before the menu), in order, kept when the
// corpus has them.
func (b *Bot) recoverAnswer(msg *discordgo.Message) (string, []index.Hit) {
	c := b.e.Corpus()
	var hits []index.Hit
	seen := map[string]bool{}
	add := func(id string) {
		p, ok := c.Passage(id)
		if !ok || seen[p.ID] || len(hits) == pins.MaxCitations {
			return
		}
		seen[p.ID] = true
		hits = append(hits, index.Hit{Rank: len(hits) + 1, Passage: p})
	}
	for _, row := range msg.Components {
		if r, ok := row.(*discordgo.ActionsRow); ok {
			for _, comp := range r.Components {
				if m, ok := comp.(*discordgo.SelectMenu); ok && strings.HasPrefix(m.CustomID, idPick) {
					for _, o := range m.Options {
						add(o.Value)
					}
				}
			}
		}
	}
	title := ""
	for _, e := range msg.Embeds {
		if e == nil {
			continue
		}
		if title == "" {
			title = questionFromTitle(e.Title)
		}
		for _, f := range e.Fields {
			if f == nil {
				continue
			}
			for _, m := range citationRE.FindAllStringSubmatch(f.Value, -1) {
				add(m[1])
			}
			// An answer's field is named "1. Article ¶6" (plus a language
			// mark): the label names the passage when no menu is left.
			if id := passageByLabel(c, f.Name); id != "" {
				add(id)
			}
		}
	}
	// The buttons carry the question as asked, unescaped and uncut by the
	// title's 200-character echo: prefer them.
	for _, row := range msg.Components {
		r, ok := row.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, comp := range r.Components {
			if btn, ok := comp.(*discordgo.Button); ok {
				if q, ok := strings.CutPrefix(btn.CustomID, idPinAnswer); ok && strings.TrimSpace(q) != "" {
					return q, hits
				}
			}
		}
	}
	return title, hits
}

var rankPrefix = regexp.MustCompile(`^\d+\.\s+`)

// passageByLabel finds the passage an answer's field name labels: "N. "
// and a trailing "(in Spanish)"-style mark taken off, labels are unique.
func passageByLabel(c *corpus.Corpus, name string) string {
	label := rankPrefix.ReplaceAllString(strings.TrimSpace(name), "")
	if label == name {
		return "" // not an answer's field
	}
	for _, p := range c.Passages {
		if label == p.Label || strings.HasPrefix(label, p.Label+" (") {
			return p.ID
		}
	}
	return ""
}

// questionFromTitle undoes an answer title ("Q: …" in any reply language,
// its question markdown-escaped), or gives "" for another title.
func questionFromTitle(title string) string {
	for _, lang := range i18n.Langs {
		prefix, suffix, _ := strings.Cut(i18n.T(lang, i18n.AnswerTitle, "\x00"), "\x00")
		if q, ok := strings.CutPrefix(title, prefix); ok && strings.HasSuffix(q, suffix) {
			return unescapeMD(strings.TrimSuffix(q, suffix))
		}
	}
	return ""
}

var unescaper = strings.NewReplacer(`\\`, `\`, `\*`, `*`, `\_`, `_`, `\~`, `~`, "\\`", "`", `\|`, `|`, `\>`, `>`,
	`\[`, `[`, `\]`, `]`, `\#`, `#`, "@\u200b", "@", `\<`, `<`)

// unescapeMD is the inverse of escapeMD, for text read back from an embed.
func unescapeMD(s string) string { return unescaper.Replace(s) }

// embedsText is a message's embeds as pin text: title, description and
// each field as "**name**: value", for messages that have no content.
func embedsText(embeds []*discordgo.MessageEmbed) string {
	var sb strings.Builder
	for _, e := range embeds {
		if e == nil {
			continue
		}
		for _, part := range []string{e.Title, e.Description} {
			if strings.TrimSpace(part) != "" {
				sb.WriteString(part + "\n")
			}
		}
		for _, f := range e.Fields {
			if f != nil && strings.TrimSpace(f.Name+f.Value) != "" {
				fmt.Fprintf(&sb, "**%s**: %s\n", f.Name, f.Value)
			}
		}
	}
	return strings.TrimSpace(sb.String())
}

// truncateCites joins ids with spaces, dropping whole ids beyond n.
func truncateCites(ids []string, n int) string {
	out := ""
	for _, id := range ids {
		next := strings.TrimSpace(out + " " + id)
		if len(next) > n {
			break
		}
		out = next
	}
	return out
}

func (b *Bot) modalSubmit(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, after, error) {
	if r := b.guard(i); r != nil {
		return r, nil, nil
	}
	id := i.ModalSubmitData().CustomID
	for _, c := range commandTable {
		for _, r := range c.modals {
			if rest, ok := strings.CutPrefix(id, r.prefix); ok {
				return r.run(b, ctx, i, rest)
			}
		}
	}
	return nil, nil, userError(i18n.T(localeLang(i), i18n.FormExpired), nil)
}

// submitted is a pin form's questions (one per line) and answer.
func submitted(i *discordgo.Interaction) (questions []string, answer string) {
	values := modalValues(i.ModalSubmitData().Components)
	return strings.Split(values[inputQuestions], "\n"), values[inputAnswer]
}

// pinMessageSubmit saves the message a moderator chose as the answer to
// the questions they typed, then pins it. The answer and citations come
// from the form (see pinAsAnswer), so any replica can take it.
func (b *Bot) pinMessageSubmit(ctx context.Context, i *discordgo.Interaction, rest string) (*discordgo.InteractionResponse, after, error) {
	values := modalValues(i.ModalSubmitData().Components)
	channelID, msgID, _ := strings.Cut(rest, ":")
	content, ok := values[inputAnswer]
	if !ok || channelID == "" || msgID == "" {
		// A form opened before the answer travelled in it.
		return nil, nil, userError(i18n.T(localeLang(i), i18n.PinTooSlow), nil)
	}
	p, err := b.addPin(ctx, pins.Pin{Guild: i.GuildID, Questions: strings.Split(values[inputQuestions], "\n"),
		Answer: content, Citations: strings.Fields(values[inputCites]),
		PinnedBy: userID(i), MessageURL: messageURL(i.GuildID, channelID, msgID)})
	if err != nil {
		return pinError(localeLang(i), err)
	}
	return b.savedAndPin(ctx, i, p, channelID, msgID)
}

func (b *Bot) pinEditSubmit(ctx context.Context, i *discordgo.Interaction, id string) (*discordgo.InteractionResponse, after, error) {
	questions, answer := submitted(i)
	p, err := b.store.Update(ctx, i.GuildID, id, func(p *pins.Pin) error {
		p.Questions, p.Answer = questions, answer
		p.EditedBy, p.EditedAt = userID(i), time.Now().UTC()
		return nil
	})
	if err != nil {
		return pinError(localeLang(i), err)
	}
	return private(i18n.T(localeLang(i), i18n.Saved, p.ID)), nil, nil
}

// pinNewSubmit pins an answer to a queued question and takes it off the
// queue.
func (b *Bot) pinNewSubmit(ctx context.Context, i *discordgo.Interaction, entry string) (*discordgo.InteractionResponse, after, error) {
	questions, answer := submitted(i)
	p, err := b.addPin(ctx, pins.Pin{Guild: i.GuildID, Questions: questions, Answer: answer, PinnedBy: userID(i)})
	if err != nil {
		return pinError(localeLang(i), err)
	}
	if entry != "" {
		if err := b.store.Dismiss(ctx, i.GuildID, entry); err != nil && !errors.Is(err, pins.ErrNotFound) {
			b.log.Error("dismiss answered queue entry", "err", err)
		}
	}
	return private(i18n.T(localeLang(i), i18n.PinnedOffQueue, p.ID)), nil, nil
}

func modalValues(rows []discordgo.MessageComponent) map[string]string {
	out := map[string]string{}
	for _, c := range rows {
		row, ok := c.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, in := range row.Components {
			if ti, ok := in.(*discordgo.TextInput); ok {
				out[ti.CustomID] = ti.Value
			}
		}
	}
	return out
}

func messageURL(guildID, channelID, msgID string) string {
	return fmt.Sprintf("https://discord.com/channels/%s/%s/%s", guildID, channelID, msgID)
}

// savedAndPin confirms a stored pin and pins the Discord message. Pinning
// is a REST call of unknown speed, so the response is deferred and edited
// once it is done: the pin is saved whatever Discord says, and the
// moderator is told what failed.
func (b *Bot) savedAndPin(ctx context.Context, i *discordgo.Interaction, p pins.Pin, channelID, msgID string) (*discordgo.InteractionResponse, after, error) {
	deferred := &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral},
	}
	lang := localeLang(i)
	return deferred, func(ctx context.Context, r Responder) {
		text := i18n.T(lang, i18n.SavedAsAsked, p.ID, plainText(p.Questions[0], 150))
		if err := r.Pin(ctx, channelID, msgID); err != nil {
			text += i18n.T(lang, i18n.PinFailed, pinFailure(lang, err))
			b.log.Warn("pin message", "channel", channelID, "err", err)
		} else {
			text += i18n.T(lang, i18n.PinnedInChannel)
		}
		if err := r.EditResponse(ctx, i, &discordgo.WebhookEdit{Content: &text, AllowedMentions: noMentions}); err != nil {
			b.log.Error("edit deferred response", "err", err)
		}
	}, nil
}

// pinFailure explains a failed Discord pin in words a moderator can act on.
func pinFailure(lang string, err error) string {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Message != nil {
		switch re.Message.Code {
		case 30003:
			return i18n.T(lang, i18n.PinFailFull)
		case 50013, 50001:
			return i18n.T(lang, i18n.PinFailPerm)
		}
		return i18n.T(lang, i18n.PinFailSaid, re.Message.Message)
	}
	return i18n.T(lang, i18n.PinFailSilent)
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

// feedback records a vote and thanks the voter in the language of the
// answer they voted on (its question's, the clicker's locale deciding
// unclear text).
func (b *Bot) feedback(ctx context.Context, i *discordgo.Interaction, question string, helpful bool) (*discordgo.InteractionResponse, after, error) {
	lang := questionLang(question, i)
	if b.store == nil || i.GuildID == "" {
		return errorResponse(i18n.T(lang, i18n.NoStore)), nil, nil
	}
	if err := b.ans.Feedback(ctx, i.GuildID, question, userID(i), helpful); err != nil {
		return nil, nil, userError(i18n.T(lang, i18n.VoteNotSaved), err)
	}
	if !helpful {
		return private(i18n.T(lang, i18n.VoteThanksDown)), nil, nil
	}
	return private(i18n.T(lang, i18n.VoteThanks)), nil, nil
}

// unanswered lists the top of the queue, each with Pin an answer and
// Dismiss buttons.
func (b *Bot) unanswered(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, after, error) {
	if r := b.guard(i); r != nil {
		return r, nil, nil
	}
	lang := localeLang(i)
	q, err := b.store.Queue(ctx, i.GuildID, queuePage)
	if err != nil {
		return nil, nil, fmt.Errorf("read queue: %w", err)
	}
	if len(q) == 0 {
		return private(i18n.T(lang, i18n.QueueEmpty)), nil, nil
	}
	e := &discordgo.MessageEmbed{Title: i18n.T(lang, i18n.QueueTitle), Color: colorNothing,
		Footer: &discordgo.MessageEmbedFooter{Text: i18n.T(lang, i18n.QueueFooter)}}
	var rows []discordgo.MessageComponent
	for n, en := range q {
		why := i18n.T(lang, i18n.QueueNoAnswer)
		if en.Reason == pins.ReasonNotHelpful {
			why = i18n.T(lang, i18n.QueueNotHelpful)
		}
		v := i18n.T(lang, i18n.QueueLine, en.Count, i18n.DayTime(lang, en.LastAsked), why)
		if len(en.Variants) > 0 {
			v += i18n.T(lang, i18n.QueueAlso, plainText(strings.Join(en.Variants, " / "), 300))
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: truncate(fmt.Sprintf("%d. %s", n+1, plainText(en.Question, 200)), maxFieldName), Value: fitField(v)})
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: i18n.T(lang, i18n.QueuePinBtn, n+1), Style: discordgo.PrimaryButton, CustomID: idQueuePin + en.ID},
			discordgo.Button{Label: i18n.T(lang, i18n.QueueDismissBtn, n+1), Style: discordgo.SecondaryButton, CustomID: idQueueDismiss + en.ID},
		}})
	}
	fitEmbed(e)
	return message([]*discordgo.MessageEmbed{e}, rows, true), nil, nil
}

func (b *Bot) queueButton(ctx context.Context, i *discordgo.Interaction, id string) (*discordgo.InteractionResponse, after, error) {
	if r := b.guard(i); r != nil {
		return r, nil, nil
	}
	lang := localeLang(i)
	if entry, ok := strings.CutPrefix(id, idQueueDismiss); ok {
		if err := b.store.Dismiss(ctx, i.GuildID, entry); err != nil && !errors.Is(err, pins.ErrNotFound) {
			return nil, nil, userError(i18n.T(lang, i18n.NotDismissed), err)
		}
		return private(i18n.T(lang, i18n.Dismissed)), nil, nil
	}
	entry := strings.TrimPrefix(id, idQueuePin)
	en, err := b.store.QueueEntry(ctx, i.GuildID, entry)
	if err != nil {
		return pinError(lang, err)
	}
	qs := append([]string{en.Question}, en.Variants...)
	return pinModal(lang, modalPinNew+entry, i18n.T(lang, i18n.ModalPinNew), strings.Join(qs, "\n"), ""), nil, nil
}

// addPin saves a pin and counts it.
func (b *Bot) addPin(ctx context.Context, p pins.Pin) (pins.Pin, error) {
	saved, err := b.store.Add(ctx, p)
	if err == nil {
		b.obs.Pinned()
	}
	return saved, err
}
