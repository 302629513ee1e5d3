package bot

import (
	"context"
	"strings"

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

// answerComponentTable is the buttons and menus under every answer. No one
// command owns them: an answer to /ask, to a mention, to a DM or from
// "Answer with sources" carries the same ones.
var answerComponentTable = [][]route{answerButtons, feedbackButtons}

// Option names: public, people type them.
const (
	optQ       = "question"
	optPrivate = "private"
	optID      = "id"
	optAnswer  = "answer"
)

func findCommand(name string) *command {
	for k := range commandTable {
		if commandTable[k].def().Name == name {
			return &commandTable[k]
		}
	}
	return nil
}

// Commands is what the bot registers, in one bulk overwrite, in the
// table's order.
func Commands() []*discordgo.ApplicationCommand {
	out := make([]*discordgo.ApplicationCommand, 0, len(commandTable))
	for _, c := range commandTable {
		out = append(out, c.def())
	}
	return out
}

// componentRoutes are the routes of every button and menu: the commands'
// own, then those under every answer. No prefix starts another (a test
// holds this), so their order does not matter.
func componentRoutes() []route {
	var out []route
	for _, c := range commandTable {
		out = append(out, c.components...)
	}
	for _, rs := range answerComponentTable {
		out = append(out, rs...)
	}
	return out
}

// modalRoutes are the routes of every form submission.
func modalRoutes() []route {
	var out []route
	for _, c := range commandTable {
		out = append(out, c.modals...)
	}
	return out
}

// findRoute is the route whose prefix starts id, and the rest of id.
func findRoute(routes []route, id string) (*route, string) {
	for k := range routes {
		if rest, ok := strings.CutPrefix(id, routes[k].prefix); ok {
			return &routes[k], rest
		}
	}
	return nil, ""
}
