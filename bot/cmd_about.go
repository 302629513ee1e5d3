package bot

import (
	"context"
	"fmt"

	"github.com/bwmarrin/discordgo"
)

var aboutCommand = command{
	def: func() *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{Name: cmdAbout, Description: "What the bot knows: documents, publishers, dates and links"}
	},
	run: func(b *Bot, ctx context.Context, i *discordgo.Interaction, _ discordgo.ApplicationCommandInteractionData) (*discordgo.InteractionResponse, after, error) {
		return b.limitPublic(ctx, i, "about", "about", message(b.aboutEmbed(), nil, false))
	},
}

func (b *Bot) aboutEmbed() []*discordgo.MessageEmbed {
	c := b.e.Corpus()
	e := &discordgo.MessageEmbed{
		Title: "What ordinancebot knows",
		Description: "I answer only from these documents, quoting the passages and citing them. " +
			"I am not a lawyer and this is not legal advice.",
		Color:  colorAnswer,
		Footer: &discordgo.MessageEmbedFooter{Text: "Corpus as of " + c.AsOf()},
	}
	for _, d := range c.Docs {
		if len(e.Fields) == 24 {
			break
		}
		v := fmt.Sprintf("%s · %s · %d passages · as of %s", escapeMD(d.Publisher), d.Date, len(d.Passages), d.AsOf)
		if d.URL != "" {
			v += "\n" + d.URL
		}
		if len(d.Sources) > 0 {
			v += fmt.Sprintf("\nCites %d numbered sources; /source shows them per passage.", len(d.Sources))
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: truncate(d.Title, maxFieldName), Value: fitField(v)})
	}
	fitEmbed(e)
	return []*discordgo.MessageEmbed{e}
}
