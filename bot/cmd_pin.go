package bot

import (
	"context"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/internal/i18n"
	"ordinancebot/pins"
)

const cmdPin = "pin"

// modalPinEdit is the form /pin edit opens: pine:<pin id>.
const modalPinEdit = "pine:"

// /pin add, list, edit and remove: the moderators' own answers. The id
// that edit and remove take autocompletes with the server's pins.
var pinCommand = command{
	def:      pinCommandDef,
	run:      (*Bot).pinCommand,
	complete: (*Bot).pinChoices,
	modals:   []route{{modalPinEdit, (*Bot).pinEditSubmit}},
}

func pinCommandDef() *discordgo.ApplicationCommand {
	idOpt := func(k i18n.Key) []*discordgo.ApplicationCommandOption {
		return []*discordgo.ApplicationCommandOption{{Type: discordgo.ApplicationCommandOptionString, Name: optID,
			Description: i18n.T(i18n.En, k), DescriptionLocalizations: localized(k), Required: true, Autocomplete: true, MaxLength: 20}}
	}
	sub := func(name string, k i18n.Key, opts []*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionSubCommand, Name: name,
			Description: i18n.T(i18n.En, k), DescriptionLocalizations: localized(k), Options: opts}
	}
	return &discordgo.ApplicationCommand{
		Name:                     cmdPin,
		Description:              i18n.T(i18n.En, i18n.DescPin),
		DescriptionLocalizations: localizedRef(i18n.DescPin),
		DefaultMemberPermissions: &modDefault,
		Contexts:                 guildOnly,
		Options: []*discordgo.ApplicationCommandOption{
			sub("add", i18n.DescPinAdd, []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: optQ, Description: i18n.T(i18n.En, i18n.DescPinAddQ),
					DescriptionLocalizations: localized(i18n.DescPinAddQ), Required: true, MaxLength: pins.MaxQuestionLen},
				{Type: discordgo.ApplicationCommandOptionString, Name: optAnswer, Description: i18n.T(i18n.En, i18n.DescPinAddA),
					DescriptionLocalizations: localized(i18n.DescPinAddA), Required: true, MaxLength: pins.MaxAnswerLen},
			}),
			sub("list", i18n.DescPinList, nil),
			sub("edit", i18n.DescPinEdit, idOpt(i18n.DescPinEditID)),
			sub("remove", i18n.DescPinRemove, idOpt(i18n.DescPinRemID)),
		},
	}
}

// pinChoices offers the guild's pins for the id option of /pin.
func (b *Bot) pinChoices(ctx context.Context, i *discordgo.Interaction, typed string) []*discordgo.ApplicationCommandOptionChoice {
	if b.store == nil || i.GuildID == "" || !b.isModerator(i) {
		return nil
	}
	ps, err := b.store.List(ctx, i.GuildID)
	if err != nil {
		b.log.Error("list pins", "guild", i.GuildID, "err", err)
		return nil
	}
	t := strings.ToLower(strings.TrimSpace(typed))
	var out []*discordgo.ApplicationCommandOptionChoice
	for _, p := range ps {
		name := truncate(p.ID+" — "+p.Questions[0], maxChoiceLen)
		if t == "" || strings.Contains(strings.ToLower(name), t) {
			out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: p.ID})
		}
	}
	return out
}

func (b *Bot) pinCommand(ctx context.Context, i *discordgo.Interaction, d discordgo.ApplicationCommandInteractionData) (*discordgo.InteractionResponse, after, error) {
	if r := b.guard(i); r != nil {
		return r, nil, nil
	}
	lang := localeLang(i)
	if len(d.Options) == 0 {
		return errorResponse(i18n.T(lang, i18n.PinUsage)), nil, nil
	}
	sub := d.Options[0]
	opt := func(name string) string {
		for _, o := range sub.Options {
			if o.Name == name {
				return o.StringValue()
			}
		}
		return ""
	}
	switch sub.Name {
	case "add":
		p, err := b.addPin(ctx, pins.Pin{Guild: i.GuildID, Questions: []string{opt(optQ)}, Answer: opt(optAnswer),
			PinnedBy: userID(i)})
		if err != nil {
			return pinError(lang, err)
		}
		return private(i18n.T(lang, i18n.PinAdded, p.ID, plainText(p.Questions[0], 150))), nil, nil
	case "list":
		return b.pinList(ctx, lang, i.GuildID), nil, nil
	case "edit":
		p, err := b.store.Get(ctx, i.GuildID, strings.TrimSpace(opt(optID)))
		if err != nil {
			return pinError(lang, err)
		}
		return pinModal(lang, modalPinEdit+p.ID, i18n.T(lang, i18n.ModalEdit, p.ID), strings.Join(p.Questions, "\n"), p.Answer), nil, nil
	case "remove":
		p, err := b.store.Remove(ctx, i.GuildID, strings.TrimSpace(opt(optID)))
		if err != nil {
			return pinError(lang, err)
		}
		return private(i18n.T(lang, i18n.PinRemoved, p.ID, plainText(p.Questions[0], 150))), nil, nil
	}
	return errorResponse(i18n.T(lang, i18n.PinUsage)), nil, nil
}

func (b *Bot) pinList(ctx context.Context, lang, guildID string) *discordgo.InteractionResponse {
	ps, err := b.store.List(ctx, guildID)
	if err != nil {
		b.log.Error("list pins", "guild", guildID, "err", err)
		return errorResponse(i18n.T(lang, i18n.ListFailed))
	}
	if len(ps) == 0 {
		return private(i18n.T(lang, i18n.ListEmpty))
	}
	e := &discordgo.MessageEmbed{Title: i18n.T(lang, i18n.ListTitle, len(ps)), Color: 0xd69e2e}
	for _, p := range ps {
		if len(e.Fields) == 25 {
			e.Footer = &discordgo.MessageEmbedFooter{Text: i18n.T(lang, i18n.ListMore)}
			break
		}
		// The answer is markdown (a moderator's, or the bot's own from the
		// Pin answer button), shown as the pinned answer is: escaping it
		// again showed "\*\*Ordinance summary…\*\*" and "\\[1, 2\\]".
		v := truncateMarkdown(safeMarkdown(p.Answer), 300) + i18n.T(lang, i18n.ListUsed, p.Uses, i18n.ShortDate(lang, p.PinnedAt))
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: truncate(p.ID+" — "+plainText(strings.Join(p.Questions, " / "), 240), maxFieldName), Value: fitField(v)})
	}
	fitEmbed(e)
	return message([]*discordgo.MessageEmbed{e}, nil, true)
}

func (b *Bot) pinEditSubmit(ctx context.Context, i *discordgo.Interaction, id string) (*discordgo.InteractionResponse, after, error) {
	questions, answer := submitted(i)
	p, err := b.store.Update(ctx, i.GuildID, id, func(p *pins.Pin) error {
		p.Questions, p.Answer = questions, answer
		p.EditedBy, p.EditedAt = userID(i), time.Now().UTC()
		return nil
	})
	if err != nil {
		return pinError(localeLang(i), err)
	}
	return private(i18n.T(localeLang(i), i18n.Saved, p.ID)), nil, nil
}
