package llm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// retryHint carries a response's Retry-After from the HTTP layer, which sees headers, to the retry
// loop, which sees only go-openai's error (that does not keep them).
type retryHint struct {
	mu    sync.Mutex
	after time.Duration
}

type hintKey struct{}

func withHint(ctx context.Context, h *retryHint) context.Context {
	return context.WithValue(ctx, hintKey{}, h)
}

func (h *retryHint) get() time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.after
}

// hintDoer is the HTTP client go-openai uses: it records Retry-After on 429 and 503 responses, and
// caps every response body at maxBody bytes (see replyCap).
type hintDoer struct {
	c       *http.Client
	maxBody int64
}

// errReplyTooLarge is the read error of a response body past its cap.
var errReplyTooLarge = errors.New("the reply is larger than the cap derived from OPENAI_MAX_TOKENS")

// replyCap is the most bytes a response to a request for at most maxTokens tokens is read for.
// go-openai reads whatever the server sends: without a cap, a 200 MB reply (a model looping, a
// proxy gone wrong) was read whole and shown. A token is a few bytes of text, but a stream spends
// a JSON event of a few hundred bytes on each, so 1 KiB per token, plus 64 KiB for the envelope and
// error bodies, is far above any honest reply and far below a harmful one (464 KiB for 400 tokens).
func replyCap(maxTokens int) int64 { return 64<<10 + int64(maxTokens)<<10 }

// replyTextCap is the most bytes of text a reply of at most maxTokens tokens may have: tokens
// average about 4 bytes of text, so 32 per token (plus 4 KiB) is far above any honest reply. It also
// bounds the work of verifying a stream, which re-checks the text so far at every event.
func replyTextCap(maxTokens int) int { return 4<<10 + 32*maxTokens }

// cappedBody fails a read once more than n bytes were read, rather than ending the body early: a
// truncated reply must not pass for a complete one.
type cappedBody struct {
	io.ReadCloser
	n int64 // bytes still allowed
}

func (b *cappedBody) Read(p []byte) (int, error) {
	if b.n < 0 {
		return 0, errReplyTooLarge
	}
	if int64(len(p)) > b.n+1 {
		p = p[:b.n+1]
	}
	k, err := b.ReadCloser.Read(p)
	b.n -= int64(k)
	if b.n < 0 {
		return 0, errReplyTooLarge
	}
	return k, err
}

func (d hintDoer) Do(req *http.Request) (*http.Response, error) {
	resp, err := d.c.Do(req)
	if err == nil && d.maxBody > 0 {
		resp.Body = &cappedBody{ReadCloser: resp.Body, n: d.maxBody}
	}
	if err == nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if h, ok := req.Context().Value(hintKey{}).(*retryHint); ok {
			if after, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
				h.mu.Lock()
				h.after = after
				h.mu.Unlock()
			}
		}
	}
	return resp, err
}

// parseRetryAfter reads a Retry-After value: delay-seconds (fractions accepted, as some servers send
// them) or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil && s >= 0 {
		return time.Duration(s * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, t.Sub(now)), true
	}
	return 0, false
}

// failure says why a model call gave no usable text.
type failure struct {
	reason    string // short, for Answer.Fallback and logs
	retryable bool
	err       error
}

// classify turns a call's error into a failure. budget is the context bounding the whole call,
// parent the caller's.
func classify(err error, parent, budget context.Context) failure {
	switch {
	case parent.Err() != nil:
		return failure{reason: "canceled", err: err}
	case budget.Err() != nil:
		return failure{reason: "timeout", err: err}
	}
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	status := 0
	switch {
	case errors.As(err, &apiErr):
		status = apiErr.HTTPStatusCode
	case errors.As(err, &reqErr):
		status = reqErr.HTTPStatusCode
	}
	switch {
	case status == http.StatusTooManyRequests:
		return failure{reason: "rate limited (HTTP 429)", retryable: true, err: err}
	case status >= 500:
		return failure{reason: fmt.Sprintf("server error (HTTP %d)", status), retryable: true, err: err}
	case status != 0:
		return failure{reason: fmt.Sprintf("request refused (HTTP %d)", status), err: err}
	case apiErr != nil:
		return failure{reason: "model reported an error mid-stream", err: err}
	}
	switch {
	case errors.Is(err, errReplyTooLarge):
		return failure{reason: "reply too large", err: err}
	case errors.Is(err, errCutOff):
		return failure{reason: "stream stopped before the model finished", err: err}
	case errors.Is(err, errMalformed):
		return failure{reason: "malformed response", err: err}
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn), errors.As(err, &typ):
		return failure{reason: "malformed response", err: err}
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return failure{reason: "response cut short", err: err}
	case errors.Is(err, openai.ErrTooManyEmptyStreamMessages):
		return failure{reason: "malformed stream", err: err}
	}
	var netErr net.Error
	var opErr *net.OpError
	if errors.As(err, &opErr) || errors.As(err, &netErr) {
		return failure{reason: "endpoint unreachable", retryable: true, err: err}
	}
	return failure{reason: "model call failed", err: err}
}
