package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/internal/i18n"
	"ordinancebot/pins"
)

const cmdUnanswered = "unanswered"

// The buttons /unanswered puts on each entry, and the form Pin an answer
// opens.
const (
	idQueuePin     = "uqp:"  // uqp:<entry id>
	idQueueDismiss = "uqd:"  // uqd:<entry id>
	modalPinNew    = "pinn:" // pinn:<entry id, or empty>
	queuePage      = 5       // entries /unanswered shows, each with a row of buttons
)

// /unanswered: the server's queue of questions the bot could not answer
// or that members found unhelpful, for moderators to pin an answer to.
var unansweredCommand = command{
	def: func() *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{Name: cmdUnanswered, Description: i18n.T(i18n.En, i18n.DescUnanswered),
			DescriptionLocalizations: localizedRef(i18n.DescUnanswered), DefaultMemberPermissions: &modDefault, Contexts: guildOnly}
	},
	run: func(b *Bot, ctx context.Context, i *discordgo.Interaction, _ discordgo.ApplicationCommandInteractionData) (*discordgo.InteractionResponse, after, error) {
		return b.unanswered(ctx, i)
	},
	components: []route{
		{idQueuePin, func(b *Bot, ctx context.Context, i *discordgo.Interaction, rest string) (*discordgo.InteractionResponse, after, error) {
			return b.queueButton(ctx, i, idQueuePin+rest)
		}},
		{idQueueDismiss, func(b *Bot, ctx context.Context, i *discordgo.Interaction, rest string) (*discordgo.InteractionResponse, after, error) {
			return b.queueButton(ctx, i, idQueueDismiss+rest)
		}},
	},
	modals: []route{{modalPinNew, (*Bot).pinNewSubmit}},
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
