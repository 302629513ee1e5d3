package bot

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// /source, and the "Show source" button.
var sourceCommand = command{
	def: func() *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{
			Name:        cmdSource,
			Description: "Show one cited passage in full, with its source",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: optID, Description: "Citation id or label, e.g. article-6",
					Required: true, Autocomplete: true, MaxLength: 100},
			},
		}
	},
	run: func(b *Bot, ctx context.Context, i *discordgo.Interaction, d discordgo.ApplicationCommandInteractionData) (*discordgo.InteractionResponse, after, error) {
		id := ""
		if len(d.Options) > 0 {
			id = d.Options[0].StringValue()
		}
		return b.limitPublic(ctx, i, "source", "source:"+strings.ToLower(strings.TrimSpace(id)), b.sourceResponse(id, false))
	},
	complete: func(b *Bot, _ context.Context, _ *discordgo.Interaction, typed string) []*discordgo.ApplicationCommandOptionChoice {
		var choices []*discordgo.ApplicationCommandOptionChoice
		t := strings.ToLower(strings.TrimSpace(typed))
		for _, p := range b.e.Corpus().Passages {
			if len(choices) == maxChoices {
				break
			}
			name := truncate(p.Label+" — "+p.Text, maxChoiceLen)
			if t == "" || strings.Contains(strings.ToLower(p.ID), t) || strings.Contains(strings.ToLower(name), t) {
				choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: p.ID})
			}
		}
		return choices
	},
	components: []route{
		{idShow, func(b *Bot, _ context.Context, _ *discordgo.Interaction, rest string) (*discordgo.InteractionResponse, after, error) {
			return b.sourceResponse(rest, true), nil, nil
		}},
	},
}
