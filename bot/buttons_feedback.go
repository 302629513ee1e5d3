package bot

import (
	"context"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/internal/i18n"
)

// Helpful and Not helpful, under an answer in a server. The question
// travels in the custom id, so a vote works after a restart and on any
// replica.
const (
	idHelpful    = "fb+:" // fb+:<question>
	idNotHelpful = "fb-:" // fb-:<question>
)

var feedbackButtons = []route{
	{idHelpful, func(b *Bot, ctx context.Context, i *discordgo.Interaction, rest string) (*discordgo.InteractionResponse, after, error) {
		return b.feedback(ctx, i, rest, true)
	}},
	{idNotHelpful, func(b *Bot, ctx context.Context, i *discordgo.Interaction, rest string) (*discordgo.InteractionResponse, after, error) {
		return b.feedback(ctx, i, rest, false)
	}},
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
