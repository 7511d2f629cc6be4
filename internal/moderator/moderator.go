// Package moderator is the rule of who moderates: the bot's moderator commands (/reload, /draft)
// and the moderators' web page apply the same one.
package moderator

import (
	"slices"

	"github.com/bwmarrin/discordgo"
)

// Is reports whether a member of guildID with these roles and permissions moderates: with one of
// the moderator roles, or with Manage Server / Administrator in the operator's own server
// (homeGuildID, DISCORD_GUILD_ID). Permissions in any other server do not count: with global
// commands, the admin of every server that invited the bot could otherwise replace the knowledge
// all servers are served.
func Is(moderatorRoleIDs []string, homeGuildID, guildID string, roles []string, permissions int64) bool {
	for _, r := range roles {
		if slices.Contains(moderatorRoleIDs, r) {
			return true
		}
	}
	if homeGuildID == "" || guildID != homeGuildID {
		return false
	}
	return permissions&discordgo.PermissionAdministrator != 0 || permissions&discordgo.PermissionManageGuild != 0
}
