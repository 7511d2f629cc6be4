package moderator

import (
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestIs(t *testing.T) {
	const home, other, mod = "1", "2", "10"
	manage, admin := int64(discordgo.PermissionManageGuild), int64(discordgo.PermissionAdministrator)
	for _, tc := range []struct {
		name        string
		home, guild string
		roles       []string
		perms       int64
		want        bool
	}{
		{"a moderator role in any server", home, other, []string{mod}, 0, true},
		{"a moderator role, no home server", "", other, []string{mod}, 0, true},
		{"Manage Server at home", home, home, nil, manage, true},
		{"Administrator at home", home, home, nil, admin, true},
		{"Administrator elsewhere", home, other, nil, admin, false},
		{"Manage Server with no home server", "", other, nil, manage, false},
		{"neither", home, home, []string{"11"}, int64(discordgo.PermissionSendMessages), false},
	} {
		if got := Is([]string{mod}, tc.home, tc.guild, tc.roles, tc.perms); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
