package bot

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/internal/i18n"
)

const cmdSource = "source"

// /source: one passage in full, by id or label.
var sourceCommand = command{
	def: func() *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{
			Name:                     cmdSource,
			Description:              i18n.T(i18n.En, i18n.DescSource),
			DescriptionLocalizations: localizedRef(i18n.DescSource),
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: optID, Description: i18n.T(i18n.En, i18n.DescSourceID),
					DescriptionLocalizations: localized(i18n.DescSourceID), Required: true, Autocomplete: true, MaxLength: 100},
			},
		}
	},
	run: func(b *Bot, ctx context.Context, i *discordgo.Interaction, d discordgo.ApplicationCommandInteractionData) (*discordgo.InteractionResponse, after, error) {
		id := ""
		if len(d.Options) > 0 {
			id = d.Options[0].StringValue()
		}
		return b.limitPublic(ctx, i, "source", "source:"+strings.ToLower(strings.TrimSpace(id)), b.sourceResponse(localeLang(i), id, false))
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
}

// sourceResponse shows one passage, labelled for a reader of lang.
func (b *Bot) sourceResponse(lang, id string, private bool) *discordgo.InteractionResponse {
	c := b.e.Corpus()
	p, ok := c.Passage(strings.TrimSpace(id))
	if !ok {
		for _, q := range c.Passages { // people may pick or type the label
			if strings.EqualFold(q.Label, strings.TrimSpace(id)) {
				p, ok = q, true
				break
			}
		}
	}
	if !ok {
		return errorResponse(i18n.T(lang, i18n.NoPassage, plainText(id, 60)))
	}
	return message([]*discordgo.MessageEmbed{passageEmbed(lang, c, p, 1)}, nil, private)
}
