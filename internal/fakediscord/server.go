package fakediscord

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// Options configures a Server. The zero value is usable: every field has a
// Discord-like default.
type Options struct {
	// Token is the bot token the fake accepts ("Authorization: Bot <Token>" on
	// REST, "token" in IDENTIFY/RESUME). Default: a random token.
	Token string
	// AppID is the application id. Default: a fresh snowflake.
	AppID string
	// BotUserID is the bot user's id. Default: AppID (as for every bot created
	// in the developer portal since 2021).
	BotUserID string
	// BotUsername is the bot user's name. Default "timelinebot".
	BotUsername string
	// GuildIDs are the guilds the bot is in (READY stubs, then GUILD_CREATE
	// when the GUILDS intent is set). Default: one fresh guild.
	GuildIDs []string
	// HeartbeatInterval sent in HELLO. Default 45 s; tests use e.g. 500 ms.
	HeartbeatInterval time.Duration
	// AckDeadline is how long after dispatch an interaction may be
	// acknowledged. Default 3 s, as on Discord.
	AckDeadline time.Duration
	// TokenLifetime is how long an interaction token stays valid for the
	// webhook endpoints. Default 15 min, as on Discord.
	TokenLifetime time.Duration
	// DeniedIntents are gateway intents the application is NOT allowed to use
	// (privileged intents not enabled in the developer portal). An IDENTIFY
	// asking for any of them is closed with 4014 "Disallowed intent(s)".
	DeniedIntents int64
	// OpenAPISpecPath overrides where Discord's OpenAPI description is read
	// from. Default: <module root>/../shared/discord-api-spec/openapi.json.
	// "off" disables OpenAPI validation.
	OpenAPISpecPath string
	// AllowViolations turns off the check, run at cleanup, that fails the
	// test when violations were recorded and not asserted. Tests that provoke
	// violations on purpose set it (or call TakeViolations).
	AllowViolations bool
	// ApplicationFlags is the application's flags in READY and
	// /applications/@me. Default: GATEWAY_MESSAGE_CONTENT_LIMITED (1<<19).
	ApplicationFlags int
}

// Server is a fake Discord (REST API v10 + gateway) on httptest.
type Server struct {
	tb   testing.TB
	opts Options
	hs   *httptest.Server
	spec *openAPIValidator // nil when validation is skipped

	defaultUser      User
	defaultChannelID string

	mu           sync.Mutex
	changed      chan struct{}
	closed       bool
	requests     []Request
	violations   []string
	interactions map[string]*interactionState
	intOrder     []string
	byToken      map[string]*interactionState
	messages     map[string]*Message
	msgOrder     []string
	channels     map[string]*channelInfo
	users        map[string]User
	dmChannels   map[string]string           // user id -> DM channel id
	commands     map[string][]map[string]any // "" = global, else guild id
	rateLimits   []*pendingRateLimit
	attachments  map[string]attachmentFile // URL path -> file

	gw gateway

	oauth oauthState // OAuth2 and guild members (oauth2.go)

	routesOnce sync.Once
	routeList  []*route
}

type channelInfo struct {
	ID       string
	GuildID  string // "" for DM
	Type     int
	Name     string
	ParentID string // the channel a thread belongs to
	UserID   string // DM recipient
}

type attachmentFile struct {
	ID          string
	Filename    string
	ContentType string
	Content     []byte
	URL         string
}

type pendingRateLimit struct {
	method     string
	prefix     string
	retryAfter time.Duration
	times      int // requests still to refuse; negative: every one
}

// Request is one REST request as the fake received it.
type Request struct {
	Time   time.Time
	Method string
	// Path is relative to the API root, e.g. "/channels/1/messages" (the
	// /api/v10 prefix removed; attachment downloads keep their full path).
	Path  string
	Query url.Values
	// Header holds the request headers with Authorization removed.
	Header http.Header
	// HadAuthorization tells whether an Authorization header was sent;
	// AuthorizationOK whether it was exactly "Bot <token>".
	HadAuthorization bool
	AuthorizationOK  bool
	Body             []byte
	Status           int
}

// New starts a fake Discord for the test; it is shut down by tb.Cleanup.
func New(tb testing.TB, opts Options) *Server {
	tb.Helper()
	if opts.Token == "" {
		opts.Token = "fake." + randomHex(24)
	}
	if opts.AppID == "" {
		opts.AppID = newSnowflake()
	}
	if opts.BotUserID == "" {
		opts.BotUserID = opts.AppID
	}
	if opts.BotUsername == "" {
		opts.BotUsername = "timelinebot"
	}
	if len(opts.GuildIDs) == 0 {
		opts.GuildIDs = []string{newSnowflake()}
	}
	if opts.HeartbeatInterval <= 0 {
		opts.HeartbeatInterval = 45 * time.Second
	}
	if opts.AckDeadline <= 0 {
		opts.AckDeadline = 3 * time.Second
	}
	if opts.TokenLifetime <= 0 {
		opts.TokenLifetime = 15 * time.Minute
	}
	if opts.ApplicationFlags == 0 {
		opts.ApplicationFlags = 1 << 19
	}
	s := &Server{
		tb:           tb,
		opts:         opts,
		changed:      make(chan struct{}),
		interactions: map[string]*interactionState{},
		byToken:      map[string]*interactionState{},
		messages:     map[string]*Message{},
		channels:     map[string]*channelInfo{},
		users:        map[string]User{},
		dmChannels:   map[string]string{},
		commands:     map[string][]map[string]any{},
		attachments:  map[string]attachmentFile{},
	}
	s.gw.sessions = map[string]*gwSession{}
	s.gw.conns = map[*gwConn]struct{}{}
	s.defaultUser = User{ID: newSnowflake(), Username: "tester", GlobalName: "Tester"}
	s.users[s.defaultUser.ID] = s.defaultUser
	s.users[opts.BotUserID] = s.BotUser()
	s.defaultChannelID = newSnowflake()
	for i, g := range opts.GuildIDs {
		name := "general"
		if i > 0 {
			name = fmt.Sprintf("general-%d", i)
		}
		id := newSnowflake()
		if i == 0 {
			id = s.defaultChannelID
		}
		s.channels[id] = &channelInfo{ID: id, GuildID: g, Type: 0, Name: name}
	}

	s.spec = loadSpecFor(tb, opts.OpenAPISpecPath)

	// Listen on 127.0.0.1 explicitly so URLs are stable and IPv4.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("fakediscord: listen: %v", err)
	}
	s.hs = httptest.NewUnstartedServer(http.HandlerFunc(s.serveHTTP))
	s.hs.Listener.Close()
	s.hs.Listener = l
	s.hs.Start()
	tb.Cleanup(s.close)
	return s
}

func (s *Server) close() {
	s.mu.Lock()
	s.closed = true
	s.notifyLocked()
	s.mu.Unlock()
	s.gw.shutdown()
	s.hs.Close()
	s.gw.wg.Wait()
	if s.opts.AllowViolations {
		return
	}
	if v := s.Violations(); len(v) > 0 {
		s.tb.Errorf("fakediscord: %d Discord rule violation(s) recorded and not asserted (set Options.AllowViolations or call TakeViolations in tests that provoke them):\n  - %s",
			len(v), strings.Join(v, "\n  - "))
	}
}

// URL returns the server root, e.g. http://127.0.0.1:PORT.
func (s *Server) URL() string { return s.hs.URL }

// APIURL returns the REST API root, http://127.0.0.1:PORT/api/v10.
func (s *Server) APIURL() string { return s.hs.URL + "/api/v10" }

// GatewayURL returns the websocket URL served by GET /gateway.
func (s *Server) GatewayURL() string { return "ws" + strings.TrimPrefix(s.hs.URL, "http") + "/gateway" }

// Token returns the bot token (without the "Bot " prefix).
func (s *Server) Token() string { return s.opts.Token }

// AppID returns the application id.
func (s *Server) AppID() string { return s.opts.AppID }

// BotUserID returns the bot user's id.
func (s *Server) BotUserID() string { return s.opts.BotUserID }

// BotUser returns the bot user.
func (s *Server) BotUser() User {
	return User{ID: s.opts.BotUserID, Username: s.opts.BotUsername, Bot: true}
}

// GuildID returns the first (default) guild id.
func (s *Server) GuildID() string { return s.opts.GuildIDs[0] }

// ChannelID returns the default guild's default text channel id.
func (s *Server) ChannelID() string { return s.defaultChannelID }

// DefaultUser returns the user that builders use when no user is given.
func (s *Server) DefaultUser() User { return s.defaultUser }

// Requests returns every REST request received so far, in arrival order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Violations returns the Discord rule violations recorded so far (readable
// text naming the endpoint and the rule).
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.violations...)
}

// TakeViolations returns the violations recorded so far and forgets them, so
// the cleanup check does not report them again.
func (s *Server) TakeViolations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := s.violations
	s.violations = nil
	return v
}

// AssertNoViolations fails t if any violation was recorded.
func (s *Server) AssertNoViolations(t testing.TB) {
	t.Helper()
	if v := s.Violations(); len(v) > 0 {
		t.Errorf("fakediscord: %d Discord rule violation(s):\n  - %s", len(v), strings.Join(v, "\n  - "))
	}
}

// WaitViolation waits until a recorded violation contains substr.
func (s *Server) WaitViolation(ctx context.Context, substr string) (string, error) {
	return waitFor(ctx, s, "violation containing "+fmt.Sprintf("%q", substr), func() (string, bool) {
		for _, v := range s.violations {
			if strings.Contains(v, substr) {
				return v, true
			}
		}
		return "", false
	})
}

func (s *Server) violation(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	msg = strings.ReplaceAll(msg, s.opts.Token, "<token>")
	s.mu.Lock()
	s.violations = append(s.violations, msg)
	closed := s.closed
	s.notifyLocked()
	s.mu.Unlock()
	if !closed {
		s.tb.Logf("fakediscord violation: %s", msg)
	}
}

func (s *Server) logf(format string, args ...any) {
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if !closed {
		s.tb.Logf("fakediscord: "+format, args...)
	}
}

// notifyLocked wakes every waiter; s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// waitFor re-evaluates check (under s.mu) on every state change until it
// reports true or ctx ends.
func waitFor[T any](ctx context.Context, s *Server, what string, check func() (T, bool)) (T, error) {
	for {
		s.mu.Lock()
		v, ok := check()
		ch := s.changed
		closed := s.closed
		s.mu.Unlock()
		if ok {
			return v, nil
		}
		if closed {
			var zero T
			return zero, fmt.Errorf("fakediscord: waiting for %s: server closed", what)
		}
		select {
		case <-ch:
		case <-ctx.Done():
			var zero T
			return zero, fmt.Errorf("fakediscord: waiting for %s: %w", what, ctx.Err())
		}
	}
}

// RateLimitNext makes the next request whose method equals method (any
// method when "") and whose API path (relative to /api/v10, e.g.
// "/channels/") starts with pathPrefix answer 429 with Discord's headers and
// body, asking to retry after retryAfter.
func (s *Server) RateLimitNext(method, pathPrefix string, retryAfter time.Duration) {
	s.RateLimitN(method, pathPrefix, retryAfter, 1)
}

// RateLimitN is RateLimitNext for the next n matching requests; n < 0 refuses
// every matching request, like a client Discord keeps rate limiting, until
// ClearRateLimits. Tests count the requests a client makes under it
// (Requests, Status 429): Discord bans clients that make 10,000 invalid
// requests in 10 minutes.
func (s *Server) RateLimitN(method, pathPrefix string, retryAfter time.Duration, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rateLimits = append(s.rateLimits, &pendingRateLimit{method: strings.ToUpper(method), prefix: pathPrefix, retryAfter: retryAfter, times: n})
}

// ClearRateLimits drops every pending 429 set up by RateLimitNext or RateLimitN.
func (s *Server) ClearRateLimits() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rateLimits = nil
}

func (s *Server) takeRateLimit(method, path string) *pendingRateLimit {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, rl := range s.rateLimits {
		if (rl.method == "" || rl.method == method) && strings.HasPrefix(path, rl.prefix) {
			if rl.times > 0 {
				rl.times--
			}
			if rl.times == 0 {
				s.rateLimits = append(s.rateLimits[:i], s.rateLimits[i+1:]...)
			}
			return rl
		}
	}
	return nil
}

// AddAttachment stores a file as if a user had uploaded it and returns its
// CDN-style URL (served by the fake without authentication).
func (s *Server) AddAttachment(filename string, content []byte) string {
	return s.addAttachment(filename, content).URL
}

func (s *Server) addAttachment(filename string, content []byte) attachmentFile {
	id := newSnowflake()
	p := "/attachments/" + s.defaultChannelID + "/" + id + "/" + url.PathEscape(filename)
	ex := fmt.Sprintf("%x", time.Now().Add(24*time.Hour).Unix())
	a := attachmentFile{
		ID:          id,
		Filename:    filename,
		ContentType: contentTypeFor(filename, content),
		Content:     append([]byte(nil), content...),
		URL:         s.hs.URL + p + "?ex=" + ex + "&is=" + fmt.Sprintf("%x", time.Now().Unix()) + "&hm=" + randomHex(32) + "&",
	}
	s.mu.Lock()
	s.attachments[p] = a
	s.mu.Unlock()
	return a
}

func (s *Server) attachmentByURL(u string) (attachmentFile, bool) {
	pu, err := url.Parse(u)
	if err != nil {
		return attachmentFile{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.attachments[pu.Path]
	return a, ok
}

// Commands returns the application commands registered globally (guildID
// "") or for a guild, as the fake stores and serves them.
func (s *Server) Commands(guildID string) []Command {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Command, 0, len(s.commands[guildID]))
	for _, c := range s.commands[guildID] {
		out = append(out, commandFromMap(c))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// WaitCommands waits until at least one command is registered globally
// (guildID "") or for the guild, and returns them.
func (s *Server) WaitCommands(ctx context.Context, guildID string) ([]Command, error) {
	_, err := waitFor(ctx, s, "application commands", func() (bool, bool) {
		return true, len(s.commands[guildID]) > 0
	})
	if err != nil {
		return nil, err
	}
	return s.Commands(guildID), nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}
