package bot

import (
	"context"
	"errors"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/answer"
	"ordinancebot/internal/i18n"
)

// Replies every command builds on: a message, a private notice, and the
// refusals of the answer service's limits.

// message is a reply with embeds and components; private shows it to the
// invoker alone.
func message(embeds []*discordgo.MessageEmbed, comps []discordgo.MessageComponent, private bool) *discordgo.InteractionResponse {
	d := &discordgo.InteractionResponseData{Embeds: embeds, Components: comps, AllowedMentions: noMentions}
	if private {
		d.Flags = discordgo.MessageFlagsEphemeral
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: d}
}

// errorResponse is a text reply only the invoker sees.
func errorResponse(msg string) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: msg, Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions},
	}
}

// private is errorResponse for what is not an error: a confirmation.
func private(msg string) *discordgo.InteractionResponse { return errorResponse(msg) }

func errExpiredButton(lang string) error { return userError(i18n.T(lang, i18n.Expired), nil) }

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
