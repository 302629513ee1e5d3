package bot

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/internal/i18n"
)

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
