package admin

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/timelinebot/timelinebot/internal/moderator"
)

// Scopes asked of Discord: who the user is, and their membership (roles) of the home server.
var oauthScopes = []string{"identify", "guilds.members.read"}

// loginErrors are the messages the login page shows for ?error=CODE: a code, not the text, so a
// crafted link cannot make the page say anything.
var loginErrors = map[string]string{
	"denied":       "Discord login was cancelled.",
	"state":        "The Discord login did not start here or took too long; try again.",
	"exchange":     "Discord did not accept the login (the code could not be exchanged); try again, and check DISCORD_CLIENT_SECRET and the redirect URL in the developer portal.",
	"member":       "You are not a member of the bot's home server (DISCORD_GUILD_ID).",
	"discord":      "Discord could not be asked about your membership; try again in a minute.",
	"notmoderator": "You are not a moderator: the page is for members with a moderator role (MODERATOR_ROLE_IDS), or with Manage Server or Administrator in the bot's home server — the same rule as /reload.",
	"off":          "Discord login is not set up (DISCORD_CLIENT_SECRET, DISCORD_APPLICATION_ID, DISCORD_GUILD_ID and ADMIN_BASE_URL); use `timelinebot admin-link`.",
}

// authorizeURL is Discord's authorization page, on the API's host (https://discord.com/oauth2/authorize).
func (h *Handler) authorizeURL() string {
	u, err := url.Parse(h.opts.OAuth.APIURL)
	if err != nil || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host + "/oauth2/authorize"
}

func (h *Handler) oauthConfig() *oauth2.Config {
	return &oauth2.Config{
		ClientID:     h.opts.OAuth.ClientID,
		ClientSecret: h.opts.OAuth.ClientSecret,
		Endpoint: oauth2.Endpoint{
			AuthURL:   h.authorizeURL(),
			TokenURL:  strings.TrimSuffix(h.opts.OAuth.APIURL, "/") + "/oauth2/token",
			AuthStyle: oauth2.AuthStyleInHeader,
		},
		RedirectURL: h.opts.BaseURL + "/admin/oauth/callback",
		Scopes:      oauthScopes,
	}
}

// discordLogin sends the browser to Discord's authorization page, with a state bound to this
// browser by a short-lived cookie (so a callback started elsewhere is refused) and PKCE.
func (h *Handler) discordLogin(w http.ResponseWriter, r *http.Request) {
	if !h.opts.OAuth.enabled() || h.opts.BaseURL == "" || h.opts.GuildID == "" {
		http.Redirect(w, r, "/admin/login?error=off", http.StatusSeeOther)
		return
	}
	state, verifier := randomToken(), oauth2.GenerateVerifier()
	http.SetCookie(w, &http.Cookie{
		Name: stateCookie, Value: state + "." + verifier, Path: "/admin/oauth/", HttpOnly: true, Secure: h.secureCookies(),
		SameSite: http.SameSiteLaxMode, MaxAge: int((10 * time.Minute).Seconds()),
	})
	http.Redirect(w, r, h.oauthConfig().AuthCodeURL(state, oauth2.S256ChallengeOption(verifier)), http.StatusFound)
}

func (h *Handler) oauthCallback(w http.ResponseWriter, r *http.Request) {
	fail := func(code string, attrs ...any) {
		h.log.Warn("admin Discord login refused", append([]any{"reason", code, "addr", clientAddr(r)}, attrs...)...)
		http.Redirect(w, r, "/admin/login?error="+code, http.StatusSeeOther)
	}
	http.SetCookie(w, &http.Cookie{Name: stateCookie, Value: "", Path: "/admin/oauth/", MaxAge: -1, HttpOnly: true, Secure: h.secureCookies(), SameSite: http.SameSiteLaxMode})
	if !h.opts.OAuth.enabled() {
		fail("off")
		return
	}
	q := r.URL.Query()
	if q.Get("error") != "" {
		fail("denied")
		return
	}
	c, err := r.Cookie(stateCookie)
	state, verifier, _ := strings.Cut(func() string {
		if err != nil {
			return ""
		}
		return c.Value
	}(), ".")
	if state == "" || subtle.ConstantTimeCompare([]byte(state), []byte(q.Get("state"))) != 1 {
		fail("state")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 20*time.Second)
	defer cancel()
	ctx = context.WithValue(ctx, oauth2.HTTPClient, h.opts.HTTPClient)
	tok, err := h.oauthConfig().Exchange(ctx, q.Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		fail("exchange", "err", err)
		return
	}
	m, err := h.currentMember(ctx, tok)
	if errors.Is(err, errNotMember) {
		fail("member")
		return
	}
	if err != nil {
		fail("discord", "err", err)
		return
	}
	ok, err := h.moderator(ctx, m)
	if err != nil {
		fail("discord", "err", err)
		return
	}
	if !ok {
		fail("notmoderator", "user", m.User.ID)
		return
	}
	name := m.User.GlobalName
	if name == "" {
		name = m.User.Username
	}
	h.newSession(w, "discord:"+m.User.ID, name)
	http.Redirect(w, r, "/admin/", http.StatusSeeOther)
}

// guildMember is what Discord says of the logged-in user in the home server.
type guildMember struct {
	User struct {
		ID         string `json:"id"`
		Username   string `json:"username"`
		GlobalName string `json:"global_name"`
	} `json:"user"`
	Roles []string `json:"roles"`
}

var errNotMember = errors.New("not a member of the home server")

func (h *Handler) currentMember(ctx context.Context, tok *oauth2.Token) (guildMember, error) {
	var m guildMember
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(h.opts.OAuth.APIURL, "/")+"/users/@me/guilds/"+url.PathEscape(h.opts.GuildID)+"/member", nil)
	if err != nil {
		return m, err
	}
	tok.SetAuthHeader(req)
	status, err := h.getJSON(req, &m)
	if status == http.StatusNotFound {
		return m, errNotMember
	}
	return m, err
}

// moderator applies the /reload rule (package internal/moderator). The member object carries roles, not
// permissions: those are computed from the home server's roles, read with the bot token, as
// Discord does (the owner has them all; otherwise @everyone's and the member's roles' together).
func (h *Handler) moderator(ctx context.Context, m guildMember) (bool, error) {
	if moderator.Is(h.opts.ModeratorRoleIDs, h.opts.GuildID, h.opts.GuildID, m.Roles, 0) {
		return true, nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(h.opts.OAuth.APIURL, "/")+"/guilds/"+url.PathEscape(h.opts.GuildID), nil)
	if err != nil {
		return false, err
	}
	req.Header.Set("Authorization", "Bot "+h.opts.OAuth.BotToken)
	var g struct {
		OwnerID string `json:"owner_id"`
		Roles   []struct {
			ID          string `json:"id"`
			Permissions string `json:"permissions"`
		} `json:"roles"`
	}
	if _, err := h.getJSON(req, &g); err != nil {
		return false, fmt.Errorf("read the home server's roles: %w", err)
	}
	var perms int64
	if g.OwnerID == m.User.ID {
		perms = -1 // every bit
	}
	for _, role := range g.Roles {
		if role.ID != h.opts.GuildID && !contains(m.Roles, role.ID) {
			continue
		}
		p, _ := strconv.ParseInt(role.Permissions, 10, 64)
		perms |= p
	}
	return moderator.Is(h.opts.ModeratorRoleIDs, h.opts.GuildID, h.opts.GuildID, m.Roles, perms), nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (h *Handler) getJSON(req *http.Request, v any) (int, error) {
	req.Header.Set("User-Agent", "DiscordBot (https://github.com/timelinebot/timelinebot, admin)")
	resp, err := h.opts.HTTPClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return resp.StatusCode, err
	}
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode, fmt.Errorf("%s %s: Discord answered %s", req.Method, req.URL.Path, resp.Status)
	}
	return resp.StatusCode, json.Unmarshal(body, v)
}
