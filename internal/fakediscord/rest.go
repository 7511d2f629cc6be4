package fakediscord

import (
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"time"
)

type authMode int

const (
	authBot   authMode = iota // Authorization: Bot <token> required
	authToken                 // authenticated by the token in the URL
)

type route struct {
	method  string
	pattern string
	segs    []string
	auth    authMode
	body    bool // the endpoint takes a JSON (or multipart payload_json) body
	handler func(*reqCtx)
}

// reqCtx is one REST request being served.
type reqCtx struct {
	s       *Server
	w       http.ResponseWriter
	r       *http.Request
	arrival time.Time
	path    string // relative to /api/v10
	params  []string
	route   *route
	body    []byte // JSON body (payload_json of multipart requests)
	raw     []byte // the body as received (form-encoded OAuth2 requests)
	files   []Attachment
	v       any // decoded body
}

func (s *Server) routes() []*route {
	rs := []*route{
		{method: "GET", pattern: "/gateway", handler: s.handleGateway},
		{method: "GET", pattern: "/gateway/bot", handler: s.handleGatewayBot},
		{method: "GET", pattern: "/users/@me", handler: s.handleMe},
		{method: "POST", pattern: "/users/@me/channels", body: true, handler: s.handleCreateDM},
		{method: "GET", pattern: "/users/{user_id}", handler: s.handleGetUser},
		{method: "GET", pattern: "/applications/@me", handler: s.handleApplication},
		{method: "GET", pattern: "/oauth2/applications/@me", handler: s.handleApplication},
		{method: "GET", pattern: "/applications/{application_id}/commands", handler: s.handleGetCommands},
		{method: "PUT", pattern: "/applications/{application_id}/commands", body: true, handler: s.handleBulkCommands},
		{method: "POST", pattern: "/applications/{application_id}/commands", body: true, handler: s.handleCreateCommand},
		{method: "GET", pattern: "/applications/{application_id}/commands/{command_id}", handler: s.handleGetCommand},
		{method: "PATCH", pattern: "/applications/{application_id}/commands/{command_id}", body: true, handler: s.handleEditCommand},
		{method: "DELETE", pattern: "/applications/{application_id}/commands/{command_id}", handler: s.handleDeleteCommand},
		{method: "GET", pattern: "/applications/{application_id}/guilds/{guild_id}/commands", handler: s.handleGetCommands},
		{method: "PUT", pattern: "/applications/{application_id}/guilds/{guild_id}/commands", body: true, handler: s.handleBulkCommands},
		{method: "POST", pattern: "/applications/{application_id}/guilds/{guild_id}/commands", body: true, handler: s.handleCreateCommand},
		{method: "GET", pattern: "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}", handler: s.handleGetCommand},
		{method: "PATCH", pattern: "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}", body: true, handler: s.handleEditCommand},
		{method: "DELETE", pattern: "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}", handler: s.handleDeleteCommand},
		{method: "POST", pattern: "/interactions/{interaction_id}/{interaction_token}/callback", auth: authToken, body: true, handler: s.handleCallback},
		{method: "GET", pattern: "/webhooks/{webhook_id}/{webhook_token}/messages/@original", auth: authToken, handler: s.handleWebhookMessage},
		{method: "PATCH", pattern: "/webhooks/{webhook_id}/{webhook_token}/messages/@original", auth: authToken, body: true, handler: s.handleWebhookMessage},
		{method: "DELETE", pattern: "/webhooks/{webhook_id}/{webhook_token}/messages/@original", auth: authToken, handler: s.handleWebhookMessage},
		{method: "GET", pattern: "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}", auth: authToken, handler: s.handleWebhookMessage},
		{method: "PATCH", pattern: "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}", auth: authToken, body: true, handler: s.handleWebhookMessage},
		{method: "DELETE", pattern: "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}", auth: authToken, handler: s.handleWebhookMessage},
		{method: "POST", pattern: "/webhooks/{webhook_id}/{webhook_token}", auth: authToken, body: true, handler: s.handleFollowup},
		{method: "GET", pattern: "/channels/{channel_id}", handler: s.handleGetChannel},
		{method: "POST", pattern: "/channels/{channel_id}/typing", handler: s.handleTyping},
		{method: "POST", pattern: "/channels/{channel_id}/messages", body: true, handler: s.handleChannelPost},
		{method: "GET", pattern: "/channels/{channel_id}/messages/{message_id}", handler: s.handleChannelMessage},
		{method: "PATCH", pattern: "/channels/{channel_id}/messages/{message_id}", body: true, handler: s.handleChannelMessage},
		{method: "DELETE", pattern: "/channels/{channel_id}/messages/{message_id}", handler: s.handleChannelMessage},
	}
	rs = append(rs, s.oauthRoutes()...) // oauth2.go
	for _, r := range rs {
		r.segs = strings.Split(strings.Trim(r.pattern, "/"), "/")
	}
	return rs
}

// match finds the route; methodMismatch reports a known path with another method.
func match(rs []*route, method, path string) (r *route, params []string, methodMismatch bool) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for _, rt := range rs {
		if len(rt.segs) != len(segs) {
			continue
		}
		var ps []string
		ok := true
		for i, seg := range rt.segs {
			if strings.HasPrefix(seg, "{") {
				if segs[i] == "" {
					ok = false
					break
				}
				ps = append(ps, segs[i])
			} else if seg != segs[i] {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if rt.method != method {
			methodMismatch = true
			continue
		}
		return rt, ps, false
	}
	return nil, nil, methodMismatch
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	arrival := time.Now()
	p := r.URL.Path
	if p == "/gateway" || p == "/gateway/" {
		s.serveGateway(w, r)
		return
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, 32<<20))
	hdr := r.Header.Clone()
	hdr.Del("Authorization")
	authz := r.Header.Get("Authorization")
	rec := Request{
		Time: arrival, Method: r.Method, Path: p, Query: r.URL.Query(), Header: hdr,
		HadAuthorization: authz != "", AuthorizationOK: authz == "Bot "+s.opts.Token, Body: body,
	}
	sw := &statusWriter{ResponseWriter: w}
	defer func() {
		rec.Status = sw.status
		if rec.Status == 0 {
			rec.Status = http.StatusOK
		}
		// Handlers change state without waking waiters; they are woken here,
		// after the response is on the wire, so that a test's Wait* returns
		// when the bot has its answer (not while its request is in flight).
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		s.mu.Lock()
		s.requests = append(s.requests, rec)
		s.notifyLocked()
		s.mu.Unlock()
	}()

	if strings.HasPrefix(p, "/attachments/") {
		s.serveAttachment(sw, r)
		return
	}
	if p == "/oauth2/authorize" {
		s.serveAuthorize(sw, r) // oauth2.go: the browser page, outside the API
		return
	}
	const prefix = "/api/v10"
	if !strings.HasPrefix(p, prefix+"/") {
		if strings.HasPrefix(p, "/api/") {
			s.violation("%s %s: the fake serves API v10 only (discordgo builds /api/v9/ URLs: rewrite them to DISCORD_API_URL)", r.Method, p)
		}
		writeError(sw, http.StatusNotFound, 0, "404: Not Found")
		return
	}
	apiPath := strings.TrimPrefix(p, prefix)
	rec.Path = apiPath
	rt, params, mismatch := match(s.routeTable(), r.Method, apiPath)
	if rt == nil {
		if mismatch {
			writeError(sw, http.StatusMethodNotAllowed, 0, "405: Method Not Allowed")
			return
		}
		s.violation("%s %s: no such route in the fake (Discord answers 404)", r.Method, apiPath)
		writeError(sw, http.StatusNotFound, 0, "404: Not Found")
		return
	}
	c := &reqCtx{s: s, w: sw, r: r, arrival: arrival, path: apiPath, params: params, route: rt, raw: body}
	switch rt.auth {
	case authBot:
		if !rec.AuthorizationOK {
			why := "no Authorization header"
			switch {
			case authz == "":
			case !strings.HasPrefix(authz, "Bot "):
				why = "Authorization header without the \"Bot \" prefix (discordgo sends Session.Token verbatim: use discordgo.New(\"Bot \" + token))"
			default:
				why = "Authorization header with a wrong token"
			}
			s.violation("%s %s: 401 Unauthorized: %s", r.Method, c.displayPath(), why)
			c.setRateLimitHeaders(4, time.Second)
			writeError(sw, http.StatusUnauthorized, 0, "401: Unauthorized")
			return
		}
	case authToken:
		if rec.HadAuthorization && !rec.AuthorizationOK {
			s.violation("%s %s: an Authorization header that is not \"Bot <token>\" was sent (Discord authenticates this endpoint by the URL token; a wrong header leaks or misuses credentials)", r.Method, c.displayPath())
		}
	}
	if rl := s.takeRateLimit(r.Method, apiPath); rl != nil {
		c.rateLimited(rl.retryAfter)
		return
	}
	c.setRateLimitHeaders(4, time.Second)
	if rt.body {
		if !c.parseBody(body) {
			return
		}
	}
	rt.handler(c)
}

func (s *Server) routeTable() []*route {
	s.routesOnce.Do(func() { s.routeList = s.routes() })
	return s.routeList
}

// displayPath is the API path with interaction/webhook tokens elided.
func (c *reqCtx) displayPath() string {
	segs := strings.Split(c.route.pattern, "/")
	i := 0
	for k, seg := range segs {
		if strings.HasPrefix(seg, "{") {
			if strings.HasSuffix(seg, "_token}") {
				segs[k] = "{token}"
			} else if i < len(c.params) {
				segs[k] = c.params[i]
			}
			i++
		}
	}
	return strings.Join(segs, "/")
}

func (c *reqCtx) bucket() string {
	major := ""
	if len(c.params) > 0 {
		switch {
		case strings.HasPrefix(c.route.pattern, "/channels/"), strings.HasPrefix(c.route.pattern, "/webhooks/"), strings.HasPrefix(c.route.pattern, "/interactions/"):
			major = c.params[0]
			if len(c.params) > 1 && !strings.HasPrefix(c.route.pattern, "/channels/") {
				major += "/" + c.params[1]
			}
		case strings.Contains(c.route.pattern, "{guild_id}"):
			major = c.params[len(c.params)-1] // /applications/{a}/guilds/{g}/…, /guilds/{g}, /users/@me/guilds/{g}/member
			if len(c.params) > 1 {
				major = c.params[1]
			}
		}
	}
	h := sha1.Sum([]byte(c.route.method + " " + c.route.pattern + " " + major))
	return hex.EncodeToString(h[:8])
}

func (c *reqCtx) setRateLimitHeaders(remaining int, resetAfter time.Duration) {
	h := c.w.Header()
	h.Set("X-RateLimit-Limit", "5")
	h.Set("X-RateLimit-Remaining", strconv.Itoa(remaining))
	reset := time.Now().Add(resetAfter)
	h.Set("X-RateLimit-Reset", strconv.FormatFloat(float64(reset.UnixMilli())/1000, 'f', 3, 64))
	h.Set("X-RateLimit-Reset-After", strconv.FormatFloat(resetAfter.Seconds(), 'f', 3, 64))
	h.Set("X-RateLimit-Bucket", c.bucket())
}

func (c *reqCtx) rateLimited(retryAfter time.Duration) {
	c.setRateLimitHeaders(0, retryAfter)
	h := c.w.Header()
	h.Set("Retry-After", strconv.Itoa(int(math.Ceil(retryAfter.Seconds()))))
	h.Set("X-RateLimit-Scope", "user")
	writeJSON(c.w, http.StatusTooManyRequests, map[string]any{
		"message":     "You are being rate limited.",
		"retry_after": math.Round(retryAfter.Seconds()*1000) / 1000,
		"global":      false,
	})
}

// parseBody extracts the JSON body (payload_json for multipart) and decodes
// it; on failure it answers 400 and returns false.
func (c *reqCtx) parseBody(raw []byte) bool {
	ct := c.r.Header.Get("Content-Type")
	mt, params, _ := mime.ParseMediaType(ct)
	switch {
	case len(raw) == 0:
		return true
	case mt == "multipart/form-data":
		mr := multipart.NewReader(bytes.NewReader(raw), params["boundary"])
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				c.s.violation("%s %s: malformed multipart body: %v", c.r.Method, c.displayPath(), err)
				writeError(c.w, http.StatusBadRequest, 50035, "Invalid Form Body")
				return false
			}
			data, _ := io.ReadAll(part)
			switch name := part.FormName(); {
			case name == "payload_json":
				c.body = data
			case strings.HasPrefix(name, "files["):
				a := c.s.addAttachment(part.FileName(), data)
				c.files = append(c.files, Attachment{ID: a.ID, Filename: a.Filename, Size: len(data), URL: a.URL, ProxyURL: a.URL, ContentType: part.Header.Get("Content-Type"), Content: data})
			}
		}
		if c.body == nil {
			return true
		}
	case mt == "application/json":
		c.body = raw
	default:
		c.s.violation("%s %s: body sent with Content-Type %q; Discord expects application/json or multipart/form-data", c.r.Method, c.displayPath(), ct)
		writeError(c.w, http.StatusBadRequest, 50035, "Invalid Form Body")
		return false
	}
	if !json.Valid(c.body) {
		c.s.violation("%s %s: the body is not valid JSON", c.r.Method, c.displayPath())
		writeError(c.w, http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
		return false
	}
	_ = json.Unmarshal(c.body, &c.v)
	return true
}

// obj returns the decoded body as an object (nil when it is not one).
func (c *reqCtx) obj() map[string]any {
	m, _ := c.v.(map[string]any)
	return m
}

// check answers 400 when fe has errors, then validates the request against
// the OpenAPI description. It returns false when the request was refused.
func (c *reqCtx) check(fe *formErrors) bool {
	if !fe.empty() {
		c.s.violation("%s %s: 400 Invalid Form Body: %s", c.r.Method, c.displayPath(), fe.String())
		writeJSON(c.w, http.StatusBadRequest, map[string]any{"message": "Invalid Form Body", "code": 50035, "errors": fe.body()})
		return false
	}
	return c.checkOpenAPI()
}

func (c *reqCtx) checkOpenAPI() bool {
	if c.s.spec == nil {
		return true
	}
	var body []byte
	if len(c.body) > 0 {
		body = c.body
	}
	problem, err := c.s.spec.validate(c.r.Method, c.path, c.r.URL.RawQuery, body)
	if err != nil {
		c.s.mu.Lock()
		closed := c.s.closed
		c.s.mu.Unlock()
		if !closed {
			c.s.tb.Errorf("fakediscord: OpenAPI validation failed internally (a fake/spec problem, not the bot's): %v", err)
		}
		return true
	}
	if problem == "" {
		return true
	}
	problem = strings.ReplaceAll(problem, c.r.URL.Path, c.displayPath())
	c.s.violation("%s %s: body does not match Discord's OpenAPI description: %s", c.r.Method, c.displayPath(), problem)
	writeJSON(c.w, http.StatusBadRequest, map[string]any{
		"message": "Invalid Form Body", "code": 50035,
		"errors": map[string]any{"_errors": []any{map[string]any{"code": "OPENAPI_SCHEMA_MISMATCH", "message": problem}}},
	})
	return false
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("fakediscord: encoding response: %v", err))
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func writeError(w http.ResponseWriter, status, code int, msg string) {
	writeJSON(w, status, map[string]any{"message": msg, "code": code})
}

func (c *reqCtx) fail(status, code int, msg, why string) {
	if why != "" {
		c.s.violation("%s %s: %d %s (code %d): %s", c.r.Method, c.displayPath(), status, msg, code, why)
	}
	writeError(c.w, status, code, msg)
}

func (s *Server) serveAttachment(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	a, ok := s.attachments[r.URL.Path]
	s.mu.Unlock()
	if !ok || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
		http.Error(w, "This content is no longer available.", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", a.ContentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(a.Content)))
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodGet {
		_, _ = w.Write(a.Content)
	}
}

// ---- simple endpoints ----

func (s *Server) handleGateway(c *reqCtx) {
	writeJSON(c.w, http.StatusOK, map[string]any{"url": s.GatewayURL()})
}

func (s *Server) handleGatewayBot(c *reqCtx) {
	s.mu.Lock()
	n := s.gw.identifies
	s.mu.Unlock()
	writeJSON(c.w, http.StatusOK, map[string]any{
		"url":    s.GatewayURL(),
		"shards": 1,
		"session_start_limit": map[string]any{
			"total": 1000, "remaining": 1000 - n, "reset_after": 86400000, "max_concurrency": 1,
		},
	})
}

func (s *Server) handleMe(c *reqCtx) {
	u := s.BotUser().json()
	u["verified"] = true
	u["mfa_enabled"] = false
	u["locale"] = "en-US"
	u["email"] = nil
	writeJSON(c.w, http.StatusOK, u)
}

func (s *Server) handleGetUser(c *reqCtx) {
	s.mu.Lock()
	u, ok := s.users[c.params[0]]
	s.mu.Unlock()
	if !ok {
		c.fail(http.StatusNotFound, 10013, "Unknown User", "")
		return
	}
	writeJSON(c.w, http.StatusOK, u.json())
}

func (s *Server) applicationJSON() map[string]any {
	owner := s.defaultUser.json()
	return map[string]any{
		"id":                        s.opts.AppID,
		"name":                      s.opts.BotUsername,
		"icon":                      nil,
		"description":               "",
		"summary":                   "",
		"type":                      nil,
		"bot_public":                true,
		"bot_require_code_grant":    false,
		"verify_key":                strings.Repeat("0", 64),
		"flags":                     s.opts.ApplicationFlags,
		"owner":                     owner,
		"team":                      nil,
		"bot":                       s.BotUser().json(),
		"hook":                      true,
		"is_monetized":              false,
		"redirect_uris":             []any{},
		"interactions_endpoint_url": nil,
		"integration_types_config":  map[string]any{"0": map[string]any{}},
	}
}

func (s *Server) handleApplication(c *reqCtx) {
	writeJSON(c.w, http.StatusOK, s.applicationJSON())
}

func (s *Server) handleGetChannel(c *reqCtx) {
	s.mu.Lock()
	ch, ok := s.channels[c.params[0]]
	var out map[string]any
	if ok {
		out = ch.json()
		if ch.GuildID == "" {
			if u, ok := s.users[ch.UserID]; ok {
				out["recipients"] = []any{u.json()}
			}
		}
	}
	s.mu.Unlock()
	if !ok {
		c.fail(http.StatusNotFound, 10003, "Unknown Channel", "the bot asked for a channel it never saw")
		return
	}
	writeJSON(c.w, http.StatusOK, out)
}

func (s *Server) handleTyping(c *reqCtx) {
	s.mu.Lock()
	_, ok := s.channels[c.params[0]]
	s.mu.Unlock()
	if !ok {
		c.fail(http.StatusNotFound, 10003, "Unknown Channel", "typing in a channel the bot never saw")
		return
	}
	c.w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleCreateDM(c *reqCtx) {
	fe := &formErrors{}
	m := c.obj()
	rid, _ := str(m, "recipient_id")
	if !isSnowflake(rid) {
		fe.add([]string{"recipient_id"}, "NUMBER_TYPE_COERCE", "Value %q is not snowflake.", rid)
	}
	if !c.check(fe) {
		return
	}
	ch := s.dmChannel(User{ID: rid, Username: "user" + rid})
	s.mu.Lock()
	out := ch.json()
	out["recipients"] = []any{s.users[rid].json()}
	s.mu.Unlock()
	writeJSON(c.w, http.StatusOK, out)
}

// dmChannel returns (creating it if needed) the DM channel with u.
func (s *Server) dmChannel(u User) *channelInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.users[u.ID]; !ok {
		s.users[u.ID] = u
	}
	if id, ok := s.dmChannels[u.ID]; ok {
		return s.channels[id]
	}
	ch := &channelInfo{ID: newSnowflake(), Type: 1, UserID: u.ID}
	s.channels[ch.ID] = ch
	s.dmChannels[u.ID] = ch.ID
	return ch
}

// AddChannelWithID registers a text channel of the default guild with a chosen id, for tests
// that must name it before the fake exists (a bot's settings).
func (s *Server) AddChannelWithID(id, name string) {
	s.mu.Lock()
	s.channels[id] = &channelInfo{ID: id, GuildID: s.GuildID(), Type: 0, Name: name}
	s.mu.Unlock()
}

// WaitRequest waits until the bot has made a request (answered) of method on path, e.g.
// "GET", "/channels/1".
func (s *Server) WaitRequest(ctx context.Context, method, path string) (Request, error) {
	return waitFor(ctx, s, method+" "+path, func() (Request, bool) {
		for _, r := range s.requests {
			if r.Method == method && r.Path == path {
				return r, true
			}
		}
		return Request{}, false
	})
}

// AddThread registers a public thread (type 11) of the guild channel parentID and returns its id.
func (s *Server) AddThread(parentID, name string) string {
	id := newSnowflake()
	s.mu.Lock()
	guild := s.GuildID()
	if p := s.channels[parentID]; p != nil {
		guild = p.GuildID
	}
	s.channels[id] = &channelInfo{ID: id, GuildID: guild, Type: 11, Name: name, ParentID: parentID}
	s.mu.Unlock()
	return id
}

// AddChannel registers a guild text channel the bot can see and post in and
// returns its id (guildID "" = the default guild).
func (s *Server) AddChannel(guildID, name string) string {
	if guildID == "" {
		guildID = s.GuildID()
	}
	id := newSnowflake()
	s.mu.Lock()
	s.channels[id] = &channelInfo{ID: id, GuildID: guildID, Type: 0, Name: name}
	s.mu.Unlock()
	return id
}
