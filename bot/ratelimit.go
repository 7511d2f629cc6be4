package bot

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// RateLimit is the per-user token bucket on questions.
type RateLimit struct {
	Enabled   bool
	PerMinute float64
	Burst     int
}

// limiter keeps one token bucket per user. Buckets idle long enough to be full again are dropped, so
// memory stays bounded by the users active in the last few minutes.
type limiter struct {
	cfg   RateLimit
	mu    sync.Mutex
	users map[string]*bucket
	swept time.Time
}

type bucket struct {
	lim  *rate.Limiter
	last time.Time
}

func newLimiter(cfg RateLimit) *limiter {
	return &limiter{cfg: cfg, users: map[string]*bucket{}}
}

// allow reports whether user may ask a question now, spending a token if so.
func (l *limiter) allow(user string) bool {
	if !l.cfg.Enabled || l.cfg.PerMinute <= 0 {
		return true
	}
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.users[user]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(rate.Limit(l.cfg.PerMinute/60), max(l.cfg.Burst, 1))}
		l.users[user] = b
	}
	b.last = now
	if now.Sub(l.swept) > time.Minute {
		l.sweep(now)
	}
	return b.lim.AllowN(now, 1)
}

// sweep drops buckets that have refilled completely since their last use.
func (l *limiter) sweep(now time.Time) {
	l.swept = now
	refill := time.Duration(float64(max(l.cfg.Burst, 1)) / (l.cfg.PerMinute / 60) * float64(time.Second))
	for u, b := range l.users {
		if now.Sub(b.last) > refill {
			delete(l.users, u)
		}
	}
}
