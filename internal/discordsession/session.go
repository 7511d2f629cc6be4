// Package discordsession makes the discordgo sessions the bot talks to Discord with: pointed at the
// configured API (Discord's, or a compatible server such as the tests' fake), with a pool of warm
// connections and bounded retries of Discord's 429 answers. It is the one place that touches
// discordgo's package-level state.
package discordsession

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// discordgo v0.29.0 builds
// its REST endpoints at init from "https://discord.com/api/v9/", so rather than rewriting its dozens
// of endpoint variables, the session's HTTP client gets a transport that rewrites that prefix to the
// configured API base (Discord's v10 API by default, or a compatible server such as the tests' fake).
// The gateway URL comes from that API's /gateway answer, so it follows automatically; the gateway
// version comes from discordgo.APIVersion, set here to 10 to match.

const discordgoAPIPrefix = "https://discord.com/api/v9/"

var discordgoOnce sync.Once

// setupDiscordgo sets discordgo's package-level settings once per process: the API version of the
// gateway URL, and its logger routed to slog.
func setupDiscordgo(log *slog.Logger) {
	discordgoOnce.Do(func() {
		discordgo.APIVersion = "10"
		discordgo.Logger = func(level, _ int, format string, a ...any) {
			msg := fmt.Sprintf(format, a...)
			switch level {
			case discordgo.LogError:
				log.Error("discordgo", "msg", msg)
			case discordgo.LogWarning:
				log.Warn("discordgo", "msg", msg)
			default:
				log.Debug("discordgo", "msg", msg)
			}
		}
	})
}

// Options are what a discordgo session needs.
type Options struct {
	Token      string // without the "Bot " prefix
	APIURL     string // REST base, e.g. https://discord.com/api/v10
	Intents    discordgo.Intent
	ShardID    int
	ShardCount int
	// Transport is the base transport; nil means http.DefaultTransport.
	Transport http.RoundTripper
	Logger    *slog.Logger
	// RateLimit bounds how Discord's 429 answers are waited out; the zero value is the defaults.
	RateLimit RateLimitPolicy
}

// New returns a discordgo session pointed at opts.APIURL. It does not connect.
func New(opts Options) (*discordgo.Session, error) {
	base, err := url.Parse(strings.TrimRight(opts.APIURL, "/") + "/")
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, fmt.Errorf("DISCORD_API_URL %q is not an http(s) URL", opts.APIURL)
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	setupDiscordgo(opts.Logger)
	s, err := discordgo.New("Bot " + opts.Token)
	if err != nil {
		return nil, fmt.Errorf("create discord session: %w", err)
	}
	rt := opts.Transport
	if rt == nil {
		rt = pooledTransport()
	}
	// discordgo's own 429 handling retries recursively, without a bound, after retry_after even when
	// that is 0 (thousands of requests a second, no log line): it is turned off and the transport's
	// bounded retries take its place; the last 429 reaches discordgo as a *discordgo.RateLimitError.
	s.ShouldRetryOnRateLimit = false
	rl := &rateLimitRetry{policy: opts.RateLimit.withDefaults(), log: opts.Logger, next: rt}
	s.Client = &http.Client{Timeout: 20 * time.Second, Transport: &rewrite{base: base, next: rl}}
	s.Identify.Intents = opts.Intents
	s.Identify.Compress = false
	s.ShardID, s.ShardCount = opts.ShardID, max(opts.ShardCount, 1)
	s.StateEnabled = false // the bot keeps no Discord state; it answers from what each event carries
	s.LogLevel = discordgo.LogWarning
	return s, nil
}

// pooledTransport keeps a pool of connections to Discord: a burst of interactions (every one needs a
// callback within 3 s) must reuse warm connections rather than open hundreds at once, which loses
// seconds to TCP retransmissions. Discord speaks HTTP/2, where all requests share one connection.
func pooledTransport() http.RoundTripper {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 64
	t.IdleConnTimeout = 90 * time.Second
	return t
}

// rewrite sends discordgo's requests for https://discord.com/api/v9/... to the configured base.
type rewrite struct {
	base *url.URL
	next http.RoundTripper
}

func (r *rewrite) RoundTrip(req *http.Request) (*http.Response, error) {
	u := req.URL.String()
	if rest, ok := strings.CutPrefix(u, discordgoAPIPrefix); ok {
		target, err := r.base.Parse(rest)
		if err != nil {
			return nil, fmt.Errorf("rewrite discord url: %w", err)
		}
		req = req.Clone(req.Context())
		req.URL = target
		req.Host = target.Host
	}
	return r.next.RoundTrip(req)
}
