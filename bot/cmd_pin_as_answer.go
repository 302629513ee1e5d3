package bot

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/answer"
	"ordinancebot/corpus"
	"ordinancebot/index"
	"ordinancebot/internal/i18n"
	"ordinancebot/pins"
)

const cmdPinAs = "Pin as answer"

// modalPinMsg is the form it opens: pinm:<channel id>:<message id>.
const modalPinMsg = "pinm:"

// Apps → "Pin as answer" on any message: a moderator pins it as the
// answer to the questions they type.
var pinAsAnswerCommand = command{
	def: func() *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{Name: cmdPinAs, Type: discordgo.MessageApplicationCommand, DefaultMemberPermissions: &modDefault, Contexts: guildOnly}
	},
	run:    (*Bot).pinAsAnswer,
	modals: []route{{modalPinMsg, (*Bot).pinMessageSubmit}},
}

// inputCites is the pin-as-answer form's list of cited passage ids.
const inputCites = "cites"

// maxCitesInput bounds that list: ten ids (pins.MaxCitations) of a few
// dozen characters each.
const maxCitesInput = 400

// pinDraft is what "Pin as answer" proposes: the question(s), the answer
// text and the passages it cites.
type pinDraft struct {
	questions string
	answer    string
	cites     []string
}

// pinAsAnswer is the "Pin as answer" message command: it opens the form
// asking which question(s) the message answers.
//
// The form carries everything its submit needs, so the submit may reach
// another replica, or this one after a restart: the answer and its
// citations as prefilled inputs (the moderator sees, and may correct, what
// will be pinned), the channel and message in the custom id. The submit
// does not carry the message, and the bot may not read message content
// otherwise (no MESSAGE_CONTENT intent).
func (b *Bot) pinAsAnswer(ctx context.Context, i *discordgo.Interaction, d discordgo.ApplicationCommandInteractionData) (*discordgo.InteractionResponse, after, error) {
	if r := b.guard(i); r != nil {
		return r, nil, nil
	}
	lang := localeLang(i)
	msg := targetMessage(d)
	if msg == nil {
		return errorResponse(i18n.T(lang, i18n.NoTextToPin)), nil, nil
	}
	draft := b.draftFromMessage(i, msg)
	if strings.TrimSpace(draft.answer) == "" {
		return errorResponse(i18n.T(lang, i18n.NoTextToPin)), nil, nil
	}
	m := pinModal(lang, modalPinMsg+i.ChannelID+":"+msg.ID, i18n.T(lang, i18n.ModalPinAs), draft.questions, draft.answer)
	if len(draft.cites) > 0 {
		m.Data.Components = append(m.Data.Components, discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
			CustomID: inputCites, Label: i18n.T(lang, i18n.ModalCites), Style: discordgo.TextInputShort,
			Value: truncateCites(draft.cites, maxCitesInput), Required: false, MaxLength: maxCitesInput}}})
	}
	return m, nil, nil
}

// pinMessageSubmit saves the message a moderator chose as the answer to
// the questions they typed, then pins it. The answer and citations come
// from the form (see pinAsAnswer), so any replica can take it.
func (b *Bot) pinMessageSubmit(ctx context.Context, i *discordgo.Interaction, rest string) (*discordgo.InteractionResponse, after, error) {
	values := modalValues(i.ModalSubmitData().Components)
	channelID, msgID, _ := strings.Cut(rest, ":")
	content, ok := values[inputAnswer]
	if !ok || channelID == "" || msgID == "" {
		// A form opened before the answer travelled in it.
		return nil, nil, userError(i18n.T(localeLang(i), i18n.PinTooSlow), nil)
	}
	p, err := b.addPin(ctx, pins.Pin{Guild: i.GuildID, Questions: strings.Split(values[inputQuestions], "\n"),
		Answer: content, Citations: strings.Fields(values[inputCites]),
		PinnedBy: userID(i), MessageURL: messageURL(i.GuildID, channelID, msgID)})
	if err != nil {
		return pinError(localeLang(i), err)
	}
	return b.savedAndPin(ctx, i, p, channelID, msgID)
}

// draftFromMessage proposes a pin from the target message. The bot's own
// answer is an embed: its question and cited passages are recovered (as
// the Pin answer button pins them) from its buttons' custom ids, its
// title and the citation ids its fields end with. Any other message gives
// its text, and the text of its embeds when it has no content.
func (b *Bot) draftFromMessage(i *discordgo.Interaction, msg *discordgo.Message) pinDraft {
	var d pinDraft
	if ref := msg.ReferencedMessage; ref != nil && strings.TrimSpace(ref.Content) != "" {
		d.questions = ref.Content // the message answers the one it replies to
	}
	if b.isOwnMessage(i, msg) {
		if q, hits := b.recoverAnswer(msg); len(hits) > 0 {
			if q != "" {
				d.questions = q
			}
			pin := answer.PinFromResult(q, &index.Result{Answered: true, Hits: hits})
			d.answer, d.cites = pin.Answer, pin.Citations
			return d
		}
	}
	d.answer = msg.Content
	if strings.TrimSpace(d.answer) == "" {
		d.answer = embedsText(msg.Embeds)
	}
	d.answer = truncateMarkdown(d.answer, pins.MaxAnswerLen)
	return d
}

// isOwnMessage reports whether msg was posted by this application: as the
// bot user (replies to mentions, "Answer with sources", interaction
// responses) or through its interaction webhook, whose id is the
// application's. A bot user's id is its application's too.
func (b *Bot) isOwnMessage(i *discordgo.Interaction, msg *discordgo.Message) bool {
	app := i.AppID
	if app == "" {
		return false
	}
	return msg.WebhookID == app || (msg.Author != nil && msg.Author.ID == app)
}

var citationRE = regexp.MustCompile("`([a-z0-9][a-z0-9-]*)`")

// recoverAnswer reads the question and the cited passages back from one of
// the bot's answers: the passages are the values of its passages menu (an
// answer), or the ids in backticks its fields show (a pinned answer's
// citations, and answers posted before the menu), in order, kept when the
// corpus has them.
func (b *Bot) recoverAnswer(msg *discordgo.Message) (string, []index.Hit) {
	c := b.e.Corpus()
	var hits []index.Hit
	seen := map[string]bool{}
	add := func(id string) {
		p, ok := c.Passage(id)
		if !ok || seen[p.ID] || len(hits) == pins.MaxCitations {
			return
		}
		seen[p.ID] = true
		hits = append(hits, index.Hit{Rank: len(hits) + 1, Passage: p})
	}
	for _, row := range msg.Components {
		if r, ok := row.(*discordgo.ActionsRow); ok {
			for _, comp := range r.Components {
				if m, ok := comp.(*discordgo.SelectMenu); ok && strings.HasPrefix(m.CustomID, idPick) {
					for _, o := range m.Options {
						add(o.Value)
					}
				}
			}
		}
	}
	title := ""
	for _, e := range msg.Embeds {
		if e == nil {
			continue
		}
		if title == "" {
			title = questionFromTitle(e.Title)
		}
		for _, f := range e.Fields {
			if f == nil {
				continue
			}
			for _, m := range citationRE.FindAllStringSubmatch(f.Value, -1) {
				add(m[1])
			}
			// An answer's field is named "1. Article ¶6" (plus a language
			// mark): the label names the passage when no menu is left.
			if id := passageByLabel(c, f.Name); id != "" {
				add(id)
			}
		}
	}
	// The buttons carry the question as asked, unescaped and uncut by the
	// title's 200-character echo: prefer them.
	for _, row := range msg.Components {
		r, ok := row.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, comp := range r.Components {
			if btn, ok := comp.(*discordgo.Button); ok {
				if q, ok := strings.CutPrefix(btn.CustomID, idPinAnswer); ok && strings.TrimSpace(q) != "" {
					return q, hits
				}
			}
		}
	}
	return title, hits
}

var rankPrefix = regexp.MustCompile(`^\d+\.\s+`)

// passageByLabel finds the passage an answer's field name labels: "N. "
// and a trailing "(in Spanish)"-style mark taken off, labels are unique.
func passageByLabel(c *corpus.Corpus, name string) string {
	label := rankPrefix.ReplaceAllString(strings.TrimSpace(name), "")
	if label == name {
		return "" // not an answer's field
	}
	for _, p := range c.Passages {
		if label == p.Label || strings.HasPrefix(label, p.Label+" (") {
			return p.ID
		}
	}
	return ""
}

// questionFromTitle undoes an answer title ("Q: …" in any reply language,
// its question markdown-escaped), or gives "" for another title.
func questionFromTitle(title string) string {
	for _, lang := range i18n.Langs {
		prefix, suffix, _ := strings.Cut(i18n.T(lang, i18n.AnswerTitle, "\x00"), "\x00")
		if q, ok := strings.CutPrefix(title, prefix); ok && strings.HasSuffix(q, suffix) {
			return unescapeMD(strings.TrimSuffix(q, suffix))
		}
	}
	return ""
}

var unescaper = strings.NewReplacer(`\\`, `\`, `\*`, `*`, `\_`, `_`, `\~`, `~`, "\\`", "`", `\|`, `|`, `\>`, `>`,
	`\[`, `[`, `\]`, `]`, `\#`, `#`, "@\u200b", "@", `\<`, `<`)

// unescapeMD is the inverse of escapeMD, for text read back from an embed.
func unescapeMD(s string) string { return unescaper.Replace(s) }

// embedsText is a message's embeds as pin text: title, description and
// each field as "**name**: value", for messages that have no content.
func embedsText(embeds []*discordgo.MessageEmbed) string {
	var sb strings.Builder
	for _, e := range embeds {
		if e == nil {
			continue
		}
		for _, part := range []string{e.Title, e.Description} {
			if strings.TrimSpace(part) != "" {
				sb.WriteString(part + "\n")
			}
		}
		for _, f := range e.Fields {
			if f != nil && strings.TrimSpace(f.Name+f.Value) != "" {
				fmt.Fprintf(&sb, "**%s**: %s\n", f.Name, f.Value)
			}
		}
	}
	return strings.TrimSpace(sb.String())
}

// truncateCites joins ids with spaces, dropping whole ids beyond n.
func truncateCites(ids []string, n int) string {
	out := ""
	for _, id := range ids {
		next := strings.TrimSpace(out + " " + id)
		if len(next) > n {
			break
		}
		out = next
	}
	return out
}
