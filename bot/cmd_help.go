package bot

import (
	"context"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/internal/i18n"
)

const cmdHelp = "help"

var helpCommand = command{
	def: func() *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{Name: cmdHelp, Description: i18n.T(i18n.En, i18n.DescHelp),
			DescriptionLocalizations: localizedRef(i18n.DescHelp)}
	},
	run: func(_ *Bot, _ context.Context, i *discordgo.Interaction, _ discordgo.ApplicationCommandInteractionData) (*discordgo.InteractionResponse, after, error) {
		return message(helpEmbed(localeLang(i)), nil, true), nil, nil
	},
}

// helpEmbed is /help in lang: the member's locale, as /help asks nothing.
func helpEmbed(lang string) []*discordgo.MessageEmbed {
	return []*discordgo.MessageEmbed{{
		Title:       i18n.T(lang, i18n.HelpTitle),
		Description: i18n.T(lang, i18n.HelpBody),
		Color:       colorAnswer,
	}}
}
