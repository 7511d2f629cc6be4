// Package admin is the moderators' web page, served under /admin/ on HTTP_ADDR: what people
// asked, what the bot refused and why (with the events and passages that came nearest), the
// Wrong event clicks, a searchable question log, and the knowledge versions with a diff between
// any two and a rollback.
//
// Pages are rendered on the server with html/template (so everything a user typed is escaped),
// work without JavaScript and carry no script at all; charts are SVG drawn here. Nobody gets a
// page without a session: a moderator logs in with Discord (OAuth2, the same moderator rule as
// /reload) or with a single-use link from `timelinebot admin-link`. Sessions live in this
// process's memory; every state-changing request (a POST) needs the session's CSRF token.
package admin

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/timelinebot/timelinebot/knowledge"
	"github.com/timelinebot/timelinebot/store"
)

// Reloader installs a knowledge file's content (a rollback installs a stored version's); the
// reload package's Manager is one.
type Reloader interface {
	Reload(ctx context.Context, trigger string, data []byte) (knowledge.ReloadReport, error)
	Available() bool
}

// OAuth is the Discord application's OAuth2 setup; the zero value turns Discord login off (the
// page then takes admin-link logins only).
type OAuth struct {
	// ClientID is the application id, ClientSecret its OAuth2 secret (DISCORD_CLIENT_SECRET).
	ClientID, ClientSecret string
	// APIURL is Discord's REST API root (DISCORD_API_URL); the authorization page and the token
	// endpoint are derived from it.
	APIURL string
	// BotToken reads the home server's roles, to compute a member's permissions.
	BotToken string
}

func (o OAuth) enabled() bool { return o.ClientSecret != "" && o.ClientID != "" && o.APIURL != "" }

// Options configure the page.
type Options struct {
	// Store is the database the page reads (required).
	Store *store.Store
	// Knowledge is the timeline served, for nearest events and event titles (required).
	Knowledge *knowledge.Store
	// Reloader installs a rolled-back version; nil (or not Available) disables rollback.
	Reloader Reloader
	// BaseURL is the page's public URL without /admin (ADMIN_BASE_URL), e.g.
	// https://bot.example.org; the OAuth2 redirect and login links are built on it. Cookies are
	// Secure when it is https.
	BaseURL string
	OAuth   OAuth
	// GuildID is the home server (DISCORD_GUILD_ID); ModeratorRoleIDs the moderator roles.
	GuildID          string
	ModeratorRoleIDs []string
	// SessionTTL bounds a session; 0 means DefaultSessionTTL.
	SessionTTL time.Duration
	// LoginRate and LoginBurst bound login attempts per client address; 0 means the defaults.
	LoginRate  rate.Limit
	LoginBurst int
	Logger     *slog.Logger
	// HTTPClient talks to Discord; nil means a client with a 10-second timeout.
	HTTPClient *http.Client
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Defaults.
const (
	DefaultSessionTTL = 12 * time.Hour
	// LinkLifetime is how long an admin-link login link stays good.
	LinkLifetime = 10 * time.Minute
	// Login attempts: 5 at once, then one every 6 seconds, per client address.
	defaultLoginRate  = rate.Limit(1.0 / 6)
	defaultLoginBurst = 5
)

// Handler serves the page.
type Handler struct {
	opts Options
	log  *slog.Logger
	mux  *http.ServeMux
	now  func() time.Time

	cache caches // cache.go

	mu       sync.Mutex
	sessions map[string]*session // by the hash of the cookie's token
	limiters map[string]*limiterEntry
	lastGC   time.Time
}

type session struct {
	// Who is "discord:<user id>" or "admin-link"; Name is shown.
	Who, Name string
	CSRF      string
	Expires   time.Time
}

type limiterEntry struct {
	l    *rate.Limiter
	seen time.Time
}

// Cookie names. The session cookie is scoped to /admin/.
const (
	sessionCookie = "timelinebot_admin"
	stateCookie   = "timelinebot_oauth_state"
)

// New returns the page's handler, to mount at /admin/.
func New(opts Options) (*Handler, error) {
	if opts.Store == nil || opts.Knowledge == nil {
		return nil, errors.New("the moderators' page needs the database (DATABASE_URL) and the knowledge served")
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.SessionTTL <= 0 {
		opts.SessionTTL = DefaultSessionTTL
	}
	if opts.LoginRate <= 0 {
		opts.LoginRate = defaultLoginRate
	}
	if opts.LoginBurst <= 0 {
		opts.LoginBurst = defaultLoginBurst
	}
	if opts.HTTPClient == nil {
		opts.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	opts.BaseURL = strings.TrimSuffix(opts.BaseURL, "/")
	h := &Handler{opts: opts, log: opts.Logger, now: opts.Now, sessions: map[string]*session{}, limiters: map[string]*limiterEntry{}}
	m := http.NewServeMux()
	// Without a session.
	m.HandleFunc("GET /admin/login", h.loginPage)
	m.HandleFunc("GET /admin/login/discord", h.discordLogin)
	m.HandleFunc("GET /admin/oauth/callback", h.limited(h.oauthCallback))
	m.HandleFunc("GET /admin/link", h.linkPage)
	m.HandleFunc("POST /admin/link", h.limited(h.linkLogin))
	m.HandleFunc("GET /admin/style.css", serveCSS)
	// With a session.
	m.HandleFunc("GET /admin/{$}", h.authed(h.overview))
	m.HandleFunc("GET /admin/refused", h.authed(h.refused))
	m.HandleFunc("GET /admin/feedback", h.authed(h.feedback))
	m.HandleFunc("GET /admin/questions", h.authed(h.questions))
	m.HandleFunc("GET /admin/versions", h.authed(h.versions))
	m.HandleFunc("GET /admin/diff", h.authed(h.diff))
	m.HandleFunc("POST /admin/rollback", h.authed(h.csrf(h.rollback)))
	m.HandleFunc("POST /admin/logout", h.authed(h.csrf(h.logout)))
	// Everything else under /admin/ needs a session too, so a wrong path tells nothing.
	m.HandleFunc("/admin/", h.authed(func(w http.ResponseWriter, r *http.Request, _ *session) { http.NotFound(w, r) }))
	h.mux = m
	return h, nil
}

// ServeHTTP sets the headers every answer carries, then routes.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	// No script runs, nothing is framed, nothing loads from elsewhere, forms post here only.
	hd.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self' "+h.formActionExtra()+"; frame-ancestors 'none'; base-uri 'none'")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("X-Frame-Options", "DENY")
	// Login links carry their token in the URL: never send it on as a Referer.
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("Cache-Control", "no-store")
	h.mux.ServeHTTP(w, r)
}

// formActionExtra allows the redirect to Discord's authorization page after a form.
func (h *Handler) formActionExtra() string {
	if u, err := url.Parse(h.authorizeURL()); err == nil && u.Host != "" {
		return u.Scheme + "://" + u.Host
	}
	return ""
}

func (h *Handler) secureCookies() bool {
	return strings.HasPrefix(strings.ToLower(h.opts.BaseURL), "https://")
}

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func hashToken(t string) string {
	s := sha256.Sum256([]byte(t))
	return hex.EncodeToString(s[:])
}

// NewLoginLink issues a single-use login link valid for LinkLifetime, kept in the database so
// the process serving the page accepts it. baseURL is the page's public URL without /admin.
func NewLoginLink(ctx context.Context, st *store.Store, baseURL string, now time.Time) (string, error) {
	tok := randomToken()
	if err := st.SaveLoginToken(ctx, hashToken(tok), now.Add(LinkLifetime)); err != nil {
		return "", err
	}
	return strings.TrimSuffix(baseURL, "/") + "/admin/link?t=" + url.QueryEscape(tok), nil
}

// newSession starts a session and sets its cookie.
func (h *Handler) newSession(w http.ResponseWriter, who, name string) {
	tok := randomToken()
	s := &session{Who: who, Name: name, CSRF: randomToken(), Expires: h.now().Add(h.opts.SessionTTL)}
	h.mu.Lock()
	h.sessions[hashToken(tok)] = s
	h.gcLocked()
	h.mu.Unlock()
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: tok, Path: "/admin/", HttpOnly: true, Secure: h.secureCookies(),
		SameSite: http.SameSiteLaxMode, Expires: s.Expires, MaxAge: int(h.opts.SessionTTL.Seconds()),
	})
	h.log.Info("admin login", "who", who)
}

// gcLocked drops expired sessions and idle limiters, at most once a minute.
func (h *Handler) gcLocked() {
	now := h.now()
	if now.Sub(h.lastGC) < time.Minute {
		return
	}
	h.lastGC = now
	for k, s := range h.sessions {
		if now.After(s.Expires) {
			delete(h.sessions, k)
		}
	}
	for k, l := range h.limiters {
		if now.Sub(l.seen) > 10*time.Minute {
			delete(h.limiters, k)
		}
	}
}

func (h *Handler) sessionOf(r *http.Request) *session {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	k := hashToken(c.Value)
	s := h.sessions[k]
	if s != nil && h.now().After(s.Expires) {
		delete(h.sessions, k)
		return nil
	}
	return s
}

type authedFunc func(w http.ResponseWriter, r *http.Request, s *session)

// authed answers only requests with a session; others are sent to the login page (a GET) or
// refused (anything else).
func (h *Handler) authed(f authedFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s := h.sessionOf(r)
		if s == nil {
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
				return
			}
			http.Error(w, "Not logged in: open /admin/login.", http.StatusUnauthorized)
			return
		}
		f(w, r, s)
	}
}

// csrf refuses a state-changing request without the session's token.
func (h *Handler) csrf(f authedFunc) authedFunc {
	return func(w http.ResponseWriter, r *http.Request, s *session) {
		r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
		got := r.PostFormValue("csrf")
		if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(s.CSRF)) != 1 {
			h.log.Warn("admin request refused: missing or wrong CSRF token", "path", r.URL.Path, "who", s.Who)
			http.Error(w, "Refused: this form is stale or did not come from the moderators' page (CSRF token missing or wrong). Reload the page and try again.", http.StatusForbidden)
			return
		}
		f(w, r, s)
	}
}

// clientAddr is the client's address for rate limiting: the connection's, since headers such as
// X-Forwarded-For are the client's to forge.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// limited rate-limits login attempts per client address.
func (h *Handler) limited(f http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		addr := clientAddr(r)
		h.mu.Lock()
		e := h.limiters[addr]
		if e == nil {
			e = &limiterEntry{l: rate.NewLimiter(h.opts.LoginRate, h.opts.LoginBurst)}
			h.limiters[addr] = e
		}
		e.seen = h.now()
		ok := e.l.AllowN(h.now(), 1)
		h.mu.Unlock()
		if !ok {
			h.log.Warn("admin login attempts rate-limited", "addr", addr)
			w.Header().Set("Retry-After", "60")
			http.Error(w, "Too many login attempts from your address; wait a minute and try again.", http.StatusTooManyRequests)
			return
		}
		f(w, r)
	}
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request, _ *session) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		h.mu.Lock()
		delete(h.sessions, hashToken(c.Value))
		h.mu.Unlock()
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/admin/", MaxAge: -1, HttpOnly: true, Secure: h.secureCookies(), SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
}

// linkPage shows the button that uses a login link: opening the link logs nobody in, so a chat
// client fetching it for a preview does not use it up.
func (h *Handler) linkPage(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "link", nil, map[string]any{"Token": r.URL.Query().Get("t")})
}

func (h *Handler) linkLogin(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	tok := r.PostFormValue("t")
	if tok == "" {
		h.render(w, r, http.StatusBadRequest, "login", nil, map[string]any{"Error": "This login link has no token; run `timelinebot admin-link` for a new one.", "Discord": h.opts.OAuth.enabled()})
		return
	}
	err := h.opts.Store.TakeLoginToken(r.Context(), hashToken(tok))
	if err != nil {
		h.log.Warn("admin login link refused", "addr", clientAddr(r), "err", err)
		msg := "This login link is unknown, expired or already used: run `timelinebot admin-link` for a new one (each works once, for 10 minutes)."
		if !errors.Is(err, store.ErrLoginTokenUnknown) {
			msg = "The login link could not be checked (the database did not answer); try again."
		}
		h.render(w, r, http.StatusForbidden, "login", nil, map[string]any{"Error": msg, "Discord": h.opts.OAuth.enabled()})
		return
	}
	h.newSession(w, "admin-link", "admin-link login")
	http.Redirect(w, r, "/admin/", http.StatusSeeOther)
}

func (h *Handler) loginPage(w http.ResponseWriter, r *http.Request) {
	if h.sessionOf(r) != nil {
		http.Redirect(w, r, "/admin/", http.StatusSeeOther)
		return
	}
	h.render(w, r, http.StatusOK, "login", nil, map[string]any{"Discord": h.opts.OAuth.enabled(), "Error": loginErrors[r.URL.Query().Get("error")]})
}
