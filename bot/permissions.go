package bot

import (
	"github.com/bwmarrin/discordgo"

	"ordinancebot/internal/i18n"
)

// permissionPinMessages was split from MANAGE_MESSAGES in 2025 and is the
// only permission that allows pinning since 2026-02-23; discordgo v0.29.0
// has no constant for it.
const permissionPinMessages int64 = 1 << 51

// Moderation commands are shown by default to members who can pin; server
// admins can widen that in Server Settings → Integrations (for example to
// the roles in MOD_ROLE_IDS). The bot checks permissions itself anyway.
var (
	modDefault = permissionPinMessages
	guildOnly  = &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}
)

// isModerator checks the member's permissions in this channel, as Discord
// sends them with every interaction, or their roles: never trusting that
// Discord hid the command from everyone else.
func (b *Bot) isModerator(i *discordgo.Interaction) bool {
	if i.Member == nil || i.GuildID == "" {
		return false
	}
	p := i.Member.Permissions
	if p&(discordgo.PermissionAdministrator|discordgo.PermissionManageMessages|permissionPinMessages) != 0 {
		return true
	}
	for _, r := range i.Member.Roles {
		if b.modRoles[r] {
			return true
		}
	}
	return false
}

// guard returns the refusal for a moderator action, or nil to go ahead.
// Moderators' replies are in their own locale: they answer no question.
func (b *Bot) guard(i *discordgo.Interaction) *discordgo.InteractionResponse {
	lang := localeLang(i)
	switch {
	case b.store == nil:
		return errorResponse(i18n.T(lang, i18n.NoStore))
	case i.GuildID == "":
		return errorResponse(i18n.T(lang, i18n.GuildOnly))
	case !b.isModerator(i):
		return errorResponse(i18n.T(lang, i18n.NotModerator))
	}
	return nil
}
