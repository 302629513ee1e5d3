package bot

import (
	"context"

	"github.com/bwmarrin/discordgo"
)

var helpCommand = command{
	def: func() *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{Name: cmdHelp, Description: "How to use ordinancebot"}
	},
	run: func(*Bot, context.Context, *discordgo.Interaction, discordgo.ApplicationCommandInteractionData) (*discordgo.InteractionResponse, after, error) {
		return message(helpEmbed(), nil, true), nil, nil
	},
}

func helpEmbed() []*discordgo.MessageEmbed {
	return []*discordgo.MessageEmbed{{
		Title: "How to use ordinancebot",
		Description: "I answer questions about Los Angeles Ordinance No. 188441 (the sanctuary city ordinance) " +
			"with quotes from my sources, each cited.\n\n" +
			"**/ask** `question` — ask in your own words; add `private` to see the answer alone.\n" +
			"**/source** `id` — one passage in full, e.g. `article-6`.\n" +
			"**/about** — the documents I answer from.\n" +
			"**Mention me** — \"@ordinancebot will the city help ICE?\" — or DM me.\n" +
			"**Apps → Answer with sources** on any message — I reply to it with cited passages.\n" +
			"**Helpful / Not helpful** under an answer tells the moderators how it went.\n\n" +
			"Moderators: **Pin answer** under an answer, **Apps → Pin as answer** on any message, or **/pin** " +
			"make an answer come first for that question here; **/unanswered** lists what I could not answer.\n\n" +
			"If my sources don't cover a question, I say so instead of guessing.",
		Color: colorAnswer,
	}}
}
