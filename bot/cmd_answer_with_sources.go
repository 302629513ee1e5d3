package bot

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// Apps → "Answer with sources" on any message.
var answerWithSourcesCommand = command{
	def: func() *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{Name: cmdAnswer, Type: discordgo.MessageApplicationCommand}
	},
	run: func(b *Bot, ctx context.Context, i *discordgo.Interaction, d discordgo.ApplicationCommandInteractionData) (*discordgo.InteractionResponse, after, error) {
		msg := targetMessage(d)
		if msg == nil || strings.TrimSpace(msg.Content) == "" {
			return nil, nil, userError("That message has no text I can read, so there is nothing to answer.", nil)
		}
		return b.answerAsReply(ctx, i, msg)
	},
}
