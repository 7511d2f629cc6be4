package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/internal/discordsession"
	"github.com/timelinebot/timelinebot/internal/fakediscord"
	"github.com/timelinebot/timelinebot/internal/fakeopenai"
	"github.com/timelinebot/timelinebot/internal/testdb"
	"github.com/timelinebot/timelinebot/knowledge"
)

// replicas is N `serve --mode http` processes (in process) on one database and one fake Discord,
// with Discord's side of the HTTP interactions mode played by a relay: it receives each
// interaction the fake dispatches, POSTs it signed to the replica the test routes it to, and hands
// the replica's HTTP answer to the fake as the interaction's callback. Discord takes that answer
// before any later request of the bot; the gate (a proxy in front of the fake's REST API) holds
// the bot's webhook requests for an interaction until the relay has delivered its callback.
type replicas struct {
	fake  *fakediscord.Server
	priv  ed25519.PrivateKey
	bases []string
	logs  []*syncBuffer
	dirs  []string
	stops []func() error

	mu     sync.Mutex
	route  map[string]int // interaction id → replica index
	acked  map[string]chan struct{}
	client *http.Client
	relays sync.WaitGroup
}

// startReplicas starts n HTTP-mode replicas, each with its own copy of the seed knowledge in its
// own folder (so that nothing but the database can carry a reload from one to the other).
func startReplicas(t *testing.T, n int, env ...string) *replicas {
	t.Helper()
	r := &replicas{fake: fakediscord.New(t, fakediscord.Options{}), route: map[string]int{}, acked: map[string]chan struct{}{},
		client: &http.Client{Timeout: 10 * time.Second}}
	pub, priv, _ := ed25519.GenerateKey(nil)
	r.priv = priv
	gate := r.gateProxy(t)
	for range n {
		dir := t.TempDir()
		if _, err := knowledge.WriteDefault(dir); err != nil {
			t.Fatal(err)
		}
		e := append([]string{
			"DISCORD_MODE=http", "DISCORD_TOKEN=" + r.fake.Token(), "DISCORD_API_URL=" + gate + "/api/v10",
			"DISCORD_GUILD_ID=" + r.fake.GuildID(), "DISCORD_APPLICATION_ID=" + r.fake.AppID(),
			"DISCORD_PUBLIC_KEY=" + hex.EncodeToString(pub), "KNOWLEDGE_FILE=" + filepath.Join(dir, knowledge.DefaultFile),
		}, env...)
		base, logs, stop := startServe(t, nil, e)
		waitReady(t, base)
		r.bases, r.logs, r.dirs, r.stops = append(r.bases, base), append(r.logs, logs), append(r.dirs, dir), append(r.stops, stop)
	}
	r.startRelay(t)
	return r
}

func (r *replicas) ackCh(token string) chan struct{} {
	r.mu.Lock()
	defer r.mu.Unlock()
	c, ok := r.acked[token]
	if !ok {
		c = make(chan struct{})
		r.acked[token] = c
	}
	return c
}

// gateProxy serves the fake's REST API, holding requests to an interaction's webhook until its
// callback is delivered.
func (r *replicas) gateProxy(t *testing.T) string {
	u, _ := url.Parse(r.fake.APIURL())
	u.Path = ""
	proxy := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		segs := strings.Split(req.URL.Path, "/")
		for i, seg := range segs {
			if seg == "webhooks" && i+2 < len(segs) {
				select {
				case <-r.ackCh(segs[i+2]):
				case <-time.After(5 * time.Second):
				case <-req.Context().Done():
				}
				break
			}
		}
		proxy.ServeHTTP(w, req)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func (r *replicas) startRelay(t *testing.T) {
	s, err := discordsession.New(discordsession.Options{Token: r.fake.Token(), APIURL: r.fake.APIURL()})
	if err != nil {
		t.Fatal(err)
	}
	s.AddHandler(func(_ *discordgo.Session, e *discordgo.Event) {
		if e.Type != "INTERACTION_CREATE" {
			return
		}
		raw := append([]byte(nil), e.RawData...)
		r.relays.Add(1)
		go func() { defer r.relays.Done(); r.deliver(t, raw) }()
	})
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := r.fake.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(); r.relays.Wait() })
}

func (r *replicas) deliver(t *testing.T, raw []byte) {
	var head struct{ ID, Token string }
	if err := json.Unmarshal(raw, &head); err != nil {
		t.Errorf("relay: %v", err)
		return
	}
	defer func() {
		c := r.ackCh(head.Token)
		r.mu.Lock()
		select {
		case <-c:
		default:
			close(c)
		}
		r.mu.Unlock()
	}()
	// The dispatch returns the id only after the event is sent: wait for the test to route it.
	var target int
	for deadline := time.Now().Add(5 * time.Second); ; {
		r.mu.Lock()
		i, ok := r.route[head.ID]
		r.mu.Unlock()
		if ok {
			target = i
			break
		}
		if time.Now().After(deadline) {
			t.Errorf("relay: interaction %s was never routed", head.ID)
			return
		}
		time.Sleep(time.Millisecond)
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, r.bases[target]+"/interactions", bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(r.priv, append([]byte(ts), raw...))))
	resp, err := r.client.Do(req)
	if err != nil {
		t.Errorf("relay: POST interaction %s to replica %d: %v", head.ID, target, err)
		return
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("relay: replica %d answered %d %s", target, resp.StatusCode, body)
		return
	}
	cb, _ := http.NewRequest(http.MethodPost, r.fake.APIURL()+"/interactions/"+head.ID+"/"+head.Token+"/callback", bytes.NewReader(body))
	cb.Header.Set("Content-Type", resp.Header.Get("Content-Type"))
	cresp, err := r.client.Do(cb)
	if err != nil {
		t.Errorf("relay: callback of %s: %v", head.ID, err)
		return
	}
	cresp.Body.Close()
}

// dispatch sends an interaction to replica i and returns its id.
func (r *replicas) dispatch(spec fakediscord.InteractionSpec, i int) string {
	// The relay may see the event before DispatchInteraction returns its id: it waits for the
	// route.
	id := r.fake.DispatchInteraction(spec)
	r.mu.Lock()
	r.route[id] = i
	r.mu.Unlock()
	return id
}

// response waits for what the user finally sees of an interaction (its callback message, or the
// edit of a deferred one).
func (r *replicas) response(t *testing.T, id string) fakediscord.Message {
	t.Helper()
	cb, err := r.fake.WaitCallback(ctxFor(t, 10*time.Second), id)
	if err != nil {
		t.Fatalf("no callback for %s: %v", id, err)
	}
	if cb.Type == 4 || cb.Type == 7 {
		return *cb.Message
	}
	ed, err := r.fake.WaitOriginalEdit(ctxFor(t, 10*time.Second), id)
	if err != nil {
		t.Fatalf("no edit for %s: %v", id, err)
	}
	return ed.Message
}

func text(m fakediscord.Message) string {
	var b strings.Builder
	b.WriteString(m.Content)
	for _, e := range m.Embeds {
		b.WriteString("\n" + e.Description)
	}
	return b.String()
}

// A reload accepted by one replica is served by the other within 5 s: stored in PostgreSQL and
// announced with NOTIFY, though the other replica's own knowledge file never changed.
func TestAReloadThroughOneReplicaIsServedByTheOtherWithinFiveSeconds(t *testing.T) {
	r := startReplicas(t, 2, "DATABASE_URL="+testdb.PostgresURL(t))
	ask := func(i int) string {
		user := fakediscord.User{ID: fmt.Sprintf("55555555555%07d", time.Now().UnixNano()%10_000_000), Username: "asker"}
		return text(r.response(t, r.dispatch(fakediscord.SlashCommand("ask", fakediscord.Opt("question", "21 October 2016")).By(user), i)))
	}
	if a := ask(1); !strings.Contains(a, reloadTaxOld) {
		t.Fatalf("replica 1 before the reload: %q", a)
	}
	orig, err := os.ReadFile(filepath.Join(r.dirs[0], knowledge.DefaultFile))
	if err != nil {
		t.Fatal(err)
	}
	upload := r.fake.AddAttachment("knowledge.yaml", bytes.Replace(orig, []byte(reloadTaxOld), []byte(reloadTaxNew), 1))
	id := r.dispatch(fakediscord.SlashCommand("reload", fakediscord.AttachmentOpt("file", upload)).
		By(fakediscord.User{ID: reloadModID, Username: "mod"}).WithPermissions("32"), 0)
	if got := text(r.response(t, id)); !strings.Contains(got, "Changed (1)") {
		t.Fatalf("/reload on replica 0 said %q", got)
	}
	accepted := time.Now()
	for {
		if a := ask(1); strings.Contains(a, reloadTaxNew) {
			break
		}
		if time.Since(accepted) > 5*time.Second {
			t.Fatalf("replica 1 still serves the old version 5 s after the reload\nreplica 1 logs:\n%s", r.logs[1].String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("replica 1 served the reload %v after replica 0 accepted it", time.Since(accepted).Round(time.Millisecond))
	if !strings.Contains(r.logs[1].String(), `"trigger":"replica"`) {
		t.Errorf("replica 1 did not log loading the version from the database")
	}
	if disk, _ := os.ReadFile(filepath.Join(r.dirs[1], knowledge.DefaultFile)); !bytes.Equal(disk, orig) {
		t.Errorf("replica 1's own file changed; the version should have come from the database")
	}
	r.fake.AssertNoViolations(t)
}

// One user's burst across both replicas is limited as if by one: the token bucket is counted in
// PostgreSQL.
func TestOneUsersBurstAcrossReplicasIsLimitedAsByOne(t *testing.T) {
	// A generous answer budget: on a loaded test machine a check can take longer than the 250 ms
	// default, and that replica's own limiter would then decide (as designed for a slow database).
	r := startReplicas(t, 2, "DATABASE_URL="+testdb.PostgresURL(t), "RATE_LIMIT_BURST=3", "RATE_LIMIT_PER_MINUTE=1", "DATABASE_ANSWER_BUDGET=2s")
	// Warm each replica's connection pool first, as traffic would have: connections opened
	// during the burst are the slowest checks.
	var warm sync.WaitGroup
	warmIDs := make([]string, 10)
	for i := range warmIDs {
		warm.Add(1)
		go func() {
			defer warm.Done()
			u := fakediscord.User{ID: fmt.Sprintf("6060606060606060%02d", i), Username: "warm"}
			warmIDs[i] = r.dispatch(fakediscord.SlashCommand("ask", fakediscord.Opt("question", "What happened on 2016-10-14?")).By(u), i%2)
		}()
	}
	warm.Wait()
	for _, id := range warmIDs {
		r.response(t, id)
	}
	user := fakediscord.User{ID: "666666666666666666", Username: "eager"}
	var ids []string
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := r.dispatch(fakediscord.SlashCommand("ask", fakediscord.Opt("question", "What happened on 2016-10-14?")).By(user), i%2)
			mu.Lock()
			ids = append(ids, id)
			mu.Unlock()
		}()
	}
	wg.Wait()
	var answered, limited atomic.Int64
	for _, id := range ids {
		m := r.response(t, id)
		switch {
		case strings.Contains(m.Content, "faster than I can keep up"):
			limited.Add(1)
		case len(m.Embeds) > 0:
			answered.Add(1)
		default:
			t.Errorf("interaction %s: %+v", id, m)
		}
	}
	if answered.Load() != 3 || limited.Load() != 7 {
		t.Errorf("%d answered and %d rate-limited across two replicas; want the burst of 3 answered, 7 limited", answered.Load(), limited.Load())
	}
	// Another user has a budget of their own.
	other := r.dispatch(fakediscord.SlashCommand("ask", fakediscord.Opt("question", "What happened on 2016-10-14?")).By(fakediscord.User{ID: "777777777777777777", Username: "calm"}), 1)
	if m := r.response(t, other); len(m.Embeds) == 0 {
		t.Errorf("another user was limited too: %+v", m)
	}
	r.fake.AssertNoViolations(t)
}

// serveOn runs `timelinebot serve` (gateway mode) against an existing fake Discord and returns a
// function that stops it.
func serveOn(t *testing.T, fake *fakediscord.Server, env ...string) (*syncBuffer, func()) {
	t.Helper()
	logs := &syncBuffer{}
	base := []string{"DISCORD_TOKEN=" + fake.Token(), "DISCORD_API_URL=" + fake.APIURL(), "DISCORD_GUILD_ID=" + fake.GuildID(), "LOG_FORMAT=json"}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, append(base, env...), logs, logs) }()
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(15 * time.Second):
			t.Error("serve did not stop within 15 s")
		}
	}
	t.Cleanup(func() {
		stop()
		if t.Failed() {
			t.Logf("logs:\n%s", logs.String())
		}
	})
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(logs.String(), `"commands registered"`); {
		if time.Now().After(deadline) {
			t.Fatalf("serve never registered its commands:\n%s", logs.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	return logs, stop
}

// Direct messages reach only the gateway process, so "whichever replica answers" a DM follow-up is
// whichever gateway process runs when it comes: after a restart, a deploy or a failover, the new
// process continues the conversation from PostgreSQL.
func TestADMFollowUpContinuesInAnotherProcess(t *testing.T) {
	fake := fakediscord.New(t, fakediscord.Options{})
	model := fakeopenai.NewTest(t)
	dbURL := testdb.PostgresURL(t)
	env := []string{"DATABASE_URL=" + dbURL, "OPENAI_BASE_URL=" + model.BaseURL(), "OPENAI_MODEL=fake-model", "OPENAI_TIMEOUT=2s"}
	reader := fakediscord.User{ID: "888888888888888888", Username: "reader"}
	dm := func(content string) {
		t.Helper()
		id := fake.DispatchMessage(fakediscord.MessageSpec{DM: true, Author: reader, Content: content})
		if _, err := fake.WaitChannelMessage(ctxFor(t, 10*time.Second), func(m fakediscord.Message) bool { return m.Reference != nil && m.Reference.MessageID == id }); err != nil {
			t.Fatalf("no reply to %q: %v", content, err)
		}
	}
	_, stopFirst := serveOn(t, fake, env...)
	const first = "What did WikiLeaks ask Trump Jr. on 21 October 2016?"
	dm(first)
	// The turn is written off the answer path, just after the reply: wait for it, as a user's
	// next message would, before the first process goes away.
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for deadline := time.Now().Add(5 * time.Second); ; {
		var n int
		if err := db.QueryRow(`SELECT COUNT(*) FROM conversation_turns`).Scan(&n); err == nil && n == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the first turn never reached the database")
		}
		time.Sleep(10 * time.Millisecond)
	}
	stopFirst()
	logs, _ := serveOn(t, fake, env...)
	before := len(model.Requests())
	dm("and what did he answer?")
	reqs := model.Requests()
	if len(reqs) <= before {
		t.Fatalf("the second process did not ask the model\n%s", logs.String())
	}
	var sent strings.Builder
	for _, m := range reqs[len(reqs)-1].Body.Messages {
		sent.WriteString(m.Content + "\n")
	}
	if !strings.Contains(sent.String(), first) {
		t.Errorf("the follow-up in the second process was sent without the first question:\n%s", sent.String())
	}
}
