package bot

import (
	"strings"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/internal/i18n"
	"ordinancebot/pins"
)

// The pin form, shared by /pin edit, "Pin as answer" and /unanswered: the
// ids of its inputs, building it and reading it back.
const (
	inputQuestions = "questions"
	inputAnswer    = "answer"
)

// pinModal asks, in lang, for the question(s) and, unless answer is
// noAnswerInput (pinning a message, whose text is the answer), the answer.
func pinModal(lang, customID, title, questions, answer string) *discordgo.InteractionResponse {
	rows := []discordgo.MessageComponent{
		discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
			CustomID: inputQuestions, Label: i18n.T(lang, i18n.ModalQuestions), Style: discordgo.TextInputParagraph,
			Value: truncate(questions, 1000), Required: true, MaxLength: 1000,
			Placeholder: i18n.T(lang, i18n.ModalPlaceholder)}}},
	}
	if answer != noAnswerInput {
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
			CustomID: inputAnswer, Label: i18n.T(lang, i18n.ModalAnswer), Style: discordgo.TextInputParagraph,
			Value: truncate(answer, pins.MaxAnswerLen), Required: true, MaxLength: pins.MaxAnswerLen}}})
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal, Data: &discordgo.InteractionResponseData{
		CustomID: customID, Title: truncate(title, 45), Components: rows}}
}

// noAnswerInput marks a pin modal that asks only for questions.
const noAnswerInput = "\x00"

// submitted is a pin form's questions (one per line) and answer.
func submitted(i *discordgo.Interaction) (questions []string, answer string) {
	values := modalValues(i.ModalSubmitData().Components)
	return strings.Split(values[inputQuestions], "\n"), values[inputAnswer]
}

func modalValues(rows []discordgo.MessageComponent) map[string]string {
	out := map[string]string{}
	for _, c := range rows {
		row, ok := c.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, in := range row.Components {
			if ti, ok := in.(*discordgo.TextInput); ok {
				out[ti.CustomID] = ti.Value
			}
		}
	}
	return out
}
