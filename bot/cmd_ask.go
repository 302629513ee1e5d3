package bot

import (
	"context"
	"slices"
	"strings"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/answer"
	"ordinancebot/index"
	"ordinancebot/internal/i18n"
)

const (
	cmdAsk    = "ask"
	maxQInput = answer.MaxQuestion
)

// /ask: a question, autocompleted with pinned and ready-made questions.
// Its answer's buttons are every answer's (buttons_answer.go).
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
}

// answer is the /ask reply (and its further pages): a matching pinned
// answer first, then embeds of the top passages, plus buttons.
func (b *Bot) answer(ctx context.Context, i *discordgo.Interaction, question string, offset int, private bool) (*discordgo.InteractionResponse, after, error) {
	a, err := b.ans.Ask(ctx, answer.Request{Guild: i.GuildID, Channel: i.ChannelID, User: userID(i),
		Question: question, Offset: offset, Private: private, Locale: string(i.Locale), Via: "ask"})
	if resp, err := askRefusal(err, questionLang(question, i)); resp != nil || err != nil {
		return resp, nil, err
	}
	embeds, comps := b.renderAnswer(a)
	// A question with no words gets a reply about itself, for the asker
	// alone; it is never "the same answer" as someone else's blank question.
	empty := !a.Result.Answered && a.Result.Reason == index.ReasonEmpty
	private = private || empty
	// The same answer just posted in this channel goes to the asker alone.
	notice := ""
	if a.Duplicate && !empty {
		private = true
		notice = i18n.T(a.Lang, i18n.Duplicate)
	}
	resp := message(embeds, comps, private)
	resp.Data.Content = notice
	return resp, func(ctx context.Context, _ Responder) { b.ans.Delivered(ctx, a) }, nil
}
