package bot

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/internal/i18n"
)

// /source, and the "Show source" button.
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
	components: []route{
		{idShow, func(b *Bot, _ context.Context, _ *discordgo.Interaction, rest string) (*discordgo.InteractionResponse, after, error) {
			// In the answer's language, whoever clicks: a button without
			// one is an English answer's (see showID).
			lang, id := parseShow(rest)
			return b.sourceResponse(i18n.Norm(lang), id, true), nil, nil
		}},
		{idPick, func(b *Bot, _ context.Context, i *discordgo.Interaction, lang string) (*discordgo.InteractionResponse, after, error) {
			// The passage the reader chose in the answer's menu, in the
			// answer's language whoever chooses.
			d, ok := i.Data.(discordgo.MessageComponentInteractionData)
			if !ok || len(d.Values) != 1 {
				return nil, nil, errExpiredButton(localeLang(i))
			}
			return b.sourceResponse(i18n.Norm(lang), d.Values[0], true), nil, nil
		}},
	},
}
