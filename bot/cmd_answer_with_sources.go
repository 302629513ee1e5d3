package bot

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/answer"
	"ordinancebot/internal/i18n"
)

const cmdAnswer = "Answer with sources"

// Apps → "Answer with sources" on any message.
var answerWithSourcesCommand = command{
	def: func() *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{Name: cmdAnswer, Type: discordgo.MessageApplicationCommand}
	},
	run: func(b *Bot, ctx context.Context, i *discordgo.Interaction, d discordgo.ApplicationCommandInteractionData) (*discordgo.InteractionResponse, after, error) {
		msg := targetMessage(d)
		if msg == nil || strings.TrimSpace(msg.Content) == "" {
			// No question to tell the language from: the invoker's locale.
			return nil, nil, userError(i18n.T(localeLang(i), i18n.NoText), nil)
		}
		return b.answerAsReply(ctx, i, msg)
	},
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
