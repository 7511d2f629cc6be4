// Package llm phrases answers with a language model behind any OpenAI-compatible endpoint (OpenAI,
// Ollama, llama.cpp's server, vLLM, LM Studio) through github.com/sashabaranov/go-openai, without
// weakening grounding:
//
//   - Retrieval first. answer.Retrieve picks the events and passages; when it finds nothing the
//     extractive refusal is returned and the model is not called. Otherwise only the selected
//     passages are sent, numbered, with the timeline's title and the question, in tagged blocks the
//     system prompt declares to be data, never instructions.
//   - Verification before anything is shown (see verify.go): every [n] marker must name a passage
//     that was sent, at least one is required, and long quotations must be verbatim in the source.
//     Citations are the knowledge's passages the markers name, never model text.
//   - Any failure — a rejected answer, a timeout, an HTTP error after bounded retries, a malformed
//     response or a broken stream — returns the extractive answer with Answer.Fallback saying why,
//     and a log line. The user never gets an error.
//
// An Answerer also keeps short per-conversation histories (DMs) for follow-up questions; see
// history.go for the follow-up rule.
package llm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	openai "github.com/sashabaranov/go-openai"

	"github.com/timelinebot/timelinebot/answer"
)

// Defaults for Options left zero.
const (
	DefaultTimeout          = 20 * time.Second
	DefaultMaxTokens        = 400
	DefaultMaxRetries       = 2
	DefaultRetryBackoff     = 250 * time.Millisecond
	DefaultMaxConversations = 10000
)

// Options configure an Answerer. cmd/timelinebot fills them from config.LLM.
type Options struct {
	// BaseURL is the API base URL, such as http://localhost:11434/v1; "" is OpenAI's.
	BaseURL string
	// APIKey is sent as a bearer token when set; local servers need none. It is never logged.
	APIKey string
	// Model names the model.
	Model string
	// Timeout is the whole model call's budget, retries included; when it runs out the extractive
	// answer is used. 0 means DefaultTimeout.
	Timeout time.Duration
	// MaxTokens caps the answer's length; 0 means DefaultMaxTokens.
	MaxTokens int
	// Temperature is the sampling temperature, sent as is (0 included).
	Temperature float64
	// HistoryTTL is how long a conversation's turns are kept after its last one; 0 keeps none.
	HistoryTTL time.Duration
	// HistoryTurns is how many previous turns a conversation keeps and sends; 0 keeps none.
	HistoryTurns int
	// MaxConversations caps how many conversations' histories are held; the least recently active
	// is dropped first. 0 means DefaultMaxConversations.
	MaxConversations int
	// SharedHistory, when set, keeps conversation histories where every process sees them (the
	// database), so a follow-up works whichever process answers it; see history.go.
	SharedHistory SharedHistory
	// SharedHistoryBudget bounds a read of SharedHistory; 0 means DefaultSharedHistoryBudget.
	SharedHistoryBudget time.Duration
	// MaxRetries is how many times a 429, a 5xx or an unreachable endpoint is retried within the
	// Timeout; 0 means DefaultMaxRetries, negative none.
	MaxRetries int
	// RetryBackoff is the wait before the first retry when the server gives no Retry-After; it
	// doubles for each further retry. 0 means DefaultRetryBackoff.
	RetryBackoff time.Duration
	// HTTPClient makes the requests; nil means a new http.Client. Tests pass the fake server's.
	HTTPClient *http.Client
}

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxTokens <= 0 {
		o.MaxTokens = DefaultMaxTokens
	}
	switch {
	case o.MaxRetries == 0:
		o.MaxRetries = DefaultMaxRetries
	case o.MaxRetries < 0:
		o.MaxRetries = 0
	}
	if o.RetryBackoff <= 0 {
		o.RetryBackoff = DefaultRetryBackoff
	}
	if o.MaxConversations <= 0 {
		o.MaxConversations = DefaultMaxConversations
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{}
	}
	return o
}

// Mode is the Answer.Mode of answers the model phrased.
const Mode = "llm"

// Answerer answers with a language model, verified, falling back to the extractive answer. It is
// safe for concurrent use.
type Answerer struct {
	opts     Options
	kb       answer.Knowledge
	fallback func(answer.Retrieval) answer.Answer
	client   *openai.Client
	log      *slog.Logger
	hist     *history
	now      func() time.Time
	stats    struct {
		questions, modelAnswers, noAnswers, fallbacks, notAsked, promptTokens, completionTokens atomic.Int64
	}
}

// New returns an Answerer over the knowledge kb serves. fallback phrases a retrieval as the
// extractive answer shown when the model is not asked or not trusted; nil means answer.Compose, the
// embedded engine's own phrasing. A nil logger discards logs.
func New(opts Options, kb answer.Knowledge, fallback func(answer.Retrieval) answer.Answer, logger *slog.Logger) *Answerer {
	opts = opts.withDefaults()
	if fallback == nil {
		fallback = answer.Compose
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	cc := openai.DefaultConfig(opts.APIKey)
	if opts.BaseURL != "" {
		cc.BaseURL = strings.TrimRight(opts.BaseURL, "/")
	}
	cc.HTTPClient = hintDoer{c: opts.HTTPClient, maxBody: replyCap(opts.MaxTokens)}
	a := &Answerer{
		opts:     opts,
		kb:       kb,
		fallback: fallback,
		client:   openai.NewClientWithConfig(cc),
		log:      logger,
		now:      time.Now,
	}
	a.hist = newHistory(opts.HistoryTTL, opts.HistoryTurns, opts.MaxConversations, func() time.Time { return a.now() })
	a.hist.shared, a.hist.log, a.hist.budget = opts.SharedHistory, logger, opts.SharedHistoryBudget
	if a.hist.budget <= 0 {
		a.hist.budget = DefaultSharedHistoryBudget
	}
	return a
}

// Model is the model's name.
func (a *Answerer) Model() string { return a.opts.Model }

// Answer answers q. The error is non-nil only when ctx was already done; every model failure ends
// in the extractive answer instead.
func (a *Answerer) Answer(ctx context.Context, q answer.Question) (answer.Answer, error) {
	return a.answer(ctx, q, nil)
}

// AnswerStream answers q like Answer, streaming the model's reply: onDelta receives the text that
// can be shown so far, each time it grows. Only text that has passed verification so far is passed
// (up to the last complete [n] marker, markers renumbered as in the final answer), never the
// no-answer phrase, and nothing more once the reply fails a check. onDelta is called from the
// calling goroutine, as often as the model sends tokens: throttle the edits it causes (the
// bot edits at most once per STREAM_EVERY). The returned answer is authoritative: when it is the extractive fallback
// (Answer.Fallback set), the streamed text must be replaced by it.
func (a *Answerer) AnswerStream(ctx context.Context, q answer.Question, onDelta func(textSoFar string)) (answer.Answer, error) {
	if onDelta == nil {
		onDelta = func(string) {}
	}
	return a.answer(ctx, q, onDelta)
}

// Forget drops a conversation's history.
func (a *Answerer) Forget(conversation string) { a.hist.forget(conversation) }

// Stats are an Answerer's counters since it was made.
type Stats struct {
	// Questions counts every question; NotAsked those retrieval found nothing for (the model was not
	// called); ModelAnswers those the model answered and verification passed; NoAnswers those the
	// model said the passages do not answer; Fallbacks those answered extractively after a failure.
	Questions, NotAsked, ModelAnswers, NoAnswers, Fallbacks int64
	// PromptTokens and CompletionTokens sum the usage the server reported (estimated as characters/4
	// when it reported none).
	PromptTokens, CompletionTokens int64
}

// Stats returns the counters.
func (a *Answerer) Stats() Stats {
	s := &a.stats
	return Stats{
		Questions: s.questions.Load(), NotAsked: s.notAsked.Load(), ModelAnswers: s.modelAnswers.Load(),
		NoAnswers: s.noAnswers.Load(), Fallbacks: s.fallbacks.Load(),
		PromptTokens: s.promptTokens.Load(), CompletionTokens: s.completionTokens.Load(),
	}
}

func (a *Answerer) answer(ctx context.Context, q answer.Question, onDelta func(string)) (answer.Answer, error) {
	if err := ctx.Err(); err != nil {
		return answer.Answer{}, err
	}
	start := time.Now()
	a.stats.questions.Add(1)
	turns := a.hist.get(q.Conversation)
	r, rtext := retrieve(a.kb, q, turns)
	ext := a.fallback(r)
	if t, ok := answer.Tentative(r); ok {
		// Retrieval is unsure rather than sure there is no answer: the model sees the best
		// candidates and may still say NO_ANSWER; the extractive answer stays the refusal.
		r = t
	}
	if r.Reason != answer.Found || len(r.Events) == 0 {
		a.stats.notAsked.Add(1)
		a.log.LogAttrs(ctx, slog.LevelDebug, "llm not asked: retrieval found nothing", slog.String("model", a.opts.Model))
		a.remember(q, rtext, ext)
		return ext, nil
	}

	p := buildPrompt(r.Timeline.Title, outlineOf(r.Timeline, r.Events, outlineBudget), selected(r), q.Text, r.Lang, turns)
	texts := make([]string, len(p.passages))
	for i, s := range p.passages {
		texts[i] = s.event.Passages[s.passage].Text
	}
	v := verifier{n: len(p.passages), contains: r.Timeline.Source.Contains, passages: texts}
	c := a.complete(ctx, p, v, onDelta)

	attrs := []slog.Attr{
		slog.String("model", a.opts.Model),
		slog.Bool("stream", onDelta != nil),
		slog.Int("passages", len(p.passages)),
		slog.Int("events", len(r.Events)),
		slog.Int("history_turns", len(turns)),
		slog.Int("attempts", c.attempts),
		slog.Duration("latency", time.Since(start)),
	}
	if c.called {
		usage := c.usage
		if !c.usageReported {
			usage = estimateUsage(p, c.text)
		}
		a.stats.promptTokens.Add(int64(usage.PromptTokens))
		a.stats.completionTokens.Add(int64(usage.CompletionTokens))
		ext.Usage = usage
		attrs = append(attrs,
			slog.Int("prompt_tokens", usage.PromptTokens),
			slog.Int("completion_tokens", usage.CompletionTokens),
			slog.Bool("usage_reported", c.usageReported))
	}
	if c.fail.reason != "" {
		return a.fellBack(ctx, q, rtext, ext, c.fail.reason, c.fail.err, attrs), nil
	}
	res, reason := v.check(c.text)
	if reason != "" {
		return a.fellBack(ctx, q, rtext, ext, reason, nil, attrs), nil
	}

	ans := answer.Answer{
		Lang:         r.Lang,
		Version:      ext.Version,
		Alternatives: ext.Alternatives,
		Mode:         Mode,
		Usage:        ext.Usage,
		Citations:    []answer.Citation{},
		Source:       ext.Source,
	}
	if res.noAnswer {
		a.stats.noAnswers.Add(1)
		ans.Text = noAnswerText(r)
		a.log.LogAttrs(ctx, slog.LevelInfo, "llm answer", append(attrs, slog.String("outcome", "no_answer"))...)
		a.remember(q, rtext, ans)
		return ans, nil
	}
	a.stats.modelAnswers.Add(1)
	ans.Answered = true
	ans.Text = res.text
	for _, i := range res.cited {
		s := p.passages[i]
		pg := s.event.Passages[s.passage]
		ans.Citations = append(ans.Citations, answer.Citation{EventID: s.event.ID, Date: s.event.Date.String(), Quote: pg.Text, Paragraph: pg.Paragraph,
			Shown: answer.FormatDate(s.event, r.Lang)})
	}
	a.log.LogAttrs(ctx, slog.LevelInfo, "llm answer", append(attrs, slog.String("outcome", "answered"), slog.Int("citations", len(ans.Citations)))...)
	a.remember(q, rtext, ans)
	return ans, nil
}

func (a *Answerer) fellBack(ctx context.Context, q answer.Question, rtext string, ext answer.Answer, reason string, err error, attrs []slog.Attr) answer.Answer {
	a.stats.fallbacks.Add(1)
	ext.Fallback = reason
	attrs = append(attrs, slog.String("outcome", "fallback"), slog.String("reason", reason))
	if err != nil {
		attrs = append(attrs, slog.String("error", a.scrub(err.Error())))
	}
	a.log.LogAttrs(ctx, slog.LevelWarn, "llm answer replaced by the extractive answer", attrs...)
	a.remember(q, rtext, ext)
	return ext
}

// remember records the turn in the conversation's history: the question and the text shown, its
// markers removed, never passages or citations.
func (a *Answerer) remember(q answer.Question, rtext string, ans answer.Answer) {
	a.hist.add(q.Conversation, turn{question: q.Text, retrieval: rtext, answer: stripMarkers(ans.Text)})
}

// scrub removes the API key from text bound for the log, in case an error echoes it.
func (a *Answerer) scrub(s string) string {
	if a.opts.APIKey == "" {
		return s
	}
	return strings.ReplaceAll(s, a.opts.APIKey, "[redacted]")
}

// completion is the outcome of one model call, retries included.
type completion struct {
	text          string
	usage         answer.Usage
	usageReported bool
	called        bool // a request reached the model at least once
	attempts      int
	fail          failure
}

// request builds the chat request. Reasoning models (o1…, gpt-5…) refuse max_tokens and custom
// temperatures, so for them go-openai's own validator decides to use max_completion_tokens and the
// default temperature.
func (a *Answerer) request(p prompt) openai.ChatCompletionRequest {
	temp := float32(a.opts.Temperature)
	if temp == 0 {
		// go-openai omits a zero temperature, which servers read as their default (often 1); the
		// smallest positive float is sent instead, as its README advises.
		temp = math.SmallestNonzeroFloat32
	}
	req := openai.ChatCompletionRequest{
		Model:    a.opts.Model,
		Messages: p.messages,
		// max_tokens is deprecated by OpenAI in favour of max_completion_tokens, but it is the
		// field every other OpenAI-compatible server (llama.cpp, vLLM, Ollama…) reads, so it stays
		// for them; reasoning models get max_completion_tokens just below.
		MaxTokens: a.opts.MaxTokens, //nolint:staticcheck // SA1019: deliberate, see above

		Temperature: temp,
	}
	if openai.NewReasoningValidator().Validate(req) != nil {
		req.MaxTokens, req.MaxCompletionTokens, req.Temperature = 0, a.opts.MaxTokens, 0
	}
	return req
}

// complete calls the model within the timeout budget, retrying 429s, 5xx and unreachable endpoints
// a bounded number of times, honouring Retry-After, never past the budget and never after any text
// was streamed.
func (a *Answerer) complete(parent context.Context, p prompt, v verifier, onDelta func(string)) completion {
	ctx, cancel := context.WithTimeout(parent, a.opts.Timeout)
	defer cancel()
	req := a.request(p)
	var c completion
	for attempt := 0; ; attempt++ {
		c.attempts = attempt + 1
		hint := &retryHint{}
		actx := withHint(ctx, hint)
		var err error
		var streamed bool
		if onDelta != nil {
			streamed, err = a.stream(actx, req, v, onDelta, &c)
		} else {
			err = a.once(actx, req, v, &c)
		}
		if err == nil {
			return c
		}
		f := classify(err, parent, ctx)
		if !f.retryable || attempt >= a.opts.MaxRetries || streamed {
			c.fail = f
			return c
		}
		wait := a.opts.RetryBackoff << attempt
		if after := hint.get(); after > 0 {
			wait = after
		}
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
			f.reason += fmt.Sprintf("; retrying after %s would exceed the %s budget", wait.Round(time.Millisecond), a.opts.Timeout)
			c.fail = f
			return c
		}
		a.log.LogAttrs(parent, slog.LevelInfo, "llm retry", slog.String("model", a.opts.Model),
			slog.String("reason", f.reason), slog.Duration("wait", wait), slog.Int("attempt", attempt+1))
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			c.fail = classify(ctx.Err(), parent, ctx)
			return c
		case <-t.C:
		}
	}
}

// errCutOff marks a reply that ended without a finish reason: the stream or body stopped mid-way.
var errCutOff = errors.New("the reply ended before the model finished")

func (a *Answerer) once(ctx context.Context, req openai.ChatCompletionRequest, v verifier, c *completion) error {
	resp, err := a.client.CreateChatCompletion(ctx, req)
	if err != nil {
		c.called = c.called || isHTTPError(err)
		return err
	}
	c.called = true
	c.usage = answer.Usage{PromptTokens: resp.Usage.PromptTokens, CompletionTokens: resp.Usage.CompletionTokens}
	c.usageReported = resp.Usage.PromptTokens > 0
	if len(resp.Choices) == 0 {
		return fmt.Errorf("%w: no choices", errMalformed)
	}
	ch := resp.Choices[0]
	c.text = ch.Message.Content
	if len(c.text) > replyTextCap(a.opts.MaxTokens) {
		return errReplyTooLarge
	}
	if ch.FinishReason == openai.FinishReasonLength {
		c.text = truncated(c.text, v)
	}
	return nil
}

var errMalformed = errors.New("malformed response")

func isHTTPError(err error) bool {
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	return errors.As(err, &apiErr) || errors.As(err, &reqErr)
}

// truncated keeps a reply cut by the token limit up to its last complete cited claim.
func truncated(text string, v verifier) string {
	end, _ := v.cut(text)
	return text[:end]
}

func (a *Answerer) stream(ctx context.Context, req openai.ChatCompletionRequest, v verifier, onDelta func(string), c *completion) (streamed bool, err error) {
	req.StreamOptions = &openai.StreamOptions{IncludeUsage: true}
	s, err := a.client.CreateChatCompletionStream(ctx, req)
	if err != nil {
		c.called = c.called || isHTTPError(err)
		return false, err
	}
	defer s.Close()
	c.called = true
	var b strings.Builder
	var finish openai.FinishReason
	shown, doomed := "", false
	for {
		chunk, err := s.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			c.text = b.String()
			return streamed, err
		}
		if chunk.Usage != nil {
			c.usage = answer.Usage{PromptTokens: chunk.Usage.PromptTokens, CompletionTokens: chunk.Usage.CompletionTokens}
			c.usageReported = chunk.Usage.PromptTokens > 0
		}
		grew := false
		for _, ch := range chunk.Choices {
			if ch.Index != 0 {
				continue
			}
			if ch.Delta.Content != "" {
				b.WriteString(ch.Delta.Content)
				grew = true
				if b.Len() > replyTextCap(a.opts.MaxTokens) {
					c.text = ""
					return streamed, errReplyTooLarge
				}
			}
			if ch.FinishReason != "" {
				finish = ch.FinishReason
			}
		}
		if grew && !doomed {
			var next string
			next, doomed = v.prefix(b.String())
			if next != "" && next != shown {
				shown, streamed = next, true
				onDelta(shown)
			}
		}
	}
	c.text = b.String()
	switch finish {
	case "":
		return streamed, errCutOff
	case openai.FinishReasonLength:
		c.text = truncated(c.text, v)
	}
	return streamed, nil
}

// estimateUsage counts tokens as characters/4 when the server reports no usage (some local servers
// do not, when streaming).
func estimateUsage(p prompt, reply string) answer.Usage {
	n := 0
	for _, m := range p.messages {
		n += utf8.RuneCountInString(m.Content)
	}
	return answer.Usage{PromptTokens: (n + 3) / 4, CompletionTokens: (utf8.RuneCountInString(reply) + 3) / 4}
}
