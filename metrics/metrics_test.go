package metrics_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/bot"
	"github.com/timelinebot/timelinebot/metrics"
)

var _ bot.Metrics = (*metrics.Metrics)(nil)

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	body, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, string(body)
}

// sample returns the value of the sample line starting with series ("name{labels}"), or "" when
// there is none.
func sample(exposition, series string) string {
	for _, line := range strings.Split(exposition, "\n") {
		if rest, ok := strings.CutPrefix(line, series+" "); ok {
			return strings.Fields(rest)[0]
		}
	}
	return ""
}

func TestReadinessTransitions(t *testing.T) {
	m := metrics.New()
	h := m.Handler()
	steps := []struct {
		name   string
		do     func()
		status int
		body   string
	}{
		{"start", func() {}, 503, "not ready: knowledge not loaded"},
		{"gateway before knowledge", func() { m.GatewayConnected(true) }, 503, "knowledge not loaded"},
		{"knowledge and gateway", func() { m.KnowledgeLoaded("v1", "embedded", 10) }, 200, "ready"},
		{"gateway lost", func() { m.GatewayConnected(false) }, 503, "not connected to Discord"},
		{"gateway back", func() { m.GatewayConnected(true) }, 200, "ready"},
		{"gateway down, http ready", func() { m.GatewayConnected(false); m.HTTPReady(true) }, 200, "ready"},
		{"http draining", func() { m.HTTPReady(false) }, 503, "not connected to Discord"},
	}
	for _, s := range steps {
		s.do()
		code, body := get(t, h, "/readyz")
		if code != s.status || !strings.Contains(body, s.body) {
			t.Errorf("%s: /readyz = %d %q, want %d containing %q", s.name, code, body, s.status, s.body)
		}
		if code, _ := get(t, h, "/healthz"); code != 200 {
			t.Errorf("%s: /healthz = %d, want 200 whatever the readiness", s.name, code)
		}
	}
}

func TestExposition(t *testing.T) {
	m := metrics.New()
	m.KnowledgeLoaded("aaa", "embedded", 40)
	m.Question("slash", "answered", 3*time.Millisecond)
	m.Question("slash", "answered", 4*time.Millisecond)
	m.Question("dm", "no_answer", time.Millisecond)
	m.Question("mention", "rate_limited", 0)
	m.Question("http", "refused", 0)
	m.Feedback(true)
	m.LLMTokens(120, 30)
	m.LLMTokens(80, 0)
	m.LLMFallback("timeout")
	m.Reload(metrics.ReloadOK)
	m.KnowledgeLoaded("bbb", "/etc/timelinebot/knowledge.yaml", 41)
	m.Reload(metrics.ReloadRefused)
	m.GatewayConnected(true)

	code, body := get(t, m.Handler(), "/metrics")
	if code != 200 {
		t.Fatalf("/metrics = %d", code)
	}
	want := map[string]string{
		`timelinebot_questions_total{entry="slash",outcome="answered"}`:                      "2",
		`timelinebot_questions_total{entry="dm",outcome="no_answer"}`:                        "1",
		`timelinebot_questions_total{entry="mention",outcome="rate_limited"}`:                "1",
		`timelinebot_questions_total{entry="http",outcome="refused"}`:                        "1",
		`timelinebot_questions_total{entry="http",outcome="answered"}`:                       "0",
		`timelinebot_answer_duration_seconds_count{entry="slash"}`:                           "2",
		`timelinebot_answer_duration_seconds_count{entry="dm"}`:                              "1",
		`timelinebot_answer_duration_seconds_count{entry="mention"}`:                         "0",
		`timelinebot_answer_duration_seconds_count{entry="http"}`:                            "0",
		`timelinebot_answer_duration_seconds_bucket{entry="slash",le="0.005"}`:               "2",
		`timelinebot_feedback_total{helpful="true"}`:                                         "1",
		`timelinebot_feedback_total{helpful="false"}`:                                        "0",
		`timelinebot_llm_tokens_total{kind="prompt"}`:                                        "200",
		`timelinebot_llm_tokens_total{kind="completion"}`:                                    "30",
		`timelinebot_llm_fallbacks_total{reason="timeout"}`:                                  "1",
		`timelinebot_reloads_total{result="ok"}`:                                             "1",
		`timelinebot_reloads_total{result="refused"}`:                                        "1",
		`timelinebot_reloads_total{result="error"}`:                                          "0",
		`timelinebot_knowledge_info{origin="/etc/timelinebot/knowledge.yaml",version="bbb"}`: "1",
		`timelinebot_knowledge_events`:                                                       "41",
		`timelinebot_gateway_connected`:                                                      "1",
		`timelinebot_http_interactions_ready`:                                                "0",
	}
	for series, v := range want {
		if got := sample(body, series); got != v {
			t.Errorf("%s = %q, want %q", series, got, v)
		}
	}
	if strings.Contains(body, `version="aaa"`) {
		t.Error("knowledge_info still has the previous version's series")
	}
	for _, std := range []string{"go_goroutines", "process_resident_memory_bytes"} {
		if !strings.Contains(body, std) {
			t.Errorf("runtime metric %s missing", std)
		}
	}
}

// Two instances never share series: each has its own registry.
func TestInstancesAreIndependent(t *testing.T) {
	a, b := metrics.New(), metrics.New()
	a.Question("slash", "answered", time.Millisecond)
	_, body := get(t, b.Handler(), "/metrics")
	if got := sample(body, `timelinebot_questions_total{entry="slash",outcome="answered"}`); got != "0" {
		t.Errorf("second instance sees %q questions, want 0", got)
	}
}

func TestUnknownPath(t *testing.T) {
	if code, _ := get(t, metrics.New().Handler(), "/nope"); code != 404 {
		t.Errorf("/nope = %d, want 404", code)
	}
}
