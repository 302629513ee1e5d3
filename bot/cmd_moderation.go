package bot

import (
	"context"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/internal/i18n"
)

// The moderators' commands; their handlers are in moderation.go.
var (
	pinCommand = command{
		def: pinCommandDef,
		run: func(b *Bot, ctx context.Context, i *discordgo.Interaction, d discordgo.ApplicationCommandInteractionData) (*discordgo.InteractionResponse, after, error) {
			return b.pinCommand(ctx, i, d)
		},
		complete: func(b *Bot, ctx context.Context, i *discordgo.Interaction, typed string) []*discordgo.ApplicationCommandOptionChoice {
			return b.pinChoices(ctx, i, typed)
		},
		modals: []route{{modalPinEdit, (*Bot).pinEditSubmit}},
	}
	pinAsAnswerCommand = command{
		def: func() *discordgo.ApplicationCommand {
			return &discordgo.ApplicationCommand{Name: cmdPinAs, Type: discordgo.MessageApplicationCommand, DefaultMemberPermissions: &modDefault, Contexts: guildOnly}
		},
		run: func(b *Bot, ctx context.Context, i *discordgo.Interaction, d discordgo.ApplicationCommandInteractionData) (*discordgo.InteractionResponse, after, error) {
			return b.pinAsAnswer(ctx, i, d)
		},
		modals: []route{{modalPinMsg, (*Bot).pinMessageSubmit}},
	}
	unansweredCommand = command{
		def: func() *discordgo.ApplicationCommand {
			return &discordgo.ApplicationCommand{Name: cmdUnanswered, Description: i18n.T(i18n.En, i18n.DescUnanswered),
				DescriptionLocalizations: localizedRef(i18n.DescUnanswered), DefaultMemberPermissions: &modDefault, Contexts: guildOnly}
		},
		run: func(b *Bot, ctx context.Context, i *discordgo.Interaction, _ discordgo.ApplicationCommandInteractionData) (*discordgo.InteractionResponse, after, error) {
			return b.unanswered(ctx, i)
		},
		components: []route{
			{idQueuePin, func(b *Bot, ctx context.Context, i *discordgo.Interaction, rest string) (*discordgo.InteractionResponse, after, error) {
				return b.queueButton(ctx, i, idQueuePin+rest)
			}},
			{idQueueDismiss, func(b *Bot, ctx context.Context, i *discordgo.Interaction, rest string) (*discordgo.InteractionResponse, after, error) {
				return b.queueButton(ctx, i, idQueueDismiss+rest)
			}},
		},
		modals: []route{{modalPinNew, (*Bot).pinNewSubmit}},
	}
)
