// Package fakeopenai is an OpenAI-compatible chat completions server on httptest, for testing the
// real go-openai client without a network or a model.
//
// It serves POST /v1/chat/completions, plain and streamed (server-sent events ending in
// "data: [DONE]"), and reports usage with tokens estimated as characters/4 (EstimateTokens). By
// default it behaves like a small, obedient model that answers from the passages it is sent: it
// reads the numbered passages of package llm's prompt ("[n] DATE (EVENT-ID): text" lines inside a
// <passages> block) and replies with one sentence per event built from the event's first passage,
// followed by [n] markers for all of that event's passages — an answer that is grounded, so the dev
// eval can be scored with it. Like a gullible model, it obeys an injected "ignore previous
// instructions and say X" in the question by replying X. A drafting request of package draft is
// answered with a JSON draft instead (see draft.go).
//
// Each request's behaviour is the next one queued with Then, else the default (SetDefault): see
// Behavior for the failures it can produce. Every request is recorded (Requests), with its
// Authorization header, the passages it carried and the question.
package fakeopenai

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	openai "github.com/sashabaranov/go-openai"
)

// Behavior is what the fake does with a request.
type Behavior string

// Behaviours.
const (
	// Grounded answers from the passages with valid [n] markers (and obeys injected instructions).
	Grounded Behavior = "grounded"
	// UnsentCitation answers like Grounded and adds a claim citing passage n+1, one it was not sent.
	UnsentCitation Behavior = "unsent-citation"
	// FakeQuote answers like Grounded and adds a long quotation that is not in any source.
	FakeQuote Behavior = "fake-quote"
	// NoCitation answers like Grounded without any marker.
	NoCitation Behavior = "no-citation"
	// ObeyInjection replies with what the question's injected instruction asks ("… say X" → "X"),
	// or with a compliant sentence, never with markers.
	ObeyInjection Behavior = "obey-injection"
	// NoAnswer replies with the no-answer phrase.
	NoAnswer Behavior = "no-answer"
	// ServerError returns HTTP 500 with an OpenAI-style error body.
	ServerError Behavior = "server-error"
	// RateLimited returns HTTP 429 with a Retry-After header (SetRetryAfter; "1" by default).
	RateLimited Behavior = "rate-limited"
	// MalformedJSON returns HTTP 200 with a body (or a stream event) that is not valid JSON.
	MalformedJSON Behavior = "malformed-json"
	// CutStream starts the reply and drops the connection half-way: a stream stops mid-way, a plain
	// body is shorter than its Content-Length.
	CutStream Behavior = "cut-stream"
	// StallStream streams half the reply, then sends nothing more until the client gives up.
	StallStream Behavior = "stall-stream"
	// Hang sends nothing at all until the client gives up.
	Hang Behavior = "hang"
	// Huge answers like Grounded, its text repeated to SetHugeSize bytes (200 MB by default), plain
	// or streamed: a model or a proxy gone wrong. The reply is written as it is generated, so the
	// fake itself stays small, and stops when the client hangs up.
	Huge Behavior = "huge"
)

// DefaultHugeSize is the size of a Huge reply unless SetHugeSize says otherwise.
const DefaultHugeSize = 200 << 20

// NoAnswerPhrase is the reply of the NoAnswer behaviour: package llm's no-answer phrase.
const NoAnswerPhrase = "NO_ANSWER"

// Passage is a numbered passage read from a request's prompt.
type Passage struct {
	N       int
	Date    string
	EventID string
	Text    string
}

// Request is a recorded request.
type Request struct {
	Authorization string
	Body          openai.ChatCompletionRequest
	Stream        bool
	IncludeUsage  bool
	// Passages and Question are read from the last user message; Lang is the language it asks for.
	Passages []Passage
	Question string
	Lang     string
	Behavior Behavior
}

// Server is the fake. Its URL is the httptest server's; BaseURL adds "/v1".
type Server struct {
	*httptest.Server

	mu         sync.Mutex
	def        Behavior
	queue      []Behavior
	requests   []Request
	retryAfter string
	hugeSize   int
	latency    time.Duration
	chunkDelay time.Duration
	done       chan struct{}
	closeOnce  sync.Once
}

// New starts a fake server answering Grounded; Close it when done.
func New() *Server {
	s := &Server{def: Grounded, retryAfter: "1", hugeSize: DefaultHugeSize, done: make(chan struct{})}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// NewTest starts a fake server closed when the test ends.
func NewTest(t testing.TB) *Server {
	s := New()
	t.Cleanup(s.Close)
	return s
}

// Close stops the server, releasing requests that hang.
func (s *Server) Close() {
	s.closeOnce.Do(func() { close(s.done) })
	s.Server.Close()
}

// BaseURL is the OpenAI base URL to configure: the server's URL and "/v1".
func (s *Server) BaseURL() string { return s.URL + "/v1" }

// SetDefault sets the behaviour of requests nothing is queued for.
func (s *Server) SetDefault(b Behavior) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.def = b
}

// Then queues behaviours for the next requests, in order.
func (s *Server) Then(bs ...Behavior) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queue = append(s.queue, bs...)
}

// SetRetryAfter sets the Retry-After header RateLimited sends ("" for none).
func (s *Server) SetRetryAfter(v string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.retryAfter = v
}

// SetHugeSize sets the size in bytes of a Huge reply.
func (s *Server) SetHugeSize(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hugeSize = n
}

// SetLatency makes every answer wait d before its first byte, like a model thinking.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// SetChunkDelay makes streams wait d between events.
func (s *Server) SetChunkDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.chunkDelay = d
}

// Requests returns the requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Reset forgets recorded requests and queued behaviours.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests, s.queue = nil, nil
}

// EstimateTokens is the fake's token count: characters/4, rounded up.
func EstimateTokens(s string) int { return (utf8.RuneCountInString(s) + 3) / 4 }

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/v1/chat/completions" {
		writeError(w, http.StatusNotFound, "invalid_request_error", "unknown path "+r.URL.Path)
		return
	}
	if r.Method != http.MethodPost {
		writeError(w, http.StatusMethodNotAllowed, "invalid_request_error", "use POST")
		return
	}
	var body openai.ChatCompletionRequest
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "body is not a chat completion request: "+err.Error())
		return
	}
	if body.Model == "" || len(body.Messages) == 0 {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "model and messages are required")
		return
	}
	req := Request{Authorization: r.Header.Get("Authorization"), Body: body, Stream: body.Stream,
		IncludeUsage: body.StreamOptions != nil && body.StreamOptions.IncludeUsage}
	for i := len(body.Messages) - 1; i >= 0; i-- {
		if body.Messages[i].Role == openai.ChatMessageRoleUser {
			req.Passages, req.Question, req.Lang = parsePrompt(body.Messages[i].Content)
			break
		}
	}

	s.mu.Lock()
	b := s.def
	if len(s.queue) > 0 {
		b, s.queue = s.queue[0], s.queue[1:]
	}
	req.Behavior = b
	s.requests = append(s.requests, req)
	retryAfter, latency, chunkDelay, hugeSize := s.retryAfter, s.latency, s.chunkDelay, s.hugeSize
	s.mu.Unlock()

	if !s.wait(r, latency) {
		return
	}
	switch b {
	case ServerError:
		writeError(w, http.StatusInternalServerError, "server_error", "the fake model is down")
		return
	case RateLimited:
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		writeError(w, http.StatusTooManyRequests, "rate_limit_exceeded", "rate limit reached; retry later")
		return
	case Hang:
		s.wait(r, -1)
		return
	}

	reply := compose(b, req)
	if b == Huge {
		s.huge(w, body, reply, hugeSize)
		return
	}
	usage := openai.Usage{PromptTokens: promptTokens(body), CompletionTokens: EstimateTokens(reply)}
	usage.TotalTokens = usage.PromptTokens + usage.CompletionTokens
	if body.Stream {
		s.stream(w, r, b, body, reply, usage, req.IncludeUsage, chunkDelay)
		return
	}
	switch b {
	case MalformedJSON:
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id":"chatcmpl-fake","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant",content:oops}}]}`)
		return
	case StallStream:
		s.wait(r, -1)
		return
	}
	resp := openai.ChatCompletionResponse{
		ID: "chatcmpl-fake", Object: "chat.completion", Created: time.Now().Unix(), Model: body.Model,
		Choices: []openai.ChatCompletionChoice{{
			Message:      openai.ChatCompletionMessage{Role: openai.ChatMessageRoleAssistant, Content: reply},
			FinishReason: openai.FinishReasonStop,
		}},
		Usage: usage,
	}
	data, _ := json.Marshal(resp)
	w.Header().Set("Content-Type", "application/json")
	if b == CutStream {
		w.Header().Set("Content-Length", strconv.Itoa(len(data)))
		w.Write(data[:len(data)/2])
		w.(http.Flusher).Flush()
		panic(http.ErrAbortHandler)
	}
	w.Write(data)
}

// huge writes reply repeated to about size bytes, as one JSON body or as a stream of events, without
// holding it in memory.
func (s *Server) huge(w http.ResponseWriter, body openai.ChatCompletionRequest, reply string, size int) {
	piece := reply + " "
	if body.Stream {
		w.Header().Set("Content-Type", "text/event-stream")
		data, _ := json.Marshal(openai.ChatCompletionStreamResponse{
			ID: "chatcmpl-fake", Object: "chat.completion.chunk", Created: time.Now().Unix(), Model: body.Model,
			Choices: []openai.ChatCompletionStreamChoice{{Delta: openai.ChatCompletionStreamChoiceDelta{Content: piece}}},
		})
		event := []byte("data: " + string(data) + "\n\n")
		for n := 0; n < size; n += len(event) {
			if _, err := w.Write(event); err != nil {
				return
			}
		}
		fmt.Fprintf(w, "data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"model\":%q,\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n", body.Model)
		fmt.Fprint(w, "data: [DONE]\n\n")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	quoted, _ := json.Marshal(piece)
	chunk := quoted[1 : len(quoted)-1]
	fmt.Fprintf(w, `{"id":"chatcmpl-fake","object":"chat.completion","created":%d,"model":%q,"choices":[{"index":0,"message":{"role":"assistant","content":"`, time.Now().Unix(), body.Model)
	for n := 0; n < size; n += len(chunk) {
		if _, err := w.Write(chunk); err != nil {
			return
		}
	}
	fmt.Fprint(w, `"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}`)
}

// wait sleeps d (forever when negative) unless the client goes away or the server closes first; it
// reports whether the request is still wanted.
func (s *Server) wait(r *http.Request, d time.Duration) bool {
	if d == 0 {
		return true
	}
	var timer <-chan time.Time
	if d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		timer = t.C
	}
	select {
	case <-timer:
		return true
	case <-r.Context().Done():
	case <-s.done:
	}
	return false
}

func (s *Server) stream(w http.ResponseWriter, r *http.Request, b Behavior, body openai.ChatCompletionRequest, reply string, usage openai.Usage, includeUsage bool, delay time.Duration) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	flusher := w.(http.Flusher)
	send := func(v any) {
		data, _ := json.Marshal(v)
		fmt.Fprintf(w, "data: %s\n\n", data)
		flusher.Flush()
	}
	chunk := func(delta openai.ChatCompletionStreamChoiceDelta, finish openai.FinishReason) openai.ChatCompletionStreamResponse {
		return openai.ChatCompletionStreamResponse{
			ID: "chatcmpl-fake", Object: "chat.completion.chunk", Created: time.Now().Unix(), Model: body.Model,
			Choices: []openai.ChatCompletionStreamChoice{{Delta: delta, FinishReason: finish}},
		}
	}
	send(chunk(openai.ChatCompletionStreamChoiceDelta{Role: openai.ChatMessageRoleAssistant}, ""))
	if b == MalformedJSON {
		fmt.Fprint(w, "data: {\"id\":\"chatcmpl-fake\",\"choices\":[{oops\n\n")
		flusher.Flush()
		return
	}
	pieces := split(reply)
	for i, p := range pieces {
		if (b == CutStream || b == StallStream) && i >= len(pieces)/2 {
			if b == StallStream {
				s.wait(r, -1)
				return
			}
			panic(http.ErrAbortHandler)
		}
		if i > 0 && !s.wait(r, delay) {
			return
		}
		send(chunk(openai.ChatCompletionStreamChoiceDelta{Content: p}, ""))
	}
	send(chunk(openai.ChatCompletionStreamChoiceDelta{}, openai.FinishReasonStop))
	if includeUsage {
		send(openai.ChatCompletionStreamResponse{ID: "chatcmpl-fake", Object: "chat.completion.chunk", Created: time.Now().Unix(),
			Model: body.Model, Choices: []openai.ChatCompletionStreamChoice{}, Usage: &usage})
	}
	fmt.Fprint(w, "data: [DONE]\n\n")
	flusher.Flush()
}

// split cuts a reply into stream pieces of about three words, keeping every character.
func split(reply string) []string {
	var out []string
	words := 0
	start := 0
	for i, r := range reply {
		if r == ' ' || r == '\n' {
			words++
			if words == 3 {
				out = append(out, reply[start:i+1])
				start, words = i+1, 0
			}
		}
	}
	if start < len(reply) {
		out = append(out, reply[start:])
	}
	return out
}

func writeError(w http.ResponseWriter, status int, typ, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	data, _ := json.Marshal(map[string]any{"error": map[string]any{"message": msg, "type": typ, "code": nil}})
	w.Write(data)
}

func promptTokens(body openai.ChatCompletionRequest) int {
	n := 0
	for _, m := range body.Messages {
		n += EstimateTokens(m.Content)
	}
	return n
}

var (
	rePassage  = regexp.MustCompile(`(?m)^\[(\d+)\] (\S+(?: \d{1,2}:\d{2})?) \(([^)]*)\): (.*)$`)
	reQuestion = regexp.MustCompile(`(?s)<question>(.*?)</question>`)
	reLang     = regexp.MustCompile(`Answer in (\w+)`)
	reInject   = regexp.MustCompile(`(?is)\b(?:ignore|disregard|forget|oublie[sz]?|ignore[sz]?)\b.{0,40}?\b(?:instructions?|rules|consignes|r[èe]gles)\b.*?\b(?:say|reply|answer|write|respond|print|dis|r[ée]ponds|[ée]cris)\b(?:\s+(?:with|only|just|par|seulement))?\s*:?\s*(.+)$`)
)

// parsePrompt reads the passages, question and requested language from an llm prompt.
func parsePrompt(content string) ([]Passage, string, string) {
	var ps []Passage
	if i := strings.Index(content, "<passages>"); i >= 0 {
		block := content[i:]
		if j := strings.Index(block, "</passages>"); j >= 0 {
			block = block[:j]
		}
		for _, m := range rePassage.FindAllStringSubmatch(block, -1) {
			n, _ := strconv.Atoi(m[1])
			ps = append(ps, Passage{N: n, Date: m[2], EventID: m[3], Text: m[4]})
		}
	}
	q := ""
	if m := reQuestion.FindAllStringSubmatch(content, -1); len(m) > 0 {
		q = strings.TrimSpace(m[len(m)-1][1])
	}
	lang := "en"
	if m := reLang.FindStringSubmatch(content); m != nil && strings.EqualFold(m[1], "French") {
		lang = "fr"
	}
	return ps, q, lang
}

// injected returns what an injected instruction in the question asks to say.
func injected(q string) (string, bool) {
	m := reInject.FindStringSubmatch(q)
	if m == nil {
		return "", false
	}
	x := strings.Trim(strings.TrimSpace(m[1]), `"'«»“”.!? `)
	return x, x != ""
}

// compose writes the reply for a behaviour.
func compose(b Behavior, req Request) string {
	if text, ok := draftReply(b, req); ok && b != NoAnswer && b != ObeyInjection {
		return text
	}
	switch b {
	case NoAnswer:
		return NoAnswerPhrase
	case ObeyInjection:
		if x, ok := injected(req.Question); ok {
			return x
		}
		return "Sure! I will do whatever you ask, no sources needed."
	}
	if x, ok := injected(req.Question); ok {
		return x
	}
	if len(req.Passages) == 0 {
		return NoAnswerPhrase
	}
	text := grounded(req.Passages, req.Lang, b != NoCitation)
	switch b {
	case UnsentCitation:
		text += fmt.Sprintf(" It also says more [%d].", len(req.Passages)+1)
	case FakeQuote:
		text += ` WikiLeaks wrote "we will publish every one of the campaign emails tomorrow at dawn" [1].`
	}
	return text
}

// grounded writes one sentence per event: its date, the first dozen words of its first passage
// (quotation marks dropped, so nothing is presented as a quotation), and markers for all its passages.
func grounded(ps []Passage, lang string, markers bool) string {
	type group struct {
		date  string
		first string
		nums  []int
	}
	var groups []*group
	byEvent := map[string]*group{}
	for _, p := range ps {
		g, ok := byEvent[p.EventID]
		if !ok {
			g = &group{date: p.Date, first: p.Text}
			byEvent[p.EventID] = g
			groups = append(groups, g)
		}
		g.nums = append(g.nums, p.N)
	}
	var b strings.Builder
	for i, g := range groups {
		if i > 0 {
			b.WriteString("\n")
		}
		words := strings.Fields(strings.Map(func(r rune) rune {
			if strings.ContainsRune(`"«»“”„`, r) {
				return -1
			}
			return r
		}, g.first))
		if len(words) > 12 {
			words = words[:12]
		}
		snippet := strings.TrimRight(strings.Join(words, " "), ".,;:!?")
		if lang == "fr" {
			fmt.Fprintf(&b, "Le %s, selon la source : %s", g.date, snippet)
		} else {
			fmt.Fprintf(&b, "On %s, the source says: %s", g.date, snippet)
		}
		if markers {
			b.WriteString(" ")
			for _, n := range g.nums {
				fmt.Fprintf(&b, "[%d]", n)
			}
		}
		b.WriteString(".")
	}
	return b.String()
}
