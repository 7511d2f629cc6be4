// Package metrics is what operators watch: Prometheus metrics of the bot's questions, answers,
// language model, knowledge and Discord connection, and the health endpoints a supervisor or a
// load balancer probes.
//
// Every metric lives on the Metrics' own registry, never on client_golang's global default one, so
// any number of instances (tests, several bots in one process) stay apart. Handler serves
// /metrics, /healthz and /readyz.
//
// Metrics implements bot.Metrics; the LLM answerer and the knowledge reloader are given the methods
// they need (LLMTokens, LLMFallback, Reload, KnowledgeLoaded).
package metrics

import (
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Namespace prefixes every metric's name.
const Namespace = "timelinebot"

// Entry points of questions (the entry label).
const (
	EntrySlash   = "slash"   // a slash command over the gateway
	EntryDM      = "dm"      // a direct message
	EntryMention = "mention" // a message mentioning the bot in a server
	EntryHTTP    = "http"    // a slash command through the HTTP interactions endpoint
)

// Outcomes of questions (the outcome label).
const (
	OutcomeAnswered    = "answered"     // answered from the knowledge
	OutcomeNoAnswer    = "no_answer"    // the knowledge has no answer; the bot said so
	OutcomeRefused     = "refused"      // empty or too long
	OutcomeRateLimited = "rate_limited" // the user asked too fast
	OutcomeError       = "error"        // the answerer failed
)

// Results of reloads (the result label of reloads_total), as package reload names them.
const (
	ReloadOK        = "ok"        // a new knowledge version is served
	ReloadUnchanged = "unchanged" // the file reads the same as the version served
	ReloadRefused   = "refused"   // the file failed validation; the previous knowledge keeps serving
	ReloadError     = "error"     // the file could not be read or written; the previous knowledge keeps serving
)

// Entries, Outcomes and ReloadResults return the label values whose series exist from the start
// (at 0), so that rates and alerts work before the first event of each kind. They are functions
// returning fresh slices, so no caller can change what another sees.
func Entries() []string { return []string{EntrySlash, EntryDM, EntryMention, EntryHTTP} }
func Outcomes() []string {
	return []string{OutcomeAnswered, OutcomeNoAnswer, OutcomeRefused, OutcomeRateLimited, OutcomeError}
}

// ReloadResults: see Entries.
func ReloadResults() []string { return []string{ReloadOK, ReloadUnchanged, ReloadRefused, ReloadError} }

// LatencyBuckets returns the answer latency histogram's upper bounds, in seconds: from the embedded
// answerer's sub-millisecond answers to a slow language model's tens of seconds.
func LatencyBuckets() []float64 {
	return []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}
}

// Metrics holds the bot's metrics and readiness. Its methods are safe for concurrent use.
type Metrics struct {
	reg *prometheus.Registry

	questions       *prometheus.CounterVec
	latency         *prometheus.HistogramVec
	llmTokens       *prometheus.CounterVec
	llmFallbacks    *prometheus.CounterVec
	reloads         *prometheus.CounterVec
	knowledgeInfo   *prometheus.GaugeVec
	knowledgeEvents prometheus.Gauge
	gateway         prometheus.Gauge
	httpReady       prometheus.Gauge
	feedback        *prometheus.CounterVec

	infoMu          sync.Mutex
	knowledgeLoaded atomic.Bool
	gatewayUp       atomic.Bool
	httpUp          atomic.Bool
}

// New returns metrics on a new registry, with the Go runtime and process collectors.
func New() *Metrics {
	reg := prometheus.NewRegistry()
	m := &Metrics{
		reg: reg,
		questions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: Namespace, Name: "questions_total",
			Help: "Questions asked, by entry point (slash, dm, mention, http) and outcome (answered, no_answer, refused, rate_limited, error).",
		}, []string{"entry", "outcome"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: Namespace, Name: "answer_duration_seconds",
			Help:    "Time to answer a question, from its arrival to the answer being ready, by entry point. Refused and rate-limited questions are not observed.",
			Buckets: LatencyBuckets(),
		}, []string{"entry"}),
		llmTokens: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: Namespace, Name: "llm_tokens_total",
			Help: "Language model tokens used, by kind (prompt, completion), as the server reported them.",
		}, []string{"kind"}),
		llmFallbacks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: Namespace, Name: "llm_fallbacks_total",
			Help: "Answers the language model could not give or that failed verification, answered extractively instead, by reason.",
		}, []string{"reason"}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: Namespace, Name: "reloads_total",
			Help: "Knowledge reloads, by result (ok, unchanged, refused, error).",
		}, []string{"result"}),
		knowledgeInfo: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Namespace: Namespace, Name: "knowledge_info",
			Help: "The knowledge served: always 1, labelled with its version (content hash) and origin (file path or embedded).",
		}, []string{"version", "origin"}),
		knowledgeEvents: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: Namespace, Name: "knowledge_events",
			Help: "Number of events in the knowledge served.",
		}),
		gateway: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: Namespace, Name: "gateway_connected",
			Help: "1 while the Discord gateway connection is up (READY or RESUMED), else 0.",
		}),
		httpReady: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: Namespace, Name: "http_interactions_ready",
			Help: "1 while the HTTP interactions endpoint serves (commands registered, not shutting down), else 0.",
		}),
		feedback: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: Namespace, Name: "feedback_total",
			Help: "Feedback buttons pressed on answers, by whether the answer was marked helpful.",
		}, []string{"helpful"}),
	}
	reg.MustRegister(m.questions, m.latency, m.llmTokens, m.llmFallbacks, m.reloads, m.knowledgeInfo,
		m.knowledgeEvents, m.gateway, m.httpReady, m.feedback,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, e := range Entries() {
		for _, o := range Outcomes() {
			m.questions.WithLabelValues(e, o)
		}
		m.latency.WithLabelValues(e)
	}
	m.llmTokens.WithLabelValues("prompt")
	m.llmTokens.WithLabelValues("completion")
	for _, r := range ReloadResults() {
		m.reloads.WithLabelValues(r)
	}
	m.feedback.WithLabelValues("true")
	m.feedback.WithLabelValues("false")
	return m
}

// Registry returns the registry holding every metric, for tests and for adding collectors.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Question records a question by entry point and outcome with its handling time. It implements
// bot.Metrics.
func (m *Metrics) Question(entry, outcome string, d time.Duration) {
	m.questions.WithLabelValues(entry, outcome).Inc()
	if outcome == OutcomeRefused || outcome == OutcomeRateLimited {
		return
	}
	m.latency.WithLabelValues(entry).Observe(d.Seconds())
}

// Feedback records a feedback button. It implements bot.Metrics.
func (m *Metrics) Feedback(helpful bool) {
	m.feedback.WithLabelValues(strconv.FormatBool(helpful)).Inc()
}

// GatewayConnected records the gateway connection's state. It implements bot.Metrics.
func (m *Metrics) GatewayConnected(up bool) {
	m.gatewayUp.Store(up)
	m.gateway.Set(b2f(up))
}

// LLMTokens adds the tokens one language model call used.
func (m *Metrics) LLMTokens(prompt, completion int) {
	if prompt > 0 {
		m.llmTokens.WithLabelValues("prompt").Add(float64(prompt))
	}
	if completion > 0 {
		m.llmTokens.WithLabelValues("completion").Add(float64(completion))
	}
}

// LLMFallback records an answer given extractively because the model failed or was not trusted;
// reason is a short fixed word (timeout, error, unverified, …), never free text.
func (m *Metrics) LLMFallback(reason string) {
	if reason == "" {
		reason = "unknown"
	}
	m.llmFallbacks.WithLabelValues(reason).Inc()
}

// Reload records a knowledge reload's result: ReloadOK, ReloadUnchanged, ReloadRefused or ReloadError.
// After ReloadOK, call KnowledgeLoaded with the new version.
func (m *Metrics) Reload(result string) {
	m.reloads.WithLabelValues(result).Inc()
}

// KnowledgeLoaded records the knowledge now served: knowledge_info gets this version and origin
// (the previous label set is removed) and knowledge_events its size. The bot is not ready before
// the first call.
func (m *Metrics) KnowledgeLoaded(version, origin string, events int) {
	m.infoMu.Lock()
	m.knowledgeInfo.Reset()
	m.knowledgeInfo.WithLabelValues(version, origin).Set(1)
	m.knowledgeEvents.Set(float64(events))
	m.infoMu.Unlock()
	m.knowledgeLoaded.Store(true)
}

// HTTPReady records whether the HTTP interactions endpoint serves: true once the listener is up
// and the commands are registered, false from the start of a shutdown so load balancers drain.
func (m *Metrics) HTTPReady(ready bool) {
	m.httpUp.Store(ready)
	m.httpReady.Set(b2f(ready))
}

// Ready reports whether the bot can serve: the knowledge is loaded and either the gateway is
// connected or the HTTP interactions endpoint is ready. When not, reason says why.
func (m *Metrics) Ready() (ready bool, reason string) {
	switch {
	case !m.knowledgeLoaded.Load():
		return false, "knowledge not loaded"
	case !m.gatewayUp.Load() && !m.httpUp.Load():
		return false, "not connected to Discord: the gateway is down and the HTTP interactions endpoint is not serving"
	}
	return true, ""
}

// Handler serves the metrics (GET /metrics, in any format Prometheus negotiates), liveness
// (GET /healthz: 200 while the process answers) and readiness (GET /readyz: 200 when Ready, else
// 503 with the reason). Other paths are 404.
func (m *Metrics) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg, EnableOpenMetrics: true}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		plain(w, http.StatusOK, "ok\n")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		if ok, reason := m.Ready(); !ok {
			plain(w, http.StatusServiceUnavailable, "not ready: "+reason+"\n")
			return
		}
		plain(w, http.StatusOK, "ready\n")
	})
	return mux
}

func plain(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
