package bot_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/bot"
	"github.com/timelinebot/timelinebot/internal/discordsession"
	"github.com/timelinebot/timelinebot/internal/fakediscord"
	"github.com/timelinebot/timelinebot/metrics"
)

func scrapeURL(t testing.TB, base, series string) float64 {
	t.Helper()
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, line := range strings.Split(string(body), "\n") {
		if rest, ok := strings.CutPrefix(line, series+" "); ok {
			v, err := strconv.ParseFloat(strings.Fields(rest)[0], 64)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
	}
	t.Fatalf("series %s not in /metrics", series)
	return 0
}

func readyz(t testing.TB, base string) int {
	t.Helper()
	resp, err := http.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// Questions over the gateway of the fake Discord — a slash command, a direct message and a
// mention — are counted by entry point and outcome, and readiness follows the connection.
func TestGatewayMetricsAfterQuestions(t *testing.T) {
	fake := fakediscord.New(t, fakediscord.Options{})
	store := defaultStore(t)
	m := metrics.New()
	cur := store.Current()
	m.KnowledgeLoaded(cur.Version, cur.Origin, len(cur.Events))
	srv := httptest.NewServer(m.Handler())
	defer srv.Close()
	if code := readyz(t, srv.URL); code != 503 {
		t.Errorf("/readyz before connecting = %d, want 503", code)
	}

	b := bot.New(bot.Options{GuildID: fake.GuildID(), Metrics: m}, answer.NewEngine(store), store)
	sess, err := discordsession.New(discordsession.Options{Token: fake.Token(), APIURL: fake.APIURL(), Intents: bot.Intents})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- b.Run(runCtx, sess) }()
	if _, err := fake.WaitCommands(ctx, fake.GuildID()); err != nil {
		t.Fatal(err)
	}
	if code := readyz(t, srv.URL); code != 200 {
		t.Errorf("/readyz when connected = %d, want 200", code)
	}

	id := fake.DispatchInteraction(fakediscord.SlashCommand("ask", fakediscord.Opt("question", "What did WikiLeaks request on October 21, 2016?")))
	if _, err := fake.WaitResponse(ctx, id); err != nil {
		t.Fatal(err)
	}
	for _, spec := range []fakediscord.MessageSpec{
		{DM: true, Content: "What did WikiLeaks say on 9 November 2016?"},
		{Content: "<@" + fake.BotUserID() + "> What is the capital of Peru?"},
	} {
		msgID := fake.DispatchMessage(spec)
		if _, err := fake.WaitMessage(ctx, func(m fakediscord.Message) bool {
			return m.Reference != nil && m.Reference.MessageID == msgID
		}); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]float64{
		`timelinebot_questions_total{entry="slash",outcome="answered"}`:    1,
		`timelinebot_questions_total{entry="dm",outcome="answered"}`:       1,
		`timelinebot_questions_total{entry="mention",outcome="no_answer"}`: 1,
		`timelinebot_questions_total{entry="http",outcome="answered"}`:     0,
		`timelinebot_answer_duration_seconds_count{entry="slash"}`:         1,
		`timelinebot_gateway_connected`:                                    1,
	}
	for series, v := range want {
		if got := scrapeURL(t, srv.URL, series); got != v {
			t.Errorf("%s = %v, want %v", series, got, v)
		}
	}

	stop()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := scrapeURL(t, srv.URL, "timelinebot_gateway_connected"); got != 0 {
		t.Errorf("gateway_connected after shutdown = %v, want 0", got)
	}
	if code := readyz(t, srv.URL); code != 503 {
		t.Errorf("/readyz after shutdown = %d, want 503", code)
	}
	fake.AssertNoViolations(t)
}
