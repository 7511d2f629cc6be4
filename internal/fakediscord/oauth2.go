package fakediscord

// OAuth2 (authorization code grant) and what a logged-in user may read of their membership, as
// Discord serves them:
//
//   - GET /oauth2/authorize, the page a browser is sent to: it checks client_id, response_type,
//     redirect_uri (registered, exact) and scope, then sends the browser back to redirect_uri
//     with ?code&state as if the user signed in to Discord (SetOAuth2User) clicked Authorize, or
//     with ?error=access_denied when no user is set;
//   - POST /api/v10/oauth2/token: form-encoded, client authenticated by HTTP Basic or
//     client_id/client_secret; a code is good once, for 10 minutes, with the redirect_uri it was
//     issued for;
//   - GET /api/v10/users/@me/guilds/{guild_id}/member: "Authorization: Bearer <access token>"
//     with the guilds.members.read scope; 404 Unknown Guild when the user is not a member;
//   - GET /api/v10/guilds/{guild_id} (bot token): the guild with its owner and roles, which is
//     how a bot computes a member's permissions (the member object carries none).

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// authOAuth marks routes that authenticate themselves (client credentials, bearer tokens).
const authOAuth authMode = 100

// OAuth2 lifetimes, as on Discord.
const (
	oauthCodeLifetime  = 10 * time.Minute
	oauthTokenLifetime = 7 * 24 * time.Hour
)

var oauthScopes = map[string]bool{
	"identify": true, "email": true, "guilds": true, "guilds.members.read": true, "connections": true,
	"bot": true, "applications.commands": true, "openid": true,
}

type oauthState struct {
	secret    string
	redirects []string
	user      *User // who is signed in to Discord in the browser; nil denies
	codes     map[string]*oauthCode
	tokens    map[string]*oauthToken
	guilds    map[string]*guildState
	exchanges int
}

type oauthCode struct {
	user     User
	scopes   []string
	redirect string
	expires  time.Time
}

type oauthToken struct {
	user    User
	scopes  []string
	expires time.Time
}

type guildState struct {
	owner   string
	roles   map[string]int64   // role id -> permissions
	members map[string]*member // user id -> member
	order   []string           // role ids in creation order
	names   map[string]string  // role id -> name
}

type member struct {
	user  User
	roles []string
}

// EnableOAuth2 sets the application's client secret and registered redirect URIs; the client id
// is the application id (AppID).
func (s *Server) EnableOAuth2(clientSecret string, redirectURIs ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.oauth.secret = clientSecret
	s.oauth.redirects = append([]string(nil), redirectURIs...)
}

// SetOAuth2User sets who is signed in to Discord in the browser and authorizes the application
// when sent to /oauth2/authorize; a zero User denies (the user clicked Cancel).
func (s *Server) SetOAuth2User(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u.ID == "" {
		s.oauth.user = nil
		return
	}
	if u.Username == "" {
		u.Username = "user" + u.ID
	}
	s.oauth.user = &u
	s.users[u.ID] = u
}

// OAuth2Exchanges counts the codes exchanged for tokens.
func (s *Server) OAuth2Exchanges() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.oauth.exchanges
}

func (s *Server) guildLocked(id string) *guildState {
	if s.oauth.guilds == nil {
		s.oauth.guilds = map[string]*guildState{}
	}
	g := s.oauth.guilds[id]
	if g == nil {
		g = &guildState{roles: map[string]int64{id: 0}, members: map[string]*member{}, order: []string{id}, names: map[string]string{id: "@everyone"}}
		s.oauth.guilds[id] = g
	}
	return g
}

// AddRole creates (or updates) a role of a guild with a permission bitfield; the role whose id is
// the guild's is @everyone.
func (s *Server) AddRole(guildID, roleID, name string, permissions int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.guildLocked(guildID)
	if _, ok := g.roles[roleID]; !ok {
		g.order = append(g.order, roleID)
	}
	g.roles[roleID] = permissions
	g.names[roleID] = name
}

// AddMember makes u a member of a guild with roles.
func (s *Server) AddMember(guildID string, u User, roles ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u.Username == "" {
		u.Username = "user" + u.ID
	}
	s.users[u.ID] = u
	s.guildLocked(guildID).members[u.ID] = &member{user: u, roles: append([]string(nil), roles...)}
}

// SetGuildOwner sets a guild's owner (who has every permission).
func (s *Server) SetGuildOwner(guildID, userID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.guildLocked(guildID).owner = userID
}

func (s *Server) oauthRoutes() []*route {
	return []*route{
		{method: "POST", pattern: "/oauth2/token", auth: authOAuth, handler: s.handleOAuthToken},
		{method: "GET", pattern: "/users/@me/guilds/{guild_id}/member", auth: authOAuth, handler: s.handleCurrentMember},
		{method: "GET", pattern: "/guilds/{guild_id}", handler: s.handleGetGuild},
	}
}

// serveAuthorize is the authorization page.
func (s *Server) serveAuthorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	s.mu.Lock()
	registered := slices.Contains(s.oauth.redirects, q.Get("redirect_uri"))
	enabled := s.oauth.secret != ""
	user := s.oauth.user
	s.mu.Unlock()
	fail := func(why string) {
		s.violation("GET /oauth2/authorize: %s", why)
		http.Error(w, "Invalid OAuth2 request: "+why, http.StatusBadRequest)
	}
	switch {
	case r.Method != http.MethodGet:
		fail("the authorization page is opened with GET")
		return
	case !enabled:
		fail("OAuth2 is not set up for this application (the test did not call EnableOAuth2)")
		return
	case q.Get("client_id") != s.opts.AppID:
		fail("unknown client_id " + strconv.Quote(q.Get("client_id")) + " (it is the application id)")
		return
	case !registered:
		fail("redirect_uri " + strconv.Quote(q.Get("redirect_uri")) + " is not registered for the application (developer portal → OAuth2 → Redirects)")
		return
	case q.Get("response_type") != "code":
		fail("response_type must be code for the authorization code grant")
		return
	}
	scopes := strings.Fields(q.Get("scope"))
	if len(scopes) == 0 {
		fail("no scope asked")
		return
	}
	for _, sc := range scopes {
		if !oauthScopes[sc] {
			fail("unknown scope " + strconv.Quote(sc))
			return
		}
	}
	back, _ := url.Parse(q.Get("redirect_uri"))
	v := back.Query()
	if st := q.Get("state"); st != "" {
		v.Set("state", st)
	}
	if user == nil {
		v.Set("error", "access_denied")
		v.Set("error_description", "The resource owner or authorization server denied the request")
	} else {
		code := randomHex(15)
		s.mu.Lock()
		if s.oauth.codes == nil {
			s.oauth.codes = map[string]*oauthCode{}
		}
		s.oauth.codes[code] = &oauthCode{user: *user, scopes: scopes, redirect: q.Get("redirect_uri"), expires: time.Now().Add(oauthCodeLifetime)}
		s.mu.Unlock()
		v.Set("code", code)
	}
	back.RawQuery = v.Encode()
	http.Redirect(w, r, back.String(), http.StatusFound)
}

func oauthError(w http.ResponseWriter, status int, code, desc string) {
	writeJSON(w, status, map[string]any{"error": code, "error_description": desc})
}

func (s *Server) handleOAuthToken(c *reqCtx) {
	if mt := c.r.Header.Get("Content-Type"); !strings.HasPrefix(mt, "application/x-www-form-urlencoded") {
		c.s.violation("POST /oauth2/token: Content-Type %q; the token endpoint takes application/x-www-form-urlencoded", mt)
		oauthError(c.w, http.StatusBadRequest, "invalid_request", "the body must be form-encoded")
		return
	}
	form, err := url.ParseQuery(string(c.raw))
	if err != nil {
		oauthError(c.w, http.StatusBadRequest, "invalid_request", "malformed body")
		return
	}
	id, secret := form.Get("client_id"), form.Get("client_secret")
	if h := c.r.Header.Get("Authorization"); strings.HasPrefix(h, "Basic ") {
		raw, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(h, "Basic "))
		u, p, _ := strings.Cut(string(raw), ":")
		id, _ = url.QueryUnescape(u)
		secret, _ = url.QueryUnescape(p)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.oauth.secret == "" || id != s.opts.AppID || secret != s.oauth.secret {
		oauthError(c.w, http.StatusUnauthorized, "invalid_client", "")
		return
	}
	if form.Get("grant_type") != "authorization_code" {
		oauthError(c.w, http.StatusBadRequest, "unsupported_grant_type", "")
		return
	}
	code := s.oauth.codes[form.Get("code")]
	delete(s.oauth.codes, form.Get("code")) // a code is good once, whatever happens
	if code == nil || time.Now().After(code.expires) {
		oauthError(c.w, http.StatusBadRequest, "invalid_grant", `Invalid "code" in request.`)
		return
	}
	if form.Get("redirect_uri") != code.redirect {
		oauthError(c.w, http.StatusBadRequest, "invalid_grant", `Invalid "redirect_uri" in request.`)
		return
	}
	tok := randomHex(15)
	if s.oauth.tokens == nil {
		s.oauth.tokens = map[string]*oauthToken{}
	}
	s.oauth.tokens[tok] = &oauthToken{user: code.user, scopes: code.scopes, expires: time.Now().Add(oauthTokenLifetime)}
	s.oauth.exchanges++
	writeJSON(c.w, http.StatusOK, map[string]any{
		"access_token": tok, "token_type": "Bearer", "expires_in": int(oauthTokenLifetime.Seconds()),
		"refresh_token": randomHex(15), "scope": strings.Join(code.scopes, " "),
	})
}

// bearer returns the token of a request's "Authorization: Bearer" header; s.mu must be held.
func (s *Server) bearerLocked(r *http.Request) *oauthToken {
	h := r.Header.Get("Authorization")
	if !strings.HasPrefix(h, "Bearer ") {
		return nil
	}
	t := s.oauth.tokens[strings.TrimPrefix(h, "Bearer ")]
	if t == nil || time.Now().After(t.expires) {
		return nil
	}
	return t
}

func (s *Server) handleCurrentMember(c *reqCtx) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.bearerLocked(c.r)
	if t == nil {
		writeError(c.w, http.StatusUnauthorized, 0, "401: Unauthorized")
		return
	}
	if !slices.Contains(t.scopes, "guilds.members.read") {
		writeError(c.w, http.StatusForbidden, 50001, "Missing Access")
		return
	}
	g := s.oauth.guilds[c.params[0]]
	var m *member
	if g != nil {
		m = g.members[t.user.ID]
	}
	if m == nil {
		writeError(c.w, http.StatusNotFound, 10004, "Unknown Guild")
		return
	}
	roles := append([]string{}, m.roles...)
	writeJSON(c.w, http.StatusOK, map[string]any{
		"user": m.user.json(), "nick": nil, "avatar": nil, "banner": nil, "roles": roles,
		"joined_at": "2024-01-01T00:00:00.000000+00:00", "premium_since": nil, "deaf": false, "mute": false,
		"flags": 0, "pending": false, "communication_disabled_until": nil,
	})
}

func (s *Server) handleGetGuild(c *reqCtx) {
	id := c.params[0]
	if !slices.Contains(s.opts.GuildIDs, id) {
		writeError(c.w, http.StatusNotFound, 10004, "Unknown Guild")
		return
	}
	s.mu.Lock()
	g := s.guildLocked(id)
	roles := make([]map[string]any, 0, len(g.order))
	for i, r := range g.order {
		roles = append(roles, map[string]any{
			"id": r, "name": g.names[r], "permissions": strconv.FormatInt(g.roles[r], 10), "position": i,
			"color": 0, "hoist": false, "managed": false, "mentionable": false, "flags": 0, "icon": nil, "unicode_emoji": nil,
		})
	}
	owner := g.owner
	s.mu.Unlock()
	if owner == "" {
		owner = s.opts.BotUserID
	}
	writeJSON(c.w, http.StatusOK, map[string]any{
		"id": id, "name": "fake guild", "icon": nil, "splash": nil, "discovery_splash": nil, "owner_id": owner,
		"afk_channel_id": nil, "afk_timeout": 300, "verification_level": 0, "default_message_notifications": 0,
		"explicit_content_filter": 0, "roles": roles, "emojis": []any{}, "features": []any{}, "mfa_level": 0,
		"application_id": nil, "system_channel_id": nil, "system_channel_flags": 0, "rules_channel_id": nil,
		"vanity_url_code": nil, "description": nil, "banner": nil, "premium_tier": 0, "preferred_locale": "en-US",
		"public_updates_channel_id": nil, "nsfw_level": 0, "premium_progress_bar_enabled": false,
	})
}
