package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/answer"
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
	idOpt := func(desc string) []*discordgo.ApplicationCommandOption {
		return []*discordgo.ApplicationCommandOption{{Type: discordgo.ApplicationCommandOptionString, Name: optID,
			Description: desc, Required: true, Autocomplete: true, MaxLength: 20}}
	}
	return &discordgo.ApplicationCommand{
		Name:                     cmdPin,
		Description:              "Curate this server's pinned answers (moderators)",
		DefaultMemberPermissions: &modDefault,
		Contexts:                 guildOnly,
		Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "add", Description: "Pin an answer to a question",
				Options: []*discordgo.ApplicationCommandOption{
					{Type: discordgo.ApplicationCommandOptionString, Name: optQ, Description: "The question it answers",
						Required: true, MaxLength: pins.MaxQuestionLen},
					{Type: discordgo.ApplicationCommandOptionString, Name: optAnswer, Description: "The answer (Discord markdown)",
						Required: true, MaxLength: pins.MaxAnswerLen},
				}},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "list", Description: "List this server's pinned answers"},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "edit", Description: "Edit a pinned answer",
				Options: idOpt("The pin to edit, e.g. p3")},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "remove", Description: "Remove a pinned answer",
				Options: idOpt("The pin to remove, e.g. p3")},
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

var (
	errNotModerator = errorResponse("Only moderators can do that: members with Manage Messages or Pin Messages in this channel, or a moderator role.")
	errNoStore      = errorResponse("Pinned answers are not enabled on this bot.")
)

// guard returns the refusal for a moderator action, or nil to go ahead.
func (b *Bot) guard(i *discordgo.Interaction) *discordgo.InteractionResponse {
	switch {
	case b.store == nil:
		return errNoStore
	case i.GuildID == "":
		return errorResponse("Pinned answers belong to a server; use this in a server channel.")
	case !b.isModerator(i):
		return errNotModerator
	}
	return nil
}

// withPin puts the pinned answer first, keeping all embeds within
// Discord's 6000-character total.
func withPin(p *pins.Pin, embeds []*discordgo.MessageEmbed) []*discordgo.MessageEmbed {
	if p == nil {
		return embeds
	}
	pe := pinEmbed(p)
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

func pinEmbed(p *pins.Pin) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{
		Title:       truncate("📌 Pinned by this server's moderators: "+plainText(p.Questions[0], 200), maxEmbedTitle),
		Description: truncateMarkdown(safeMarkdown(p.Answer), 3000),
		Color:       0xd69e2e,
		Footer:      &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Pin %s · pinned %s", p.ID, p.PinnedAt.Format("Jan 2, 2006"))},
	}
	if p.MessageURL != "" {
		e.URL = p.MessageURL
	}
	if len(p.Citations) > 0 {
		e.Fields = []*discordgo.MessageEmbedField{{Name: "Cites", Value: fitField("`" + strings.Join(p.Citations, "` `") + "`")}}
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
	if len(d.Options) == 0 {
		return errorResponse("Use /pin add, /pin list, /pin edit or /pin remove."), nil, nil
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
			return pinError(err)
		}
		return private(fmt.Sprintf("Pinned %s. People who ask \"%s\" will see it first.", p.ID, plainText(p.Questions[0], 150))), nil, nil
	case "list":
		return b.pinList(ctx, i.GuildID), nil, nil
	case "edit":
		p, err := b.store.Get(ctx, i.GuildID, strings.TrimSpace(opt(optID)))
		if err != nil {
			return pinError(err)
		}
		return pinModal(modalPinEdit+p.ID, "Edit pinned answer "+p.ID, strings.Join(p.Questions, "\n"), p.Answer), nil, nil
	case "remove":
		p, err := b.store.Remove(ctx, i.GuildID, strings.TrimSpace(opt(optID)))
		if err != nil {
			return pinError(err)
		}
		msg := fmt.Sprintf("Removed %s (\"%s\").", p.ID, plainText(p.Questions[0], 150))
		return private(msg), nil, nil
	}
	return errorResponse("Use /pin add, /pin list, /pin edit or /pin remove."), nil, nil
}

func pinError(err error) (*discordgo.InteractionResponse, after, error) {
	var invalid *pins.InvalidError
	switch {
	case errors.Is(err, pins.ErrNotFound):
		return nil, nil, userError("No pinned answer with that id here; /pin list shows them.", nil)
	case errors.As(err, &invalid):
		return nil, nil, userError("Not saved: "+invalid.Reason+".", nil)
	}
	// The store failed (a database outage, a timeout): say so, never a
	// claimed success; the cause goes to the log.
	return nil, nil, userError(errNotSaved, err)
}

// errNotSaved is the moderator's reply when the store could not write.
const errNotSaved = "Not saved: the database did not answer. Please try again."

func private(msg string) *discordgo.InteractionResponse { return errorResponse(msg) }

func (b *Bot) pinList(ctx context.Context, guildID string) *discordgo.InteractionResponse {
	ps, err := b.store.List(ctx, guildID)
	if err != nil {
		b.log.Error("list pins", "guild", guildID, "err", err)
		return errorResponse("Sorry, I could not read the pinned answers.")
	}
	if len(ps) == 0 {
		return private("No pinned answers yet. Use the Pin answer button on an answer, Apps → Pin as answer on a message, or /pin add.")
	}
	e := &discordgo.MessageEmbed{Title: fmt.Sprintf("Pinned answers (%d)", len(ps)), Color: 0xd69e2e}
	for _, p := range ps {
		if len(e.Fields) == 25 {
			e.Footer = &discordgo.MessageEmbedFooter{Text: "Showing the first 25; pins export has them all."}
			break
		}
		v := truncateMarkdown(escapeMD(p.Answer), 300) + fmt.Sprintf("\n-# used %d× · pinned %s", p.Uses, p.PinnedAt.Format("Jan 2, 2006"))
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: truncate(p.ID+" — "+plainText(strings.Join(p.Questions, " / "), 240), maxFieldName), Value: fitField(v)})
	}
	fitEmbed(e)
	return message([]*discordgo.MessageEmbed{e}, nil, true)
}

// pinModal asks for the question(s) and, unless answer is noAnswerInput
// (pinning a message, whose text is the answer), the answer.
func pinModal(customID, title, questions, answer string) *discordgo.InteractionResponse {
	rows := []discordgo.MessageComponent{
		discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
			CustomID: inputQuestions, Label: "Question(s) it answers, one per line", Style: discordgo.TextInputParagraph,
			Value: truncate(questions, 1000), Required: true, MaxLength: 1000,
			Placeholder: "e.g. can the police ask about my immigration status?"}}},
	}
	if answer != noAnswerInput {
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
			CustomID: inputAnswer, Label: "Answer (Discord markdown)", Style: discordgo.TextInputParagraph,
			Value: truncate(answer, pins.MaxAnswerLen), Required: true, MaxLength: pins.MaxAnswerLen}}})
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal, Data: &discordgo.InteractionResponseData{
		CustomID: customID, Title: truncate(title, 45), Components: rows}}
}

// noAnswerInput marks a pin modal that asks only for questions.
const noAnswerInput = "\x00"

// pendingPins remembers, for a few minutes, the text of messages a
// moderator chose to pin while the modal asking for the question is open:
// the modal submit does not carry it, and the bot may not read message
// content otherwise (no MESSAGE_CONTENT intent).
type pendingPins struct {
	mu sync.Mutex
	m  map[string]pendingPin
}

type pendingPin struct {
	content string
	at      time.Time
}

const pendingTTL = 15 * time.Minute

func newPendingPins() *pendingPins { return &pendingPins{m: map[string]pendingPin{}} }

func (p *pendingPins) put(key, content string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	for k, v := range p.m {
		if now.Sub(v.at) > pendingTTL {
			delete(p.m, k)
		}
	}
	p.m[key] = pendingPin{content, now}
}

func (p *pendingPins) take(key string) (string, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	v, ok := p.m[key]
	delete(p.m, key)
	if !ok || time.Since(v.at) > pendingTTL {
		return "", false
	}
	return v.content, true
}

// pinAsAnswer is the "Pin as answer" message command: it opens the modal
// asking which question(s) the message answers.
func (b *Bot) pinAsAnswer(ctx context.Context, i *discordgo.Interaction, d discordgo.ApplicationCommandInteractionData) (*discordgo.InteractionResponse, after, error) {
	if r := b.guard(i); r != nil {
		return r, nil, nil
	}
	msg := targetMessage(d)
	if msg == nil || strings.TrimSpace(msg.Content) == "" {
		return errorResponse("That message has no text to pin as an answer."), nil, nil
	}
	guess := ""
	if ref := msg.ReferencedMessage; ref != nil && strings.TrimSpace(ref.Content) != "" {
		guess = ref.Content // the message answers the one it replies to
	}
	b.pending.put(msg.ID, msg.Content)
	return pinModal(modalPinMsg+i.ChannelID+":"+msg.ID, "Pin as answer", guess, noAnswerInput), nil, nil
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
	return nil, nil, userError("That form has expired; please start again.", nil)
}

// submitted is a pin form's questions (one per line) and answer.
func submitted(i *discordgo.Interaction) (questions []string, answer string) {
	values := modalValues(i.ModalSubmitData().Components)
	return strings.Split(values[inputQuestions], "\n"), values[inputAnswer]
}

// pinMessageSubmit saves the message a moderator chose as the answer to
// the questions they typed, then pins it.
func (b *Bot) pinMessageSubmit(ctx context.Context, i *discordgo.Interaction, rest string) (*discordgo.InteractionResponse, after, error) {
	questions, _ := submitted(i)
	channelID, msgID, _ := strings.Cut(rest, ":")
	content, ok := b.pending.take(msgID)
	if !ok {
		return nil, nil, userError("That took too long (or I restarted); please use Pin as answer on the message again.", nil)
	}
	p, err := b.addPin(ctx, pins.Pin{Guild: i.GuildID, Questions: questions, Answer: truncate(content, pins.MaxAnswerLen),
		PinnedBy: userID(i), MessageURL: messageURL(i.GuildID, channelID, msgID)})
	if err != nil {
		return pinError(err)
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
		return pinError(err)
	}
	return private(fmt.Sprintf("Saved %s.", p.ID)), nil, nil
}

// pinNewSubmit pins an answer to a queued question and takes it off the
// queue.
func (b *Bot) pinNewSubmit(ctx context.Context, i *discordgo.Interaction, entry string) (*discordgo.InteractionResponse, after, error) {
	questions, answer := submitted(i)
	p, err := b.addPin(ctx, pins.Pin{Guild: i.GuildID, Questions: questions, Answer: answer, PinnedBy: userID(i)})
	if err != nil {
		return pinError(err)
	}
	if entry != "" {
		if err := b.store.Dismiss(ctx, i.GuildID, entry); err != nil && !errors.Is(err, pins.ErrNotFound) {
			b.log.Error("dismiss answered queue entry", "err", err)
		}
	}
	return private(fmt.Sprintf("Pinned %s; that question is off the unanswered list.", p.ID)), nil, nil
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
	return deferred, func(ctx context.Context, r Responder) {
		text := fmt.Sprintf("Saved as %s: people who ask \"%s\" will see this answer first.", p.ID, plainText(p.Questions[0], 150))
		if err := r.Pin(ctx, channelID, msgID); err != nil {
			text += "\nBut I could not pin the message in the channel: " + pinFailure(err) + " The answer is saved all the same."
			b.log.Warn("pin message", "channel", channelID, "err", err)
		} else {
			text += " The message is pinned in the channel."
		}
		if err := r.EditResponse(ctx, i, &discordgo.WebhookEdit{Content: &text, AllowedMentions: noMentions}); err != nil {
			b.log.Error("edit deferred response", "err", err)
		}
	}, nil
}

// pinFailure explains a failed Discord pin in words a moderator can act on.
func pinFailure(err error) string {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Message != nil {
		switch re.Message.Code {
		case 30003:
			return "this channel already has the maximum number of pins (250); unpin an old message and pin this one by hand."
		case 50013, 50001:
			return "I lack the Pin Messages permission in this channel; a server admin can grant it."
		}
		return fmt.Sprintf("Discord said %q.", re.Message.Message)
	}
	return "Discord did not answer."
}

// pinAnswerButton saves the bot's own answer to a question and pins it.
func (b *Bot) pinAnswerButton(ctx context.Context, i *discordgo.Interaction, question string) (*discordgo.InteractionResponse, after, error) {
	if r := b.guard(i); r != nil {
		return r, nil, nil
	}
	res, err := b.e.Search(question, pageSize, 0)
	if err != nil {
		return nil, nil, fmt.Errorf("search: %w", err)
	}
	if !res.Answered {
		return errorResponse("There is no answer to pin for that question."), nil, nil
	}
	msgID := ""
	if i.Message != nil {
		msgID = i.Message.ID
	}
	pin := answer.PinFromResult(question, res)
	pin.Guild, pin.PinnedBy, pin.MessageURL = i.GuildID, userID(i), messageURL(i.GuildID, i.ChannelID, msgID)
	p, err := b.addPin(ctx, pin)
	if err != nil {
		return pinError(err)
	}
	if msgID == "" {
		return private(fmt.Sprintf("Saved as %s.", p.ID)), nil, nil
	}
	return b.savedAndPin(ctx, i, p, i.ChannelID, msgID)
}

func (b *Bot) feedback(ctx context.Context, i *discordgo.Interaction, question string, helpful bool) (*discordgo.InteractionResponse, after, error) {
	if b.store == nil || i.GuildID == "" {
		return errNoStore, nil, nil
	}
	if err := b.ans.Feedback(ctx, i.GuildID, question, userID(i), helpful); err != nil {
		return nil, nil, userError("Your vote was not saved: the database did not answer. Please try again.", err)
	}
	if !helpful {
		return private("Thanks. I've noted that this answer didn't help; the moderators will see the question."), nil, nil
	}
	return private("Thanks for the feedback!"), nil, nil
}

// unanswered lists the top of the queue, each with Pin an answer and
// Dismiss buttons.
func (b *Bot) unanswered(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, after, error) {
	if r := b.guard(i); r != nil {
		return r, nil, nil
	}
	q, err := b.store.Queue(ctx, i.GuildID, queuePage)
	if err != nil {
		return nil, nil, fmt.Errorf("read queue: %w", err)
	}
	if len(q) == 0 {
		return private("Nothing in the queue: every question asked here was answered, and no answer was voted down."), nil, nil
	}
	e := &discordgo.MessageEmbed{Title: "Questions I could not answer", Color: colorNothing,
		Footer: &discordgo.MessageEmbedFooter{Text: "Most asked first. Pin an answer to teach me; Dismiss to drop it."}}
	var rows []discordgo.MessageComponent
	for n, en := range q {
		why := "no answer"
		if en.Reason == pins.ReasonNotHelpful {
			why = "answer voted not helpful"
		}
		v := fmt.Sprintf("asked %d× · last %s · %s", en.Count, en.LastAsked.Format("Jan 2 15:04"), why)
		if len(en.Variants) > 0 {
			v += "\nalso: " + plainText(strings.Join(en.Variants, " / "), 300)
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: truncate(fmt.Sprintf("%d. %s", n+1, plainText(en.Question, 200)), maxFieldName), Value: fitField(v)})
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: fmt.Sprintf("%d. Pin an answer", n+1), Style: discordgo.PrimaryButton, CustomID: idQueuePin + en.ID},
			discordgo.Button{Label: fmt.Sprintf("%d. Dismiss", n+1), Style: discordgo.SecondaryButton, CustomID: idQueueDismiss + en.ID},
		}})
	}
	fitEmbed(e)
	return message([]*discordgo.MessageEmbed{e}, rows, true), nil, nil
}

func (b *Bot) queueButton(ctx context.Context, i *discordgo.Interaction, id string) (*discordgo.InteractionResponse, after, error) {
	if r := b.guard(i); r != nil {
		return r, nil, nil
	}
	if entry, ok := strings.CutPrefix(id, idQueueDismiss); ok {
		if err := b.store.Dismiss(ctx, i.GuildID, entry); err != nil && !errors.Is(err, pins.ErrNotFound) {
			return nil, nil, userError("Not dismissed: the database did not answer. Please try again.", err)
		}
		return private("Dismissed."), nil, nil
	}
	entry := strings.TrimPrefix(id, idQueuePin)
	en, err := b.store.QueueEntry(ctx, i.GuildID, entry)
	if err != nil {
		return pinError(err)
	}
	qs := append([]string{en.Question}, en.Variants...)
	return pinModal(modalPinNew+entry, "Pin an answer", strings.Join(qs, "\n"), ""), nil, nil
}

// addPin saves a pin and counts it.
func (b *Bot) addPin(ctx context.Context, p pins.Pin) (pins.Pin, error) {
	saved, err := b.store.Add(ctx, p)
	if err == nil {
		b.obs.Pinned()
	}
	return saved, err
}
