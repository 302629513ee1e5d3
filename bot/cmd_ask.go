package bot

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/internal/i18n"
)

// /ask, and the buttons under every answer: more results, feedback, pin.
var askCommand = command{
	def: func() *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{
			Name:                     cmdAsk,
			Description:              i18n.T(i18n.En, i18n.DescAsk),
			DescriptionLocalizations: localizedRef(i18n.DescAsk),
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: optQ, Description: i18n.T(i18n.En, i18n.DescQuestion),
					DescriptionLocalizations: localized(i18n.DescQuestion), Required: true, Autocomplete: true, MaxLength: maxQInput},
				{Type: discordgo.ApplicationCommandOptionBoolean, Name: optPrivate, Description: i18n.T(i18n.En, i18n.DescPrivate),
					DescriptionLocalizations: localized(i18n.DescPrivate)},
			},
		}
	},
	run: func(b *Bot, ctx context.Context, i *discordgo.Interaction, d discordgo.ApplicationCommandInteractionData) (*discordgo.InteractionResponse, after, error) {
		q, private := "", false
		for _, o := range d.Options {
			switch o.Name {
			case optQ:
				q = o.StringValue()
			case optPrivate:
				private = o.BoolValue()
			}
		}
		return b.answer(ctx, i, q, 0, private)
	},
	complete: func(b *Bot, ctx context.Context, i *discordgo.Interaction, typed string) []*discordgo.ApplicationCommandOptionChoice {
		var choices []*discordgo.ApplicationCommandOptionChoice
		// Questions this server's moderators pinned come first.
		for _, q := range b.ans.PinnedQuestions(ctx, i.GuildID, typed) {
			choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: truncate(q, maxChoiceLen), Value: truncate(q, maxChoiceLen)})
		}
		// Spanish suggestions to a Spanish typer, or to a Spanish locale
		// while what is typed cannot tell yet.
		for _, s := range b.e.SuggestLang(typed, string(i.Locale), maxChoices-len(choices)) {
			choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: truncate(s, maxChoiceLen), Value: truncate(s, maxChoiceLen)})
		}
		// What the user typed stays a choice, so picking it asks exactly
		// that, but last: a fragment ("sanctu") first would be the choice
		// Enter takes, and it answers nothing. A suggestion it equals is
		// not repeated.
		if t := strings.TrimSpace(typed); t != "" {
			t = truncate(t, maxChoiceLen)
			if !slices.ContainsFunc(choices, func(c *discordgo.ApplicationCommandOptionChoice) bool { return strings.EqualFold(c.Name, t) }) {
				if len(choices) == maxChoices {
					choices = choices[:maxChoices-1]
				}
				choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: t, Value: t})
			}
		}
		return choices
	},
	components: []route{
		{idMore, func(b *Bot, ctx context.Context, i *discordgo.Interaction, rest string) (*discordgo.InteractionResponse, after, error) {
			off, q, ok := strings.Cut(rest, ":")
			n, err := strconv.Atoi(off)
			if !ok || err != nil || n < 0 || n > pageSize*maxPages {
				return nil, nil, errExpiredButton(localeLang(i))
			}
			return b.answer(ctx, i, q, n, true)
		}},
		{idHelpful, func(b *Bot, ctx context.Context, i *discordgo.Interaction, rest string) (*discordgo.InteractionResponse, after, error) {
			return b.feedback(ctx, i, rest, true)
		}},
		{idNotHelpful, func(b *Bot, ctx context.Context, i *discordgo.Interaction, rest string) (*discordgo.InteractionResponse, after, error) {
			return b.feedback(ctx, i, rest, false)
		}},
		{idPinAnswer, func(b *Bot, ctx context.Context, i *discordgo.Interaction, rest string) (*discordgo.InteractionResponse, after, error) {
			return b.pinAnswerButton(ctx, i, rest)
		}},
	},
}
