package bot_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/bot"
	"github.com/timelinebot/timelinebot/internal/discordsession"
	"github.com/timelinebot/timelinebot/internal/fakediscord"
	"github.com/timelinebot/timelinebot/internal/signedrequest"
	"github.com/timelinebot/timelinebot/knowledge"
	"github.com/timelinebot/timelinebot/metrics"
)

// ---- helpers ------------------------------------------------------------------------------------

func newKeys(t testing.TB) (ed25519.PublicKey, ed25519.PrivateKey) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	return pub, priv
}

func defaultStore(t testing.TB) *knowledge.Store {
	t.Helper()
	tl, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	return knowledge.NewStore(tl)
}

// signedRequest builds an interactions request signed with priv at time ts.
func signedRequest(priv ed25519.PrivateKey, ts time.Time, body []byte) *http.Request {
	tsText := strconv.FormatInt(ts.Unix(), 10)
	req := httptest.NewRequest(http.MethodPost, "/interactions", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Timestamp", tsText)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(tsText), body...))))
	return req
}

// slowAnswerer answers like the embedded engine, after a delay.
type slowAnswerer struct {
	inner bot.Answerer
	delay time.Duration
}

func (s slowAnswerer) Answer(ctx context.Context, q answer.Question) (answer.Answer, error) {
	select {
	case <-time.After(s.delay):
	case <-ctx.Done():
		return answer.Answer{}, ctx.Err()
	}
	return s.inner.Answer(ctx, q)
}

// instance is one HTTP-mode bot: its own knowledge, answerer, metrics and REST session, serving
// /interactions and the metrics endpoints on its own httptest server.
type instance struct {
	bot   *bot.Bot
	store *knowledge.Store
	m     *metrics.Metrics
	srv   *httptest.Server
}

func newInstance(t testing.TB, fake *fakediscord.Server, gate *ackGate, pub ed25519.PublicKey, opts bot.Options, slow time.Duration) *instance {
	t.Helper()
	store := defaultStore(t)
	var a bot.Answerer = answer.NewEngine(store)
	if slow > 0 {
		a = slowAnswerer{inner: a, delay: slow}
	}
	m := metrics.New()
	cur := store.Current()
	m.KnowledgeLoaded(cur.Version, cur.Origin, len(cur.Events))
	opts.Metrics = m
	if fake != nil {
		opts.GuildID = fake.GuildID()
	}
	b := bot.New(opts, a, store)
	var rest *discordgo.Session
	if fake != nil {
		var err error
		so := discordsession.Options{Token: fake.Token(), APIURL: fake.APIURL()}
		if gate != nil {
			so.Transport = gate
		}
		rest, err = discordsession.New(so)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := b.RegisterCommands(ctx, rest, fake.AppID()); err != nil {
			t.Fatalf("register commands: %v", err)
		}
	}
	mux := http.NewServeMux()
	mux.Handle("/interactions", b.InteractionsHandler(pub, rest))
	mux.Handle("/", m.Handler())
	srv := httptest.NewServer(mux)
	m.HTTPReady(true)
	t.Cleanup(func() {
		srv.Close()
		b.Shutdown()
	})
	return &instance{bot: b, store: store, m: m, srv: srv}
}

// scrape reads the value of one series from the instance's /metrics.
func (in *instance) scrape(t testing.TB, series string) float64 {
	t.Helper()
	resp, err := http.Get(in.srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, line := range strings.Split(string(body), "\n") {
		if rest, ok := strings.CutPrefix(line, series+" "); ok {
			v, err := strconv.ParseFloat(strings.Fields(rest)[0], 64)
			if err != nil {
				t.Fatalf("%s: %v", line, err)
			}
			return v
		}
	}
	t.Fatalf("series %s not in /metrics", series)
	return 0
}

// ackGate holds the bot's requests to an interaction's webhook routes until the relay has
// delivered the interaction's first response to the fake: Discord takes the response as it receives
// the HTTP body, before any later request of the bot, but the relay needs a moment to pass it on.
type ackGate struct {
	mu    sync.Mutex
	acked map[string]chan struct{}
}

func newAckGate() *ackGate { return &ackGate{acked: map[string]chan struct{}{}} }

func (g *ackGate) ch(token string) chan struct{} {
	g.mu.Lock()
	defer g.mu.Unlock()
	c, ok := g.acked[token]
	if !ok {
		c = make(chan struct{})
		g.acked[token] = c
	}
	return c
}

func (g *ackGate) done(token string) {
	c := g.ch(token)
	g.mu.Lock()
	defer g.mu.Unlock()
	select {
	case <-c:
	default:
		close(c)
	}
}

func (g *ackGate) RoundTrip(req *http.Request) (*http.Response, error) {
	segs := strings.Split(req.URL.Path, "/")
	for i, seg := range segs {
		if seg == "webhooks" && i+2 < len(segs) {
			select {
			case <-g.ch(segs[i+2]):
			case <-time.After(5 * time.Second):
			case <-req.Context().Done():
			}
			break
		}
	}
	return http.DefaultTransport.RoundTrip(req)
}

// relay plays Discord's side of the HTTP interactions protocol over the fake Discord: it receives
// each INTERACTION_CREATE the fake dispatches (on a gateway connection of its own), POSTs it signed
// to the endpoint, and posts the endpoint's response body to the fake's callback route, so the fake
// records and checks the response as if it came from Discord's delivery. Edits and follow-ups go
// from the bot straight to the fake's webhook routes.
type relay struct {
	t      testing.TB
	fake   *fakediscord.Server
	gate   *ackGate
	priv   ed25519.PrivateKey
	target string
	client *http.Client
	wg     sync.WaitGroup

	mu     sync.Mutex
	status map[string]int    // interaction id -> the endpoint's HTTP status
	ctype  map[string]string // interaction id -> the endpoint's Content-Type
}

func newRelay(t testing.TB, fake *fakediscord.Server, gate *ackGate, priv ed25519.PrivateKey, target string) *relay {
	t.Helper()
	r := &relay{t: t, fake: fake, gate: gate, priv: priv, target: target, client: &http.Client{Timeout: 10 * time.Second},
		status: map[string]int{}, ctype: map[string]string{}}
	s, err := discordsession.New(discordsession.Options{Token: fake.Token(), APIURL: fake.APIURL()})
	if err != nil {
		t.Fatal(err)
	}
	s.AddHandler(func(_ *discordgo.Session, e *discordgo.Event) {
		if e.Type != "INTERACTION_CREATE" {
			return
		}
		raw := append([]byte(nil), e.RawData...)
		r.wg.Add(1)
		go func() { defer r.wg.Done(); r.deliver(raw) }()
	})
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := fake.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = s.Close()
		r.wg.Wait()
	})
	return r
}

func (r *relay) deliver(raw []byte) {
	var head struct{ ID, Token string }
	if err := json.Unmarshal(raw, &head); err != nil {
		r.t.Errorf("relay: %v", err)
		return
	}
	defer r.gate.done(head.Token)
	req := signedRequest(r.priv, time.Now(), raw)
	hreq, _ := http.NewRequest(http.MethodPost, r.target, bytes.NewReader(raw))
	hreq.Header = req.Header
	resp, err := r.client.Do(hreq)
	if err != nil {
		r.t.Errorf("relay: POST interaction %s: %v", head.ID, err)
		return
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	r.mu.Lock()
	r.status[head.ID], r.ctype[head.ID] = resp.StatusCode, resp.Header.Get("Content-Type")
	r.mu.Unlock()
	if resp.StatusCode != http.StatusOK {
		r.t.Errorf("relay: interaction %s: endpoint answered %d %s", head.ID, resp.StatusCode, body)
		return
	}
	cb, _ := http.NewRequest(http.MethodPost, r.fake.APIURL()+"/interactions/"+head.ID+"/"+head.Token+"/callback", bytes.NewReader(body))
	cb.Header.Set("Content-Type", resp.Header.Get("Content-Type"))
	cresp, err := r.client.Do(cb)
	if err != nil {
		r.t.Errorf("relay: callback of %s: %v", head.ID, err)
		return
	}
	cresp.Body.Close()
}

func (r *relay) contentType(id string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.ctype[id]
}

// callback dispatches spec and waits for the response the endpoint gave, as the fake recorded it.
func (r *relay) callback(t testing.TB, spec fakediscord.InteractionSpec) (string, fakediscord.Callback) {
	t.Helper()
	id := r.fake.DispatchInteraction(spec)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cb, err := r.fake.WaitCallback(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if cb.Status != http.StatusNoContent && cb.Status != http.StatusOK {
		t.Fatalf("the fake refused the response to %s: status %d, body %s", id, cb.Status, cb.Body)
	}
	return id, cb
}

// expectedDescription is the answer's text the bot shows for q, computed directly.
func expectedDescription(t testing.TB, store *knowledge.Store, q string) string {
	t.Helper()
	a, err := answer.NewEngine(store).Answer(context.Background(), answer.Question{Text: q, Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	return bot.AnswerReply(q, a, store.Current()).Embeds[0].Description
}

func decode(t testing.TB, raw []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("%s: %v", raw, err)
	}
	return m
}

// pingsNoOne checks that a message's allowed_mentions is {"parse": []}.
func pingsNoOne(t testing.TB, data map[string]any) {
	t.Helper()
	am, ok := data["allowed_mentions"].(map[string]any)
	if !ok {
		t.Fatalf("no allowed_mentions in %v", data)
	}
	parse, ok := am["parse"].([]any)
	if !ok || len(parse) != 0 {
		t.Errorf("allowed_mentions.parse = %v, want []", am["parse"])
	}
}

// ---- signature and request checks ----------------------------------------------------------------

func TestInteractionsRequestChecks(t *testing.T) {
	pub, priv := newKeys(t)
	_, otherPriv := newKeys(t)
	in := newInstance(t, nil, nil, pub, bot.Options{}, 0)
	h := in.srv.Config.Handler
	ping := []byte(`{"id":"1","application_id":"2","type":1,"token":"t","version":1}`)
	now := time.Now()

	tampered := signedRequest(priv, now, ping)
	tampered.Body = io.NopCloser(bytes.NewReader(bytes.Replace(ping, []byte(`"t"`), []byte(`"u"`), 1)))
	noSig := signedRequest(priv, now, ping)
	noSig.Header.Del("X-Signature-Ed25519")
	noTS := signedRequest(priv, now, ping)
	noTS.Header.Del("X-Signature-Timestamp")
	badHex := signedRequest(priv, now, ping)
	badHex.Header.Set("X-Signature-Ed25519", strings.Repeat("zz", 64))
	shortSig := signedRequest(priv, now, ping)
	shortSig.Header.Set("X-Signature-Ed25519", "abcd")
	tsNotNumber := signedRequest(priv, now, ping)
	tsNotNumber.Header.Set("X-Signature-Timestamp", "yesterday")
	// The timestamp is signed: changing it breaks the signature even when it stays fresh.
	tsChanged := signedRequest(priv, now, ping)
	tsChanged.Header.Set("X-Signature-Timestamp", strconv.FormatInt(now.Unix()-1, 10))
	get := signedRequest(priv, now, ping)
	get.Method = http.MethodGet
	huge := bytes.Repeat([]byte(" "), signedrequest.MaxBody+1)
	hugeChunked := signedRequest(priv, now, huge)
	hugeChunked.ContentLength = -1 // no Content-Length: the limit applies while reading
	notJSON := []byte(`this is not json`)

	tests := []struct {
		name   string
		req    *http.Request
		status int
		body   string
	}{
		{"signed ping", signedRequest(priv, now, ping), 200, `{"type":1}`},
		{"ping signed 4 minutes ago", signedRequest(priv, now.Add(-4*time.Minute), ping), 200, `{"type":1}`},
		{"wrong key", signedRequest(otherPriv, now, ping), 401, "invalid request signature"},
		{"tampered body", tampered, 401, "invalid request signature"},
		{"timestamp changed", tsChanged, 401, "invalid request signature"},
		{"missing signature", noSig, 401, "missing"},
		{"missing timestamp", noTS, 401, "missing"},
		{"signature not hex", badHex, 401, "invalid request signature"},
		{"signature too short", shortSig, 401, "invalid request signature"},
		{"timestamp not a number", tsNotNumber, 401, "timestamp"},
		{"timestamp 6 minutes old", signedRequest(priv, now.Add(-6*time.Minute), ping), 401, "stale"},
		{"timestamp 2 minutes ahead", signedRequest(priv, now.Add(2*time.Minute), ping), 401, "stale"},
		{"oversized body", signedRequest(priv, now, huge), 413, "too large"},
		{"oversized body without length", hugeChunked, 413, "too large"},
		{"unsigned garbage is refused before parsing", signedRequest(otherPriv, now, notJSON), 401, "signature"},
		{"signed garbage", signedRequest(priv, now, notJSON), 400, "not an interaction"},
		{"GET", get, 405, "POST"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, tc.req)
			if rec.Code != tc.status || !strings.Contains(rec.Body.String(), tc.body) {
				t.Errorf("%d %q, want %d containing %q", rec.Code, rec.Body.String(), tc.status, tc.body)
			}
			if tc.status == 200 && rec.Header().Get("Content-Type") != "application/json" {
				t.Errorf("Content-Type %q, want application/json", rec.Header().Get("Content-Type"))
			}
		})
	}
}

// ---- the endpoint against the fake Discord ------------------------------------------------------

func TestHTTPModeCommandsAutocompleteButtons(t *testing.T) {
	fake := fakediscord.New(t, fakediscord.Options{})
	pub, priv := newKeys(t)
	gate := newAckGate()
	in := newInstance(t, fake, gate, pub, bot.Options{}, 0)
	r := newRelay(t, fake, gate, priv, in.srv.URL+"/interactions")

	t.Run("ask answered", func(t *testing.T) {
		q := "What did WikiLeaks ask for on 21 October 2016?"
		id, cb := r.callback(t, fakediscord.SlashCommand("ask", fakediscord.Opt("question", q)))
		if cb.Type != 4 {
			t.Fatalf("callback type %d, want 4 (the answer at once)", cb.Type)
		}
		if ct := r.contentType(id); ct != "application/json" {
			t.Errorf("Content-Type %q", ct)
		}
		data := decode(t, cb.Data)
		pingsNoOne(t, data)
		embeds, _ := data["embeds"].([]any)
		if len(embeds) == 0 {
			t.Fatalf("no embed in %s", cb.Data)
		}
		if s := fmt.Sprint(embeds[0]); !strings.Contains(s, "21 octobre 2016") {
			t.Errorf("the answer does not quote the 21 October passage: %s", s)
		}
	})

	t.Run("autocomplete", func(t *testing.T) {
		_, cb := r.callback(t, fakediscord.Autocomplete("event", fakediscord.Focused("date", "oct")))
		if cb.Type != 8 {
			t.Fatalf("callback type %d, want 8", cb.Type)
		}
		if n := len(cb.Choices); n == 0 || n > 25 {
			t.Errorf("%d choices, want 1..25", n)
		}
		_, cb = r.callback(t, fakediscord.Autocomplete("event", fakediscord.Focused("date", "")))
		if n := len(cb.Choices); n == 0 || n > 25 {
			t.Errorf("empty input: %d choices, want 1..25", n)
		}
	})

	t.Run("page button updates the message", func(t *testing.T) {
		_, cb := r.callback(t, fakediscord.SlashCommand("timeline"))
		if cb.Type != 4 || cb.Message == nil {
			t.Fatalf("/timeline: callback type %d", cb.Type)
		}
		next := ""
		for _, c := range cb.Message.CustomIDs() {
			if strings.HasPrefix(c, "tl:r:") && !strings.HasSuffix(c, ":0") {
				next = c
			}
		}
		if next == "" {
			t.Fatalf("no next-page button in %v", cb.Message.CustomIDs())
		}
		_, cb = r.callback(t, fakediscord.Button(next).OnMessage(cb.Message.ID))
		if cb.Type != 7 {
			t.Errorf("page button: callback type %d, want 7 (update the message)", cb.Type)
		}
		pingsNoOne(t, decode(t, cb.Data))
	})

	t.Run("feedback button", func(t *testing.T) {
		_, cb := r.callback(t, fakediscord.SlashCommand("ask", fakediscord.Opt("question", "What did WikiLeaks say on 9 November 2016?")))
		fb := ""
		for _, c := range cb.Message.CustomIDs() {
			if strings.HasPrefix(c, "fb:y:") {
				fb = c
			}
		}
		if fb == "" {
			t.Fatalf("no feedback button in %v", cb.Message.CustomIDs())
		}
		_, cb = r.callback(t, fakediscord.Button(fb).OnMessage(cb.Message.ID))
		if cb.Type != 4 || !cb.Message.Ephemeral() {
			t.Errorf("feedback: callback type %d ephemeral %v, want an ephemeral notice", cb.Type, cb.Message.Ephemeral())
		}
		if v := in.scrape(t, `timelinebot_feedback_total{helpful="true"}`); v != 1 {
			t.Errorf("feedback_total{helpful=true} = %v, want 1", v)
		}
	})
	fake.AssertNoViolations(t)
}

// The bot defers an answer slower than its acknowledgement budget in the HTTP response, and edits
// it in through the webhook endpoint when it is ready.
func TestHTTPModeDeferredAnswerCompletedByWebhook(t *testing.T) {
	fake := fakediscord.New(t, fakediscord.Options{})
	pub, priv := newKeys(t)
	gate := newAckGate()
	in := newInstance(t, fake, gate, pub, bot.Options{AckBudget: 50 * time.Millisecond}, 400*time.Millisecond)
	r := newRelay(t, fake, gate, priv, in.srv.URL+"/interactions")

	id, cb := r.callback(t, fakediscord.SlashCommand("ask", fakediscord.Opt("question", "What did WikiLeaks propose on 16 December 2016?")))
	if cb.Type != 5 {
		t.Fatalf("callback type %d, want 5 (deferred)", cb.Type)
	}
	if cb.Latency > 2500*time.Millisecond {
		t.Errorf("deferral took %v, too close to Discord's 3 s", cb.Latency)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	edit, err := fake.WaitOriginalEdit(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	pingsNoOne(t, decode(t, edit.Body))
	want := expectedDescription(t, in.store, "What did WikiLeaks propose on 16 December 2016?")
	if len(edit.Message.Embeds) == 0 || edit.Message.Embeds[0].Description != want {
		t.Errorf("edited message lacks the answer: %+v", edit.Message.Embeds)
	}
	if v := in.scrape(t, `timelinebot_questions_total{entry="http",outcome="answered"}`); v != 1 {
		t.Errorf("answered = %v, want 1", v)
	}
	fake.AssertNoViolations(t)
}

// When the bot itself is slower than the endpoint's timeout, the endpoint defers on its behalf and
// the bot's late response becomes an edit of the original.
func TestHTTPModeEndpointDefersOnBehalf(t *testing.T) {
	fake := fakediscord.New(t, fakediscord.Options{})
	pub, priv := newKeys(t)
	gate := newAckGate()
	in := newInstance(t, fake, gate, pub, bot.Options{AckBudget: 10 * time.Second, HTTPAckTimeout: 150 * time.Millisecond}, 600*time.Millisecond)
	r := newRelay(t, fake, gate, priv, in.srv.URL+"/interactions")

	id, cb := r.callback(t, fakediscord.SlashCommand("ask", fakediscord.Opt("question", "What did WikiLeaks say on 11 July 2017?")))
	if cb.Type != 5 {
		t.Fatalf("callback type %d, want 5 (deferred by the endpoint)", cb.Type)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	msg, err := fake.WaitResponse(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	want := expectedDescription(t, in.store, "What did WikiLeaks say on 11 July 2017?")
	if len(msg.Embeds) == 0 || msg.Embeds[0].Description != want {
		t.Errorf("the late answer was not edited in: %+v", msg)
	}
	fake.AssertNoViolations(t)
}

// Questions through the HTTP endpoint, scraped from /metrics, by outcome.
func TestHTTPModeMetricsAfterQuestions(t *testing.T) {
	fake := fakediscord.New(t, fakediscord.Options{})
	pub, priv := newKeys(t)
	gate := newAckGate()
	in := newInstance(t, fake, gate, pub, bot.Options{MaxQuestionLength: 80, RateLimit: bot.RateLimit{Enabled: true, PerMinute: 1, Burst: 2}}, 0)
	r := newRelay(t, fake, gate, priv, in.srv.URL+"/interactions")

	alice := fakediscord.User{ID: "100000000000000001", Username: "alice"}
	bob := fakediscord.User{ID: "100000000000000002", Username: "bob"}
	carol := fakediscord.User{ID: "100000000000000003", Username: "carol"}
	ask := func(u fakediscord.User, q string) {
		r.callback(t, fakediscord.SlashCommand("ask", fakediscord.Opt("question", q)).By(u))
	}
	ask(alice, "What did WikiLeaks request on October 21, 2016?")                        // answered
	ask(alice, "What did WikiLeaks say on 9 November 2016?")                             // answered
	ask(alice, "What did WikiLeaks say on 11 July 2017?")                                // rate limited (burst 2)
	ask(bob, "What is the capital of Peru?")                                             // no answer
	ask(bob, strings.Repeat("What happened in October 2016? ", 4))                       // refused: too long
	ask(carol, "Qu'a écrit WikiLeaks le 9 novembre 2016 ?")                              // answered
	r.callback(t, fakediscord.Autocomplete("event", fakediscord.Focused("date", "nov"))) // not a question

	want := map[string]float64{
		`timelinebot_questions_total{entry="http",outcome="answered"}`:     3,
		`timelinebot_questions_total{entry="http",outcome="no_answer"}`:    1,
		`timelinebot_questions_total{entry="http",outcome="refused"}`:      1,
		`timelinebot_questions_total{entry="http",outcome="rate_limited"}`: 1,
		`timelinebot_questions_total{entry="http",outcome="error"}`:        0,
		`timelinebot_questions_total{entry="slash",outcome="answered"}`:    0,
		`timelinebot_answer_duration_seconds_count{entry="http"}`:          4,
		`timelinebot_http_interactions_ready`:                              1,
		`timelinebot_knowledge_events`:                                     float64(len(in.store.Current().Events)),
	}
	for series, v := range want {
		if got := in.scrape(t, series); got != v {
			t.Errorf("%s = %v, want %v", series, got, v)
		}
	}
	fake.AssertNoViolations(t)
}

// Two instances sharing nothing, behind one address that alternates between them, answer
// interleaved interactions each correctly; one of them always defers, so edits of an interaction
// may come from the instance that received it while the other serves the next.
func TestHTTPModeTwoInstancesBehindOneAddress(t *testing.T) {
	fake := fakediscord.New(t, fakediscord.Options{})
	pub, priv := newKeys(t)
	gate := newAckGate()
	a := newInstance(t, fake, gate, pub, bot.Options{}, 0)
	b := newInstance(t, fake, gate, pub, bot.Options{AckBudget: time.Millisecond}, 150*time.Millisecond)
	var next atomic.Uint64
	var proxies []http.Handler
	for _, in := range []*instance{a, b} {
		u, _ := url.Parse(in.srv.URL)
		proxies = append(proxies, httputil.NewSingleHostReverseProxy(u))
	}
	lb := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		proxies[(next.Add(1)-1)%2].ServeHTTP(w, req)
	}))
	defer lb.Close()
	newRelay(t, fake, gate, priv, lb.URL+"/interactions")

	questions := []string{
		"What did WikiLeaks tell Trump Jr. on 20 September 2016?",
		"What did WikiLeaks ask Trump Jr. to do on 3 October 2016?",
		"What did WikiLeaks write to Trump Jr. on 12 October 2016?",
		"What did WikiLeaks request on October 21, 2016?",
		"What did WikiLeaks say on 9 November 2016?",
		"What did WikiLeaks propose on 16 December 2016?",
		"What did WikiLeaks say on 11 July 2017?",
		"what happened on 2016-10-14",
	}
	const rounds = 3
	ids := map[string]string{} // interaction id -> its question
	var auto []string
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range rounds {
		for _, q := range questions {
			wg.Add(2)
			go func() {
				defer wg.Done()
				id := fake.DispatchInteraction(fakediscord.SlashCommand("ask", fakediscord.Opt("question", q)))
				mu.Lock()
				ids[id] = q
				mu.Unlock()
			}()
			go func() {
				defer wg.Done()
				id := fake.DispatchInteraction(fakediscord.Autocomplete("event", fakediscord.Focused("date", "2016")))
				mu.Lock()
				auto = append(auto, id)
				mu.Unlock()
			}()
		}
	}
	wg.Wait()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for id, q := range ids {
		msg, err := fake.WaitResponse(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(msg.Embeds) == 0 || msg.Embeds[0].Description != expectedDescription(t, a.store, q) || msg.Embeds[0].Title != "❓ "+q {
			t.Errorf("interaction %s: the answer is not the one to %q: %+v", id, q, msg.Embeds)
		}
	}
	for _, id := range auto {
		cb, err := fake.WaitCallback(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if cb.Type != 8 || len(cb.Choices) == 0 || len(cb.Choices) > 25 {
			t.Errorf("autocomplete %s: type %d with %d choices", id, cb.Type, len(cb.Choices))
		}
	}
	series := `timelinebot_questions_total{entry="http",outcome="answered"}`
	na, nb := a.scrape(t, series), b.scrape(t, series)
	if na+nb != float64(len(ids)) || na == 0 || nb == 0 {
		t.Errorf("answered: %v by the first instance + %v by the second, want %d in all, shared", na, nb, len(ids))
	}
	fake.AssertNoViolations(t)
}

// While the bot shuts down, the endpoint turns new interactions away with a notice, and answers in
// flight finish.
func TestHTTPModeShutdownTurnsAway(t *testing.T) {
	pub, priv := newKeys(t)
	in := newInstance(t, nil, nil, pub, bot.Options{}, 0)
	in.bot.Shutdown()
	body := []byte(`{"id":"1","application_id":"2","type":2,"token":"t","version":1,"locale":"en-US",` +
		`"data":{"id":"3","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"What happened in November 2016?"}]},` +
		`"user":{"id":"4","username":"u"}}`)
	rec := httptest.NewRecorder()
	in.srv.Config.Handler.ServeHTTP(rec, signedRequest(priv, time.Now(), body))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "restarting") || !strings.Contains(rec.Body.String(), `"flags":64`) {
		t.Errorf("%d %s, want an ephemeral restarting notice", rec.Code, rec.Body)
	}
}

// ---- benchmark ----------------------------------------------------------------------------------

// benchBodies are /ask interactions, answered by the embedded answerer, each from its own user.
func benchBodies() []string { return benchBodiesFrom(1000) }

// benchBodiesFrom is benchBodies with interaction ids counted from first: the endpoint refuses a
// second request for an id it handled (replay.go), so every request of a benchmark needs its own.
func benchBodiesFrom(first int) []string {
	qs := []string{
		"What did WikiLeaks request on October 21, 2016?",
		"What did WikiLeaks say on 9 November 2016?",
		"What happened in November 2016?",
		"Qu'a écrit WikiLeaks le 9 novembre 2016 ?",
		"What did Roger Stone tweet?",
		"What is the capital of Peru?",
		"wat did wikileaks say on dec 16",
		"What was the first message WikiLeaks sent?",
	}
	var out []string
	for i, q := range qs {
		body, _ := json.Marshal(map[string]any{
			"id": strconv.Itoa(first + i), "application_id": "2", "type": 2, "token": "tok", "version": 1, "locale": "en-US",
			"guild_id": "5", "channel_id": "6",
			"member": map[string]any{"user": map[string]any{"id": strconv.Itoa(7000 + i), "username": "u"}, "roles": []string{}, "permissions": "0"},
			"data": map[string]any{"id": "3", "name": "ask", "type": 1,
				"options": []any{map[string]any{"name": "question", "type": 3, "value": q}}},
		})
		out = append(out, string(body))
	}
	return out
}

// cpuTime is the CPU time (user + system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportThroughput reports the requests per second measured, and the CPU time per request with the
// throughput two fully available cores would give: the machine is shared, and the CPU time per
// request does not depend on what else runs.
func reportThroughput(b *testing.B, start time.Time, cpu0 time.Duration) {
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
	if perReq := (cpuTime() - cpu0).Seconds() / float64(b.N); perReq > 0 {
		b.ReportMetric(perReq*1e6, "cpu-µs/req")
		b.ReportMetric(2/perReq, "req/s@2cores")
	}
}

func sign(priv ed25519.PrivateKey, ts string, body []byte) string {
	return hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...)))
}

// signedBodies returns n request bodies with distinct interaction ids, cycling through the
// benchmark's questions, and their signatures at ts; signing happens here, outside the timing.
func signedBodies(priv ed25519.PrivateKey, ts string, n int) (bodies, sigs []string) {
	for len(bodies) < n {
		for _, body := range benchBodiesFrom(1000 + len(bodies)) {
			if len(bodies) == n {
				break
			}
			bodies = append(bodies, body)
			sigs = append(sigs, sign(priv, ts, []byte(body)))
		}
	}
	return bodies, sigs
}

// BenchmarkHTTPModeServeHTTP measures the interactions endpoint's throughput: signature check,
// parsing, the embedded answerer and the JSON response, on pre-signed /ask requests.
func BenchmarkHTTPModeServeHTTP(b *testing.B) {
	pub, priv := newKeys(b)
	in := newInstance(b, nil, nil, pub, bot.Options{}, 0)
	h := in.srv.Config.Handler
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	reqs, sigs := signedBodies(priv, ts, b.N)
	var n atomic.Uint64
	b.ReportAllocs()
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := int(n.Add(1)) - 1
			req := httptest.NewRequest(http.MethodPost, "/interactions", strings.NewReader(reqs[i]))
			req.Header.Set("X-Signature-Timestamp", ts)
			req.Header.Set("X-Signature-Ed25519", sigs[i])
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != 200 {
				b.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
		}
	})
	reportThroughput(b, start, cpu0)
}

// BenchmarkHTTPModeLoopback is the same over real HTTP on the loopback interface, client and
// server sharing the machine's cores.
func BenchmarkHTTPModeLoopback(b *testing.B) {
	pub, priv := newKeys(b)
	in := newInstance(b, nil, nil, pub, bot.Options{}, 0)
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	reqs, sigs := signedBodies(priv, ts, b.N)
	tr := &http.Transport{MaxIdleConnsPerHost: 64}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	target := in.srv.URL + "/interactions"
	var n atomic.Uint64
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := int(n.Add(1)) - 1
			req, _ := http.NewRequest(http.MethodPost, target, strings.NewReader(reqs[i]))
			req.Header.Set("X-Signature-Timestamp", ts)
			req.Header.Set("X-Signature-Ed25519", sigs[i])
			resp, err := client.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				b.Fatalf("status %d", resp.StatusCode)
			}
		}
	})
	reportThroughput(b, start, cpu0)
}

// BenchmarkEd25519Verify is the signature check alone, the floor of the endpoint's cost per request.
func BenchmarkEd25519Verify(b *testing.B) {
	pub, priv := newKeys(b)
	body := []byte(benchBodies()[0])
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	msg := append([]byte(ts), body...)
	sig := ed25519.Sign(priv, msg)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if !ed25519.Verify(pub, msg, sig) {
				b.Fatal("bad signature")
			}
		}
	})
}

// When the endpoint had to defer on the bot's behalf, a late reply to a button must not replace the
// public answer the button sits under: a new message (the feedback notice) becomes a follow-up.
func TestHTTPModeLateButtonReplyLeavesTheAnswerAlone(t *testing.T) {
	fake := fakediscord.New(t, fakediscord.Options{})
	pub, priv := newKeys(t)
	gate := newAckGate()
	// An acknowledgement timeout so short that the endpoint defers before the bot replies.
	in := newInstance(t, fake, gate, pub, bot.Options{HTTPAckTimeout: time.Nanosecond}, 0)
	r := newRelay(t, fake, gate, priv, in.srv.URL+"/interactions")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	id, _ := r.callback(t, fakediscord.SlashCommand("ask", fakediscord.Opt("question", "What did WikiLeaks say on 9 November 2016?")))
	answerMsg, err := fake.WaitResponse(ctx, id)
	if err != nil || len(answerMsg.Embeds) == 0 {
		t.Fatalf("no answer: %v %+v", err, answerMsg)
	}
	var helpful string
	for _, c := range answerMsg.CustomIDs() {
		if strings.HasPrefix(c, "fb:y:") {
			helpful = c
		}
	}
	for range 5 {
		bid, cb := r.callback(t, fakediscord.InteractionSpec{Type: 3, CustomID: helpful, ComponentType: 2, MessageID: answerMsg.ID})
		if cb.Type == 4 {
			if cb.Message == nil || !cb.Message.Ephemeral() {
				t.Fatalf("the feedback notice is not ephemeral: %+v", cb.Message)
			}
			continue // the bot beat the endpoint's timer this time
		}
		f, err := fake.WaitFollowup(ctx, bid)
		if err != nil {
			t.Fatalf("the late notice was not sent as a follow-up: %v", err)
		}
		if !f.Ephemeral() {
			t.Errorf("the late notice is public: %+v", f)
		}
		now, _ := fake.Message(answerMsg.ID)
		if len(now.Embeds) == 0 || now.Embeds[0].Description != answerMsg.Embeds[0].Description {
			t.Fatalf("the public answer was replaced by a late reply: %+v", now)
		}
	}
	fake.AssertNoViolations(t)
}

// A signed request captured and sent again within the 5-minute timestamp window (issue 10, point 12)
// is refused with 401 and not handled a second time: one answer, one question counted. Copies sent
// at once are refused the same way: only one of them is handled.
func TestHTTPModeAReplayedSignedInteractionIsRefusedAndNotAnsweredAgain(t *testing.T) {
	pub, priv := newKeys(t)
	in := newInstance(t, nil, nil, pub, bot.Options{}, 0)
	h := in.srv.Config.Handler
	bodies := benchBodies()
	now := time.Now()

	first := httptest.NewRecorder()
	h.ServeHTTP(first, signedRequest(priv, now, []byte(bodies[0])))
	if first.Code != 200 || !strings.Contains(first.Body.String(), `"embeds"`) {
		t.Fatalf("first delivery: %d %s", first.Code, first.Body)
	}
	// A request signed 4 minutes ago is still within the window: its replay is refused too.
	early := signedRequest(priv, now.Add(-4*time.Minute), []byte(bodies[1]))
	h.ServeHTTP(httptest.NewRecorder(), early)
	for name, replay := range map[string]*http.Request{
		"replayed at once":        signedRequest(priv, now, []byte(bodies[0])),
		"replayed 4 minutes late": signedRequest(priv, now.Add(-4*time.Minute), []byte(bodies[1])),
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, replay)
		if rec.Code != http.StatusUnauthorized || !strings.Contains(rec.Body.String(), "already handled") {
			t.Errorf("%s: %d %q, want 401 saying the interaction was already handled", name, rec.Code, rec.Body)
		}
	}

	var wg sync.WaitGroup
	var ok, refused atomic.Int32
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, signedRequest(priv, now, []byte(bodies[2])))
			switch rec.Code {
			case 200:
				ok.Add(1)
			case http.StatusUnauthorized:
				refused.Add(1)
			}
		}()
	}
	wg.Wait()
	if ok.Load() != 1 || refused.Load() != 7 {
		t.Errorf("8 simultaneous copies: %d handled, %d refused; want 1 and 7", ok.Load(), refused.Load())
	}
	if got := in.scrape(t, `timelinebot_answer_duration_seconds_count{entry="http"}`); got != 3 {
		t.Errorf("%v questions handled, want 3 (one per interaction id)", got)
	}
}
