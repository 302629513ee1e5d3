package bot

import (
	"context"
	"errors"
	"fmt"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/internal/i18n"
	"ordinancebot/pins"
)

// What every way of pinning shares (/pin add, "Pin as answer", the Pin
// answer button, /unanswered): saving and counting, the moderator's reply
// to a refused pin, and pinning the Discord message too.

// addPin saves a pin and counts it.
func (b *Bot) addPin(ctx context.Context, p pins.Pin) (pins.Pin, error) {
	saved, err := b.store.Add(ctx, p)
	if err == nil {
		b.obs.Pinned()
	}
	return saved, err
}

// pinError is the moderator's reply, in lang, to a pin the store refused.
// A reason the pins package codes is worded in lang; any other (only
// imports give them) is its English text.
func pinError(lang string, err error) (*discordgo.InteractionResponse, after, error) {
	var invalid *pins.InvalidError
	switch {
	case errors.Is(err, pins.ErrNotFound):
		return nil, nil, userError(i18n.T(lang, i18n.PinNotFound), nil)
	case errors.As(err, &invalid):
		reason := invalid.Reason
		if k, ok := invalidReasons[invalid.Code]; ok {
			reason = i18n.T(lang, k, invalid.Args...)
		}
		return nil, nil, userError(i18n.T(lang, i18n.NotSavedInvalid, reason), nil)
	}
	// The store failed (a database outage, a timeout): say so, never a
	// claimed success; the cause goes to the log.
	return nil, nil, userError(i18n.T(lang, i18n.NotSaved), err)
}

// invalidReasons words the pins package's coded reasons.
var invalidReasons = map[string]i18n.Key{
	pins.InvalidQuestionTooLong:  i18n.InvalidQuestionTooLong,
	pins.InvalidNoQuestion:       i18n.InvalidNoQuestion,
	pins.InvalidTooManyQuestions: i18n.InvalidTooManyQuestions,
	pins.InvalidEmptyAnswer:      i18n.InvalidEmptyAnswer,
	pins.InvalidAnswerTooLong:    i18n.InvalidAnswerTooLong,
	pins.InvalidTooManyPins:      i18n.InvalidTooManyPins,
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
