package bot

import (
	"errors"

	"github.com/bwmarrin/discordgo"

	"ordinancebot/internal/i18n"
)

// Discord's JSON error codes the bot tells moderators about
// (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json).
const (
	codeMissingAccess      = 50001
	codeMissingPermissions = 50013
	codeMaxPins            = 30003
)

// pinFailure explains a failed Discord pin in words a moderator can act on.
func pinFailure(lang string, err error) string {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Message != nil {
		switch re.Message.Code {
		case codeMaxPins:
			return i18n.T(lang, i18n.PinFailFull)
		case codeMissingPermissions, codeMissingAccess:
			return i18n.T(lang, i18n.PinFailPerm)
		}
		return i18n.T(lang, i18n.PinFailSaid, re.Message.Message)
	}
	return i18n.T(lang, i18n.PinFailSilent)
}
