package bot

import (
	"context"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/internal/i18n"
)

// Dispatch: an interaction reaches its command, its button's route or its
// form's route through the table (table.go); nothing here knows a command.

// handle answers an interaction. A non-nil after runs once the response
// has been sent: work that may be slow goes there, behind a deferral.
func (b *Bot) handle(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, after, error) {
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		return b.command(ctx, i)
	case discordgo.InteractionApplicationCommandAutocomplete:
		return b.autocomplete(ctx, i), nil, nil
	case discordgo.InteractionMessageComponent:
		return b.component(ctx, i)
	case discordgo.InteractionModalSubmit:
		return b.modalSubmit(ctx, i)
	}
	return nil, nil, nil
}

func (b *Bot) command(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, after, error) {
	d, ok := i.Data.(discordgo.ApplicationCommandInteractionData) // malformed: no data
	if c := findCommand(d.Name); ok && c != nil {
		return c.run(b, ctx, i, d)
	}
	return errorResponse(i18n.T(localeLang(i), i18n.UnknownCommand)), nil, nil
}

func (b *Bot) component(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, after, error) {
	d, _ := i.Data.(discordgo.MessageComponentInteractionData) // malformed: no data, so no custom_id
	if r, rest := findRoute(componentRoutes(), d.CustomID); r != nil {
		return r.run(b, ctx, i, rest)
	}
	return nil, nil, errExpiredButton(localeLang(i))
}

// modalSubmit routes a form. Every form the bot opens is a moderator's
// (a pin's questions and answer), so the moderator check is made once
// here, before any route, for forms old and new alike.
func (b *Bot) modalSubmit(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, after, error) {
	if r := b.guard(i); r != nil {
		return r, nil, nil
	}
	if r, rest := findRoute(modalRoutes(), i.ModalSubmitData().CustomID); r != nil {
		return r.run(b, ctx, i, rest)
	}
	return nil, nil, userError(i18n.T(localeLang(i), i18n.FormExpired), nil)
}

func (b *Bot) autocomplete(ctx context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
	var choices []*discordgo.ApplicationCommandOptionChoice
	// A malformed interaction (no data, or another kind) gets no choices:
	// ApplicationCommandData would panic on it.
	if d, ok := i.Data.(discordgo.ApplicationCommandInteractionData); ok {
		if c := findCommand(d.Name); c != nil && c.complete != nil {
			choices = c.complete(b, ctx, i, focused(d.Options))
		}
	}
	if len(choices) > maxChoices {
		choices = choices[:maxChoices]
	}
	if choices == nil {
		choices = []*discordgo.ApplicationCommandOptionChoice{}
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	}
}

// focused is the value of the option being typed, for autocomplete; it
// looks inside subcommands too.
func focused(opts []*discordgo.ApplicationCommandInteractionDataOption) string {
	for _, o := range opts {
		if o.Focused {
			s, _ := o.Value.(string)
			return s
		}
		if s := focused(o.Options); s != "" {
			return s
		}
	}
	return ""
}

func targetMessage(d discordgo.ApplicationCommandInteractionData) *discordgo.Message {
	if d.Resolved == nil {
		return nil
	}
	return d.Resolved.Messages[d.TargetID]
}

func userID(i *discordgo.Interaction) string {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User.ID
	}
	if i.User != nil {
		return i.User.ID
	}
	return ""
}
