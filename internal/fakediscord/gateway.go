package fakediscord

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Gateway opcodes.
const (
	opDispatch            = 0
	opHeartbeat           = 1
	opIdentify            = 2
	opPresenceUpdate      = 3
	opVoiceStateUpdate    = 4
	opResume              = 6
	opReconnect           = 7
	opRequestGuildMembers = 8
	opInvalidSession      = 9
	opHello               = 10
	opHeartbeatACK        = 11
	opRequestSoundboard   = 31
)

// Intent bits the fake knows about.
const (
	intentGuilds          = 1 << 0
	intentGuildMembers    = 1 << 1
	intentGuildPresences  = 1 << 8
	intentGuildMessages   = 1 << 9
	intentDirectMessages  = 1 << 12
	intentMessageContent  = 1 << 15
	intentAllKnown        = 1<<26 - 1 // bits 0..25 (some unused, Discord ignores them)
	replayBufferCapacity  = 5000
	gatewayWriteDeadline  = 5 * time.Second
	gatewayGraceAfterBeat = time.Second
)

// IdentifyInfo describes the last IDENTIFY the fake accepted.
type IdentifyInfo struct {
	Time    time.Time
	Intents int64
	// Shard is [shard_id, num_shards]; ShardSent tells whether the client
	// sent the field (discordgo omits it when ShardCount <= 1).
	Shard          [2]int
	ShardSent      bool
	Compress       bool
	LargeThreshold int
	// Properties as sent (discordgo v0.29.0 sends the legacy "$os",
	// "$browser", "$device" keys).
	Properties map[string]string
	Presence   json.RawMessage
	// TokenHadBotPrefix is true when the token was sent as "Bot <token>"
	// (discordgo sends Session.Token verbatim).
	TokenHadBotPrefix bool
	SessionID         string
}

type gateway struct {
	mu       sync.Mutex
	sessions map[string]*gwSession
	order    []*gwSession // identify order
	conns    map[*gwConn]struct{}
	closed   bool
	wg       sync.WaitGroup

	// Guarded by Server.mu (so waitFor can see them).
	identifies   int
	resumes      int
	heartbeats   int
	lastIdentify IdentifyInfo
}

type gwSession struct {
	id       string
	seq      int64
	buffer   []gwFrame
	dropped  int64 // highest seq trimmed from buffer
	conn     *gwConn
	intents  int64
	shard    [2]int
	compress bool
	invalid  bool
}

type gwFrame struct {
	seq     int64
	payload []byte
}

type gwConn struct {
	ws       *websocket.Conn
	wmu      sync.Mutex
	compress bool // per-payload zlib for dispatches (IDENTIFY compress:true)
	zw       *zlib.Writer
	zbuf     *bytes.Buffer
	session  *gwSession // guarded by gateway.mu
	dead     bool       // guarded by gateway.mu
}

type gwPayload struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
	S  *int64          `json:"s"`
	T  *string         `json:"t"`
}

func encodeFrame(op int, d any, seq int64, t string) []byte {
	m := map[string]any{"op": op, "d": d, "s": nil, "t": nil}
	if op == opDispatch {
		m["s"] = seq
		m["t"] = t
	}
	b, err := json.Marshal(m)
	if err != nil {
		panic(fmt.Sprintf("fakediscord: encoding gateway payload: %v", err))
	}
	return b
}

func (c *gwConn) send(payload []byte, dispatch bool) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_ = c.ws.SetWriteDeadline(time.Now().Add(gatewayWriteDeadline))
	switch {
	case c.zw != nil: // transport compression: one zlib stream, sync-flushed per message
		c.zbuf.Reset()
		if _, err := c.zw.Write(payload); err != nil {
			return err
		}
		if err := c.zw.Flush(); err != nil {
			return err
		}
		return c.ws.WriteMessage(websocket.BinaryMessage, c.zbuf.Bytes())
	case dispatch && c.compress: // payload compression: each message its own zlib stream
		var b bytes.Buffer
		zw := zlib.NewWriter(&b)
		_, _ = zw.Write(payload)
		_ = zw.Close()
		return c.ws.WriteMessage(websocket.BinaryMessage, b.Bytes())
	default:
		return c.ws.WriteMessage(websocket.TextMessage, payload)
	}
}

func (c *gwConn) closeWith(code int, text string) {
	c.wmu.Lock()
	_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, text), time.Now().Add(time.Second))
	c.wmu.Unlock()
	_ = c.ws.Close()
}

var upgrader = websocket.Upgrader{
	CheckOrigin:     func(*http.Request) bool { return true },
	ReadBufferSize:  4096,
	WriteBufferSize: 4096,
}

func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if v := q.Get("v"); v != "10" {
		s.violation("gateway: connected with ?v=%q; this fake serves gateway v10 (set discordgo.APIVersion = \"10\" before Open)", v)
	}
	if enc := q.Get("encoding"); enc != "" && enc != "json" {
		s.violation("gateway: ?encoding=%q is not supported by the fake (only json)", enc)
		http.Error(w, "unsupported encoding", http.StatusBadRequest)
		return
	}
	comp := q.Get("compress")
	if comp != "" && comp != "zlib-stream" {
		s.violation("gateway: ?compress=%q is not supported (Discord knows zlib-stream and zstd-stream; the fake only zlib-stream)", comp)
		http.Error(w, "unsupported compression", http.StatusBadRequest)
		return
	}

	s.gw.mu.Lock()
	if s.gw.closed {
		s.gw.mu.Unlock()
		http.Error(w, "server closed", http.StatusServiceUnavailable)
		return
	}
	s.gw.wg.Add(1)
	s.gw.mu.Unlock()
	defer s.gw.wg.Done()

	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &gwConn{ws: ws}
	if comp == "zlib-stream" {
		c.zbuf = &bytes.Buffer{}
		c.zw = zlib.NewWriter(c.zbuf)
	}
	s.gw.mu.Lock()
	if s.gw.closed {
		s.gw.mu.Unlock()
		_ = ws.Close()
		return
	}
	s.gw.conns[c] = struct{}{}
	s.gw.mu.Unlock()
	defer s.detachConn(c)

	hb := s.opts.HeartbeatInterval
	if err := c.send(encodeFrame(opHello, map[string]any{"heartbeat_interval": hb.Milliseconds()}, 0, ""), false); err != nil {
		return
	}
	for {
		_ = ws.SetReadDeadline(time.Now().Add(2*hb + gatewayGraceAfterBeat))
		_, msg, err := ws.ReadMessage()
		if err != nil {
			s.onConnError(c, err)
			return
		}
		var p gwPayload
		if err := json.Unmarshal(msg, &p); err != nil {
			s.violation("gateway: undecodable payload (%v): %.200s", err, msg)
			c.closeWith(4002, "Error while decoding payload.")
			return
		}
		if !s.handleGatewayPayload(c, p) {
			return
		}
	}
}

// handleGatewayPayload processes one client payload; false ends the connection.
func (s *Server) handleGatewayPayload(c *gwConn, p gwPayload) bool {
	s.gw.mu.Lock()
	sess := c.session
	s.gw.mu.Unlock()
	switch p.Op {
	case opHeartbeat:
		s.mu.Lock()
		s.gw.heartbeats++
		s.notifyLocked()
		s.mu.Unlock()
		return c.send(encodeFrame(opHeartbeatACK, nil, 0, ""), false) == nil
	case opIdentify:
		if sess != nil {
			s.violation("gateway: IDENTIFY sent on an already identified connection")
			c.closeWith(4005, "Already authenticated.")
			return false
		}
		return s.handleIdentify(c, p.D)
	case opResume:
		if sess != nil {
			s.violation("gateway: RESUME sent on an already identified connection")
			c.closeWith(4005, "Already authenticated.")
			return false
		}
		return s.handleResume(c, p.D)
	case opPresenceUpdate, opVoiceStateUpdate, opRequestGuildMembers, opRequestSoundboard:
		if sess == nil {
			s.violation("gateway: op %d sent before IDENTIFY", p.Op)
			c.closeWith(4003, "Not authenticated.")
			return false
		}
		return true
	default:
		s.violation("gateway: unknown opcode %d sent by the client", p.Op)
		c.closeWith(4001, "Unknown opcode.")
		return false
	}
}

func (s *Server) checkGatewayToken(tok string) (ok, hadPrefix bool) {
	if strings.HasPrefix(tok, "Bot ") {
		return strings.TrimPrefix(tok, "Bot ") == s.opts.Token, true
	}
	return tok == s.opts.Token, false
}

func (s *Server) handleIdentify(c *gwConn, raw json.RawMessage) bool {
	var d struct {
		Token          string          `json:"token"`
		Properties     map[string]any  `json:"properties"`
		Compress       bool            `json:"compress"`
		LargeThreshold int             `json:"large_threshold"`
		Shard          *[2]int         `json:"shard"`
		Presence       json.RawMessage `json:"presence"`
		Intents        *int64          `json:"intents"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		s.violation("gateway: undecodable IDENTIFY: %v", err)
		c.closeWith(4002, "Error while decoding payload.")
		return false
	}
	ok, prefix := s.checkGatewayToken(d.Token)
	if !ok {
		s.violation("gateway: IDENTIFY with a wrong token")
		c.closeWith(4004, "Authentication failed.")
		return false
	}
	if d.Intents == nil {
		s.violation("gateway: IDENTIFY without intents (required since v8)")
		c.closeWith(4013, "Invalid intent(s).")
		return false
	}
	if *d.Intents < 0 || *d.Intents&^intentAllKnown != 0 {
		s.violation("gateway: IDENTIFY with invalid intents %d", *d.Intents)
		c.closeWith(4013, "Invalid intent(s).")
		return false
	}
	if denied := *d.Intents & s.opts.DeniedIntents; denied != 0 {
		s.violation("gateway: IDENTIFY asks for intents %d that the application may not use", denied)
		c.closeWith(4014, "Disallowed intent(s).")
		return false
	}
	shard := [2]int{0, 1}
	if d.Shard != nil {
		shard = *d.Shard
		if shard[1] < 1 || shard[0] < 0 || shard[0] >= shard[1] {
			s.violation("gateway: IDENTIFY with invalid shard %v", shard)
			c.closeWith(4010, "Invalid shard.")
			return false
		}
	}
	if d.LargeThreshold != 0 && (d.LargeThreshold < 50 || d.LargeThreshold > 250) {
		s.violation("gateway: IDENTIFY large_threshold %d outside 50..250", d.LargeThreshold)
		c.closeWith(4002, "Error while decoding payload.") // Discord answers a form error close
		return false
	}
	props := map[string]string{}
	for k, v := range d.Properties {
		props[k] = fmt.Sprint(v)
	}
	sess := &gwSession{id: randomHex(16), intents: *d.Intents, shard: shard, compress: d.Compress}
	info := IdentifyInfo{
		Time: time.Now(), Intents: *d.Intents, Shard: shard, ShardSent: d.Shard != nil,
		Compress: d.Compress, LargeThreshold: d.LargeThreshold, Properties: props,
		Presence: d.Presence, TokenHadBotPrefix: prefix, SessionID: sess.id,
	}

	guilds := []map[string]any{}
	var ownGuilds []string
	for _, g := range s.opts.GuildIDs {
		if guildShard(g, shard[1]) == shard[0] {
			guilds = append(guilds, map[string]any{"id": g, "unavailable": true})
			ownGuilds = append(ownGuilds, g)
		}
	}
	ready := map[string]any{
		"v":                       10,
		"user":                    s.BotUser().json(),
		"guilds":                  guilds,
		"session_id":              sess.id,
		"session_type":            "normal",
		"resume_gateway_url":      s.GatewayURL(),
		"shard":                   []int{shard[0], shard[1]},
		"application":             map[string]any{"id": s.opts.AppID, "flags": s.opts.ApplicationFlags},
		"private_channels":        []any{},
		"presences":               []any{},
		"relationships":           []any{},
		"guild_join_requests":     []any{},
		"user_settings":           map[string]any{},
		"auth":                    map[string]any{},
		"geo_ordered_rtc_regions": []string{"rotterdam", "madrid"},
		"_trace":                  []string{`["fakediscord",{"micros":1}]`},
	}

	s.gw.mu.Lock()
	if c.dead {
		s.gw.mu.Unlock()
		return false
	}
	c.compress = d.Compress
	c.session = sess
	sess.conn = c
	s.gw.sessions[sess.id] = sess
	s.gw.order = append(s.gw.order, sess)
	err := s.sendDispatchLocked(sess, "READY", ready)
	if err == nil && sess.intents&intentGuilds != 0 {
		for _, g := range ownGuilds {
			if err = s.sendDispatchLocked(sess, "GUILD_CREATE", s.guildCreatePayload(g)); err != nil {
				break
			}
		}
	}
	s.mu.Lock()
	s.gw.identifies++
	s.gw.lastIdentify = info
	s.notifyLocked()
	s.mu.Unlock()
	s.gw.mu.Unlock()
	return err == nil
}

func (s *Server) handleResume(c *gwConn, raw json.RawMessage) bool {
	var d struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       *int64 `json:"seq"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		s.violation("gateway: undecodable RESUME: %v", err)
		c.closeWith(4002, "Error while decoding payload.")
		return false
	}
	if ok, _ := s.checkGatewayToken(d.Token); !ok {
		s.violation("gateway: RESUME with a wrong token")
		c.closeWith(4004, "Authentication failed.")
		return false
	}
	var seq int64
	if d.Seq != nil {
		seq = *d.Seq
	}
	s.gw.mu.Lock()
	defer s.gw.mu.Unlock()
	if c.dead {
		return false
	}
	sess := s.gw.sessions[d.SessionID]
	switch {
	case sess == nil || sess.invalid:
		s.logf("gateway: RESUME of unknown or invalidated session %q answered with INVALID_SESSION", d.SessionID)
		return c.send(encodeFrame(opInvalidSession, false, 0, ""), false) == nil
	case seq > sess.seq:
		s.violation("gateway: RESUME with seq %d ahead of the session's last sequence %d", seq, sess.seq)
		c.closeWith(4007, "Invalid seq.")
		return false
	case seq < sess.dropped:
		s.logf("gateway: RESUME from seq %d but the replay buffer starts at %d: INVALID_SESSION", seq, sess.dropped+1)
		sess.invalid = true
		return c.send(encodeFrame(opInvalidSession, false, 0, ""), false) == nil
	}
	if old := sess.conn; old != nil && old != c {
		old.dead = true
		_ = old.ws.Close()
	}
	sess.conn = c
	c.session = sess
	c.compress = sess.compress
	for _, f := range sess.buffer {
		if f.seq > seq {
			if err := c.send(f.payload, true); err != nil {
				return false
			}
		}
	}
	if err := s.sendDispatchLocked(sess, "RESUMED", map[string]any{"_trace": []string{`["fakediscord",{"micros":1}]`}}); err != nil {
		return false
	}
	s.mu.Lock()
	s.gw.resumes++
	s.notifyLocked()
	s.mu.Unlock()
	return true
}

// sendDispatchLocked assigns the next sequence number, stores the frame for
// replay and writes it if the session has a connection. s.gw.mu must be held.
func (s *Server) sendDispatchLocked(sess *gwSession, t string, d any) error {
	sess.seq++
	f := gwFrame{seq: sess.seq, payload: encodeFrame(opDispatch, d, sess.seq, t)}
	sess.buffer = append(sess.buffer, f)
	if len(sess.buffer) > replayBufferCapacity {
		n := len(sess.buffer) - replayBufferCapacity
		sess.dropped = sess.buffer[n-1].seq
		sess.buffer = append([]gwFrame(nil), sess.buffer[n:]...)
	}
	if sess.conn == nil {
		return nil
	}
	err := sess.conn.send(f.payload, true)
	if err != nil {
		// The connection is broken; the client will resume and get the replay.
		sess.conn.dead = true
		_ = sess.conn.ws.Close()
		sess.conn.session = nil
		sess.conn = nil
		return err
	}
	return nil
}

func guildShard(guildID string, numShards int) int {
	if numShards <= 1 {
		return 0
	}
	var v uint64
	fmt.Sscan(guildID, &v)
	return int((v >> 22) % uint64(numShards))
}

// currentSessionLocked returns the most recently identified, valid session
// for the shard that receives events of guildID ("" = DMs, shard 0).
func (s *Server) currentSessionLocked(guildID string) *gwSession {
	for i := len(s.gw.order) - 1; i >= 0; i-- {
		sess := s.gw.order[i]
		if sess.invalid {
			continue
		}
		want := 0
		if guildID != "" {
			want = guildShard(guildID, sess.shard[1])
		}
		if sess.shard[0] == want {
			return sess
		}
	}
	return nil
}

var errNoSession = errors.New("fakediscord: no identified gateway session (call WaitReady after the bot's Open)")

// dispatchEvent sends a dispatch to the session responsible for guildID.
// needIntent is the intent the event requires (0 = always delivered). It
// reports whether the event was queued for the client.
func (s *Server) dispatchEvent(t string, d any, guildID string, needIntent int64) (bool, error) {
	s.gw.mu.Lock()
	defer s.gw.mu.Unlock()
	sess := s.currentSessionLocked(guildID)
	if sess == nil {
		return false, errNoSession
	}
	if needIntent != 0 && sess.intents&needIntent == 0 {
		return false, nil
	}
	_ = s.sendDispatchLocked(sess, t, d)
	return true, nil
}

// sessionIntents returns the intents of the session that would receive
// events for guildID.
func (s *Server) sessionIntents(guildID string) (int64, bool) {
	s.gw.mu.Lock()
	defer s.gw.mu.Unlock()
	sess := s.currentSessionLocked(guildID)
	if sess == nil {
		return 0, false
	}
	return sess.intents, true
}

func (s *Server) onConnError(c *gwConn, err error) {
	var ce *websocket.CloseError
	if errors.As(err, &ce) && (ce.Code == websocket.CloseNormalClosure || ce.Code == websocket.CloseGoingAway) {
		// Discord: closing with 1000 or 1001 invalidates the session.
		s.gw.mu.Lock()
		if c.session != nil {
			c.session.invalid = true
		}
		s.gw.mu.Unlock()
		return
	}
	var ne interface{ Timeout() bool }
	if errors.As(err, &ne) && ne.Timeout() {
		s.gw.mu.Lock()
		dead, closed := c.dead, s.gw.closed
		s.gw.mu.Unlock()
		if !dead && !closed {
			s.violation("gateway: no payload (heartbeat) received for %v; Discord drops such zombie connections", 2*s.opts.HeartbeatInterval+gatewayGraceAfterBeat)
		}
	}
}

func (s *Server) detachConn(c *gwConn) {
	s.gw.mu.Lock()
	c.dead = true
	if c.session != nil && c.session.conn == c {
		c.session.conn = nil
	}
	c.session = nil
	delete(s.gw.conns, c)
	s.gw.mu.Unlock()
	_ = c.ws.Close()
}

func (g *gateway) shutdown() {
	g.mu.Lock()
	g.closed = true
	for c := range g.conns {
		c.dead = true
		_ = c.ws.Close()
	}
	g.mu.Unlock()
}

// WaitReady waits until a client has identified and received READY.
func (s *Server) WaitReady(ctx context.Context) error {
	_, err := waitFor(ctx, s, "READY (a client IDENTIFY)", func() (bool, bool) {
		return true, s.gw.identifies > 0
	})
	return err
}

// WaitResumed waits until at least n RESUMEs succeeded in total.
func (s *Server) WaitResumed(ctx context.Context, n int) error {
	_, err := waitFor(ctx, s, fmt.Sprintf("%d successful RESUME(s)", n), func() (bool, bool) {
		return true, s.gw.resumes >= n
	})
	return err
}

// WaitIdentified waits until at least n IDENTIFYs were accepted in total.
func (s *Server) WaitIdentified(ctx context.Context, n int) error {
	_, err := waitFor(ctx, s, fmt.Sprintf("%d IDENTIFY(s)", n), func() (bool, bool) {
		return true, s.gw.identifies >= n
	})
	return err
}

// WaitHeartbeats waits until at least n heartbeats (op 1) were received in
// total. Tests that drop or reconnect the gateway should wait for the first
// heartbeat after READY: discordgo's heartbeat goroutine starts after Open
// returns, and if the connection is closed before its first beat, its
// failed write makes it Close() the next connection (see doc.go).
func (s *Server) WaitHeartbeats(ctx context.Context, n int) error {
	_, err := waitFor(ctx, s, fmt.Sprintf("%d heartbeat(s)", n), func() (bool, bool) {
		return true, s.gw.heartbeats >= n
	})
	return err
}

// Heartbeats counts the heartbeats (op 1) received.
func (s *Server) Heartbeats() int { s.mu.Lock(); defer s.mu.Unlock(); return s.gw.heartbeats }

// Identify returns the last accepted IDENTIFY.
func (s *Server) Identify() IdentifyInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gw.lastIdentify
}

// Identifies and Resumes count the accepted IDENTIFY and RESUME payloads.
func (s *Server) Identifies() int { s.mu.Lock(); defer s.mu.Unlock(); return s.gw.identifies }

// Resumes counts the successful RESUMEs.
func (s *Server) Resumes() int { s.mu.Lock(); defer s.mu.Unlock(); return s.gw.resumes }

// DropConnection closes every gateway websocket abruptly (no close frame).
// Sessions stay resumable: dispatches sent meanwhile are replayed on RESUME.
func (s *Server) DropConnection() {
	s.gw.mu.Lock()
	defer s.gw.mu.Unlock()
	for c := range s.gw.conns {
		c.dead = true
		if c.session != nil && c.session.conn == c {
			c.session.conn = nil
		}
		c.session = nil
		_ = c.ws.Close()
	}
}

// SendReconnect sends op 7 RECONNECT on every identified connection.
func (s *Server) SendReconnect() {
	s.gw.mu.Lock()
	defer s.gw.mu.Unlock()
	for c := range s.gw.conns {
		if c.session != nil {
			_ = c.send(encodeFrame(opReconnect, nil, 0, ""), false)
		}
	}
}

// InvalidateSession sends op 9 INVALID_SESSION (d = resumable) on every
// identified connection; unless resumable, the sessions are forgotten and the
// client must IDENTIFY again.
func (s *Server) InvalidateSession(resumable bool) {
	s.gw.mu.Lock()
	defer s.gw.mu.Unlock()
	for c := range s.gw.conns {
		if c.session == nil {
			continue
		}
		if !resumable {
			c.session.invalid = true
			c.session.conn = nil
			c.session = nil
		}
		_ = c.send(encodeFrame(opInvalidSession, resumable, 0, ""), false)
	}
}

// CloseGateway closes every gateway connection with the given close code
// (e.g. 4000 unknown error: resumable; 4004 authentication failed: not).
func (s *Server) CloseGateway(code int, text string) {
	s.gw.mu.Lock()
	defer s.gw.mu.Unlock()
	for c := range s.gw.conns {
		if c.session != nil {
			switch code {
			case 4004, 4010, 4011, 4012, 4013, 4014, 4009, 4007:
				c.session.invalid = true
			}
			if c.session.conn == c {
				c.session.conn = nil
			}
			c.session = nil
		}
		c.dead = true
		c.closeWith(code, text)
	}
}

// DispatchRaw sends an arbitrary dispatch event (op 0) to the session that
// handles guildID ("" = DMs / shard 0).
func (s *Server) DispatchRaw(eventType string, data any, guildID string) error {
	_, err := s.dispatchEvent(eventType, data, guildID, 0)
	return err
}

func (s *Server) guildCreatePayload(guildID string) map[string]any {
	s.mu.Lock()
	var chans []any
	for _, ch := range s.channels {
		if ch.GuildID == guildID {
			chans = append(chans, ch.json())
		}
	}
	s.mu.Unlock()
	if chans == nil {
		chans = []any{}
	}
	joined := timestamp(time.Now().Add(-24 * time.Hour))
	return map[string]any{
		"id":                            guildID,
		"name":                          "Fake guild " + guildID,
		"icon":                          nil,
		"splash":                        nil,
		"discovery_splash":              nil,
		"owner_id":                      s.defaultUser.ID,
		"afk_channel_id":                nil,
		"afk_timeout":                   300,
		"verification_level":            1,
		"default_message_notifications": 1,
		"explicit_content_filter":       2,
		"roles": []any{map[string]any{
			"id": guildID, "name": "@everyone", "permissions": defaultMemberPermissions,
			"position": 0, "color": 0, "hoist": false, "managed": false, "mentionable": false, "flags": 0,
		}},
		"emojis":                       []any{},
		"stickers":                     []any{},
		"features":                     []any{},
		"mfa_level":                    0,
		"application_id":               nil,
		"system_channel_id":            s.defaultChannelID,
		"system_channel_flags":         0,
		"rules_channel_id":             nil,
		"vanity_url_code":              nil,
		"description":                  nil,
		"banner":                       nil,
		"premium_tier":                 0,
		"preferred_locale":             "en-US",
		"public_updates_channel_id":    nil,
		"nsfw_level":                   0,
		"premium_progress_bar_enabled": false,
		"joined_at":                    joined,
		"large":                        false,
		"unavailable":                  false,
		"member_count":                 2,
		"voice_states":                 []any{},
		"members": []any{map[string]any{
			"user": s.BotUser().json(), "roles": []any{}, "joined_at": joined,
			"deaf": false, "mute": false, "flags": 0, "pending": false, "nick": nil, "avatar": nil,
		}},
		"channels":               chans,
		"threads":                []any{},
		"presences":              []any{},
		"stage_instances":        []any{},
		"guild_scheduled_events": []any{},
		"soundboard_sounds":      []any{},
	}
}
