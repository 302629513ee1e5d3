package bot

import (
	"context"

	"github.com/bwmarrin/discordgo"
)

// command is everything of one command: its definition, its handler, its
// autocomplete and the custom-id prefixes of the buttons and forms it
// puts on screen. A new command is a file declaring one, plus a row here.
type command struct {
	def        func() *discordgo.ApplicationCommand
	run        func(b *Bot, ctx context.Context, i *discordgo.Interaction, d discordgo.ApplicationCommandInteractionData) (*discordgo.InteractionResponse, after, error)
	complete   func(b *Bot, ctx context.Context, i *discordgo.Interaction, typed string) []*discordgo.ApplicationCommandOptionChoice
	components []route // buttons, by custom-id prefix
	modals     []route // form submissions, by custom-id prefix
}

// route handles custom ids starting with prefix; rest is what follows it.
type route struct {
	prefix string
	run    func(b *Bot, ctx context.Context, i *discordgo.Interaction, rest string) (*discordgo.InteractionResponse, after, error)
}

// commandTable is what the bot registers, in this order.
var commandTable = []command{
	askCommand,
	sourceCommand,
	aboutCommand,
	helpCommand,
	answerWithSourcesCommand,
	pinCommand,
	pinAsAnswerCommand,
	unansweredCommand,
}

func findCommand(name string) *command {
	for k := range commandTable {
		if commandTable[k].def().Name == name {
			return &commandTable[k]
		}
	}
	return nil
}
