package bot

import (
	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/internal/discordsession"
)

// SessionOptions are what a discordgo session needs (package internal/discordsession).
type SessionOptions = discordsession.Options

// RateLimitPolicy bounds the retries of REST requests Discord answers with 429.
type RateLimitPolicy = discordsession.RateLimitPolicy

// Defaults of RateLimitPolicy.
const (
	DefaultRateLimitRetries = discordsession.DefaultRateLimitRetries
	DefaultRateLimitFloor   = discordsession.DefaultRateLimitFloor
	DefaultRateLimitMaxWait = discordsession.DefaultRateLimitMaxWait
)

// NewSession returns a discordgo session pointed at opts.APIURL, its 429s retried within
// opts.RateLimit. It does not connect.
func NewSession(opts SessionOptions) (*discordgo.Session, error) { return discordsession.New(opts) }
