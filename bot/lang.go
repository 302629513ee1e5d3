package bot

import (
	"github.com/bwmarrin/discordgo"

	"ordinancebot/answer"
	"ordinancebot/internal/i18n"
)

// Which language a reply is in. A reply to a question is in the question's
// language, detected from its text: an English question from a member
// whose Discord is in Spanish is answered in English, since that is what
// they chose to write. The member's locale only decides text too short or
// mixed to tell, and every reply that answers no question (/help, /about,
// /source, moderators' replies): the locale is the best thing known about
// the reader there. Mentions and DMs carry no locale: text alone.

// localeLang is the language of a reply to no question: the member's
// Discord locale, English for any locale the catalogue lacks.
func localeLang(i *discordgo.Interaction) string { return i18n.FromLocale(string(i.Locale)) }

// questionLang is the language to answer question in when it was not (or
// not yet) searched: a cooldown, an error.
func questionLang(question string, i *discordgo.Interaction) string {
	locale := ""
	if i != nil {
		locale = string(i.Locale)
	}
	return i18n.Norm(answer.Lang(question, locale))
}

// replyLang is the language of a reply the middleware writes for any
// interaction (an apology, "restarting"): the question's when the
// interaction carries one, the locale otherwise.
func replyLang(i *discordgo.Interaction) string {
	if i.Type == discordgo.InteractionApplicationCommand && i.Data != nil {
		d := i.ApplicationCommandData()
		switch d.Name {
		case cmdAsk:
			for _, o := range d.Options {
				if o.Name == optQ && o.Type == discordgo.ApplicationCommandOptionString {
					return questionLang(o.StringValue(), i)
				}
			}
		case cmdAnswer:
			if m := targetMessage(d); m != nil {
				return questionLang(m.Content, i)
			}
		}
	}
	return localeLang(i)
}

// spanishLocales are the Discord locales shown the Spanish descriptions:
// Spain's and Latin America's (the one most Angelenos' Discord is set to).
var spanishLocales = []discordgo.Locale{discordgo.SpanishES, discordgo.SpanishLATAM}

// localized is key's text per Spanish locale, for description_localizations
// of options; the English text is the default description.
func localized(k i18n.Key) map[discordgo.Locale]string {
	m := map[discordgo.Locale]string{}
	for _, l := range spanishLocales {
		m[l] = i18n.T(i18n.Es, k)
	}
	return m
}

// localizedRef is localized for commands, whose field discordgo types as a
// pointer.
func localizedRef(k i18n.Key) *map[discordgo.Locale]string {
	m := localized(k)
	return &m
}
