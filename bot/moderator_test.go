package bot

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

func TestModeratorsAreCheckedOnTheBotSide(t *testing.T) {
	const home, other, modRole = "100000000000000001", "100000000000000002", "200000000000000001"
	manage := int64(discordgo.PermissionManageGuild)
	admin := int64(discordgo.PermissionAdministrator)
	for _, tc := range []struct {
		name     string
		homeID   string
		guild    string
		perms    int64
		roles    []string
		inDM     bool
		moderate bool
	}{
		{"Manage Server in the home server", home, home, manage, nil, false, true},
		{"Administrator in the home server", home, home, admin, nil, false, true},
		{"a moderator role, in any server", home, other, 0, []string{modRole}, false, true},
		{"a moderator role without a home server", "", other, 0, []string{modRole}, false, true},
		{"Administrator of another server", home, other, admin, nil, false, false},
		{"Manage Server with global commands and no home server", "", other, manage, nil, false, false},
		{"a member with neither", home, home, int64(discordgo.PermissionSendMessages), []string{"300000000000000001"}, false, false},
		{"a direct message", home, "", admin, nil, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := New(Options{GuildID: tc.homeID, ModeratorRoleIDs: []string{modRole}}, nil, nil)
			i := &discordgo.Interaction{GuildID: tc.guild}
			if tc.inDM {
				i.User = &discordgo.User{ID: "1"}
			} else {
				i.Member = &discordgo.Member{User: &discordgo.User{ID: "1"}, Permissions: tc.perms, Roles: tc.roles}
			}
			if got := b.isModerator(&Interaction{Interaction: i}); got != tc.moderate {
				t.Errorf("isModerator = %v, want %v (%s)", got, tc.moderate, fmt.Sprint(tc.perms))
			}
		})
	}
}

func TestAPanicInAHandlerCostsTheEventNotTheBot(t *testing.T) {
	b := New(Options{}, nil, nil)
	ran := false
	b.track(func(context.Context) { panic("boom") }, nil)
	b.track(func(context.Context) { ran = true }, nil)
	if !ran {
		t.Fatal("the bot stopped handling events after a panic")
	}
	// In-flight accounting survived the panic: shutdown has nothing to wait for.
	begin := time.Now()
	b.Shutdown()
	if d := time.Since(begin); d > time.Second {
		t.Fatalf("shutdown waited %v for a handler that had panicked", d)
	}
}
