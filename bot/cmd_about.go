package bot

import (
	"context"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/internal/i18n"
)

const cmdAbout = "about"

var aboutCommand = command{
	def: func() *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{Name: cmdAbout, Description: i18n.T(i18n.En, i18n.DescAbout),
			DescriptionLocalizations: localizedRef(i18n.DescAbout)}
	},
	run: func(b *Bot, ctx context.Context, i *discordgo.Interaction, _ discordgo.ApplicationCommandInteractionData) (*discordgo.InteractionResponse, after, error) {
		return b.limitPublic(ctx, i, "about", "about", message(b.aboutEmbed(localeLang(i)), nil, false))
	},
}

// aboutEmbed lists the documents for a reader of lang, each in another
// language marked so ("(en inglés)"): they are shown as written. The footer
// names the corpus version (a content hash), so after editing CORPUS_DIR
// anyone can see whether the bot answers from the new documents yet.
func (b *Bot) aboutEmbed(lang string) []*discordgo.MessageEmbed {
	c := b.e.Corpus()
	e := &discordgo.MessageEmbed{
		Title:       i18n.T(lang, i18n.AboutTitle),
		Description: i18n.T(lang, i18n.AboutDesc),
		Color:       colorAnswer,
		Footer:      &discordgo.MessageEmbedFooter{Text: i18n.T(lang, i18n.AboutFooter, i18n.LongDate(lang, c.AsOf()), c.Version())},
	}
	for _, d := range c.Docs {
		if len(e.Fields) == 24 {
			break
		}
		v := i18n.T(lang, i18n.AboutDoc, escapeMD(d.Publisher), i18n.LongDate(lang, d.Date), len(d.Passages), i18n.LongDate(lang, d.AsOf))
		if d.URL != "" {
			v += "\n" + d.URL
		}
		if len(d.Sources) > 0 {
			v += "\n" + i18n.T(lang, i18n.AboutCites, len(d.Sources))
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: truncate(d.Title+langMark(lang, d), maxFieldName), Value: fitField(v)})
	}
	fitEmbed(e)
	return []*discordgo.MessageEmbed{e}
}
