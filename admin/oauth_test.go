package admin_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/admin"
	"github.com/timelinebot/timelinebot/internal/fakediscord"
)

const (
	modRole     = "700000000000000001"
	managerRole = "700000000000000002"
	plainRole   = "700000000000000003"
	adminRole   = "700000000000000004"
)

// oauthEnv is the page with Discord login against the fake Discord.
func oauthEnv(t *testing.T) (*env, *fakediscord.Server) {
	t.Helper()
	fake := fakediscord.New(t, fakediscord.Options{})
	g := fake.GuildID()
	fake.AddRole(g, g, "@everyone", 1<<10) // VIEW_CHANNEL only
	fake.AddRole(g, modRole, "moderators", 0)
	fake.AddRole(g, managerRole, "managers", 1<<5) // MANAGE_GUILD
	fake.AddRole(g, adminRole, "admins", 1<<3)     // ADMINISTRATOR
	fake.AddRole(g, plainRole, "members", 1<<11)   // SEND_MESSAGES
	e := newEnv(t, sqlite(t), func(o *admin.Options) {
		o.OAuth = admin.OAuth{ClientID: fake.AppID(), ClientSecret: "s3cret", APIURL: fake.APIURL(), BotToken: fake.Token()}
		o.GuildID = g
		o.ModeratorRoleIDs = []string{modRole}
		o.LoginBurst = 100
	})
	fake.EnableOAuth2("s3cret", e.srv.URL+"/admin/oauth/callback")
	return e, fake
}

// browse follows redirects like a browser, across the page and the fake Discord, and returns
// the last response and the URLs visited.
func browse(t *testing.T, c *http.Client, start string) (response, []string) {
	t.Helper()
	visited := []string{start}
	r := do(t, c, http.MethodGet, start, nil)
	for i := 0; r.status/100 == 3 && i < 10; i++ {
		base, _ := url.Parse(visited[len(visited)-1])
		next, err := base.Parse(r.header.Get("Location"))
		if err != nil {
			t.Fatal(err)
		}
		visited = append(visited, next.String())
		r = do(t, c, http.MethodGet, next.String(), nil)
	}
	return r, visited
}

func TestDiscordLoginAppliesTheReloadRule(t *testing.T) {
	e, fake := oauthEnv(t)
	g := fake.GuildID()
	tests := []struct {
		name    string
		roles   []string
		owner   bool
		member  bool
		allowed bool
		error   string
	}{
		{name: "moderator role", roles: []string{modRole}, member: true, allowed: true},
		{name: "Manage Server", roles: []string{plainRole, managerRole}, member: true, allowed: true},
		{name: "Administrator", roles: []string{adminRole}, member: true, allowed: true},
		{name: "server owner", owner: true, member: true, allowed: true},
		{name: "member without the rule", roles: []string{plainRole}, member: true, error: "You are not a moderator"},
		{name: "not a member", error: "not a member of the bot"},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u := fakediscord.User{ID: "80000000000000000" + string(rune('0'+i)), Username: "user" + tc.name, GlobalName: "User " + tc.name}
			if tc.member {
				fake.AddMember(g, u, tc.roles...)
			}
			if tc.owner {
				fake.SetGuildOwner(g, u.ID)
			}
			fake.SetOAuth2User(u)
			c := e.client()
			r, visited := browse(t, c, e.srv.URL+"/admin/login/discord")
			if !strings.HasPrefix(visited[1], fake.URL()+"/oauth2/authorize?") {
				t.Fatalf("not sent to Discord's authorization page: %v", visited)
			}
			au, _ := url.Parse(visited[1])
			q := au.Query()
			if q.Get("client_id") != fake.AppID() || q.Get("scope") != "identify guilds.members.read" || q.Get("redirect_uri") != e.srv.URL+"/admin/oauth/callback" ||
				q.Get("state") == "" || q.Get("code_challenge_method") != "S256" {
				t.Errorf("authorization request %v", q)
			}
			if tc.allowed {
				if r.status != http.StatusOK || !strings.Contains(r.body, "Overview") || !strings.Contains(r.body, u.GlobalName) {
					t.Fatalf("allowed member ends at %d %v\n%s", r.status, visited, r.body)
				}
				return
			}
			if r.status != http.StatusOK || !strings.Contains(r.body, tc.error) || strings.Contains(r.body, "Overview") {
				t.Fatalf("refused member ends at %d %v\n%s", r.status, visited, r.body)
			}
			if e.get(c, "/admin/").status != http.StatusSeeOther {
				t.Error("a refused member got a session")
			}
		})
	}
	// The fake exchanged one code per login that reached the callback.
	if n := fake.OAuth2Exchanges(); n != len(tests) {
		t.Errorf("%d codes exchanged, want %d", n, len(tests))
	}
}

func TestDiscordLoginRefusesForgedCallbacks(t *testing.T) {
	e, fake := oauthEnv(t)
	u := fakediscord.User{ID: "810000000000000001", Username: "mod"}
	fake.AddMember(fake.GuildID(), u, modRole)
	fake.SetOAuth2User(u)

	t.Run("state from another browser", func(t *testing.T) {
		attacker := e.client()
		victim := e.client()
		// The attacker starts a login and stops before the callback…
		r := do(t, attacker, http.MethodGet, e.srv.URL+"/admin/login/discord", nil)
		au, _ := url.Parse(r.header.Get("Location"))
		r = do(t, attacker, http.MethodGet, au.String(), nil)
		// …and has the victim's browser finish it.
		r, _ = browse(t, victim, r.header.Get("Location"))
		if !strings.Contains(r.body, "did not start here") {
			t.Fatalf("callback in another browser: %d\n%s", r.status, r.body)
		}
		if e.get(victim, "/admin/").status != http.StatusSeeOther {
			t.Error("the forged callback logged in")
		}
	})
	t.Run("code used twice", func(t *testing.T) {
		c := e.client()
		r := do(t, c, http.MethodGet, e.srv.URL+"/admin/login/discord", nil)
		r = do(t, c, http.MethodGet, r.header.Get("Location"), nil)
		callback := r.header.Get("Location")
		cu, _ := url.Parse(callback)
		stateCookies := c.Jar.Cookies(cu) // the state cookie, before the callback clears it
		if r, _ := browse(t, c, callback); !strings.Contains(r.body, "Overview") {
			t.Fatalf("first callback: %s", r.body)
		}
		// The same callback with the same state cookie: the code is spent.
		c2 := e.client()
		c2.Jar.SetCookies(cu, stateCookies)
		r, _ = browse(t, c2, callback)
		if strings.Contains(r.body, "Overview") || !strings.Contains(r.body, "could not be exchanged") {
			t.Errorf("a used code: %s", r.body)
		}
	})
	t.Run("user cancelled", func(t *testing.T) {
		fake.SetOAuth2User(fakediscord.User{})
		defer fake.SetOAuth2User(u)
		r, _ := browse(t, e.client(), e.srv.URL+"/admin/login/discord")
		if !strings.Contains(r.body, "Discord login was cancelled") {
			t.Fatalf("cancelled: %s", r.body)
		}
	})
	t.Run("wrong client secret", func(t *testing.T) {
		fake.EnableOAuth2("another", e.srv.URL+"/admin/oauth/callback")
		defer fake.EnableOAuth2("s3cret", e.srv.URL+"/admin/oauth/callback")
		r, _ := browse(t, e.client(), e.srv.URL+"/admin/login/discord")
		if !strings.Contains(r.body, "DISCORD_CLIENT_SECRET") {
			t.Fatalf("wrong secret: %s", r.body)
		}
	})
}
