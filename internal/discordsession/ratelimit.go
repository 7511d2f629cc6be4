package discordsession

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Discord's REST rate limits. Discord answers a request over a limit with 429 and a retry_after;
// it bans, for an hour, clients that make 10,000 invalid requests (429s included) in 10 minutes. The
// session's transport retries a 429 a bounded number of times, waiting what Discord asks but never
// less than a floor, and logs each retry and the giving up; after the bound the 429 goes back to
// discordgo, which returns a *discordgo.RateLimitError to the caller.

// Defaults of RateLimitPolicy.
const (
	DefaultRateLimitRetries = 3
	DefaultRateLimitFloor   = 500 * time.Millisecond
	DefaultRateLimitMaxWait = 10 * time.Second
)

// RateLimitPolicy bounds the retries of REST requests Discord answers with 429.
type RateLimitPolicy struct {
	// Retries is how many times one request is retried after a 429; 0 means DefaultRateLimitRetries,
	// negative none.
	Retries int
	// Floor is the shortest wait before a retry, whatever retry_after says (Discord has answered
	// retry_after 0); 0 means DefaultRateLimitFloor.
	Floor time.Duration
	// MaxWait is the longest retry_after waited for; a 429 asking for more is returned at once.
	// 0 means DefaultRateLimitMaxWait.
	MaxWait time.Duration
}

func (p RateLimitPolicy) withDefaults() RateLimitPolicy {
	switch {
	case p.Retries == 0:
		p.Retries = DefaultRateLimitRetries
	case p.Retries < 0:
		p.Retries = 0
	}
	if p.Floor <= 0 {
		p.Floor = DefaultRateLimitFloor
	}
	if p.MaxWait <= 0 {
		p.MaxWait = DefaultRateLimitMaxWait
	}
	return p
}

type noRateLimitRetryKey struct{}

// WithoutRateLimitRetry marks requests made with ctx as not worth retrying after a 429: an edit of
// a streamed answer is superseded by the next one anyway.
func WithoutRateLimitRetry(ctx context.Context) context.Context {
	return context.WithValue(ctx, noRateLimitRetryKey{}, true)
}

// rateLimitRetry is the session's transport layer that waits out 429s within the policy.
type rateLimitRetry struct {
	policy RateLimitPolicy
	log    *slog.Logger
	next   http.RoundTripper
}

func (t *rateLimitRetry) RoundTrip(req *http.Request) (*http.Response, error) {
	retries := t.policy.Retries
	if no, _ := req.Context().Value(noRateLimitRetryKey{}).(bool); no {
		retries = 0
	}
	for attempt := 1; ; attempt++ {
		resp, err := t.next.RoundTrip(req)
		if err != nil || resp.StatusCode != http.StatusTooManyRequests {
			return resp, err
		}
		after, global := retryAfter(resp)
		route := logRoute(req.URL.Path)
		wait := max(after, t.policy.Floor)
		why := ""
		switch {
		case attempt > retries:
			why = "retries exhausted"
		case after > t.policy.MaxWait:
			why = "retry_after is longer than the bot waits"
		case req.Body != nil && req.GetBody == nil:
			why = "the request body cannot be sent again"
		}
		if deadline, ok := req.Context().Deadline(); why == "" && ok && time.Until(deadline) < wait {
			why = "the wait would outlast the request's deadline"
		}
		if why != "" {
			t.log.Warn("discord rate limit: giving up", "method", req.Method, "route", route, "attempts", attempt,
				"retry_after", after, "global", global, "why", why)
			return resp, nil
		}
		t.log.Warn("discord rate limit: retrying", "method", req.Method, "route", route, "attempt", attempt,
			"max_retries", retries, "retry_after", after, "wait", wait, "global", global)
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		timer := time.NewTimer(wait)
		select {
		case <-req.Context().Done():
			timer.Stop()
			return nil, req.Context().Err()
		case <-timer.C:
		}
		if req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			req = req.Clone(req.Context())
			req.Body = body
		}
	}
}

// retryAfter reads how long a 429 asks to wait: the body's retry_after (seconds, with fractions),
// else the Retry-After header. The body is put back for discordgo to read.
func retryAfter(resp *http.Response) (time.Duration, bool) {
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(data))
	var body struct {
		RetryAfter *float64 `json:"retry_after"`
		Global     bool     `json:"global"`
	}
	if json.Unmarshal(data, &body) == nil && body.RetryAfter != nil && *body.RetryAfter >= 0 {
		return time.Duration(*body.RetryAfter * float64(time.Second)), body.Global
	}
	if s, err := strconv.ParseFloat(resp.Header.Get("Retry-After"), 64); err == nil && s >= 0 {
		return time.Duration(s * float64(time.Second)), resp.Header.Get("X-RateLimit-Global") == "true"
	}
	return 0, false
}

// logRoute is a request path fit for the log: the interaction or webhook token in it is a
// credential, replaced by {token}.
func logRoute(path string) string {
	segs := strings.Split(path, "/")
	for i, seg := range segs {
		if (seg == "webhooks" || seg == "interactions") && i+2 < len(segs) {
			segs[i+2] = "{token}"
		}
	}
	return strings.Join(segs, "/")
}
