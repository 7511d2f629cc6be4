// Package ratelimit limits how often each key (a user) may act: a token bucket per key in memory,
// or counted by a store every replica sees (the database), with the memory buckets deciding while
// the store does not answer in time. It knows nothing of what is limited.
package ratelimit

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// Config is a bucket's refill rate and size; a limit not Enabled, or with no rate, allows all.
type Config struct {
	Enabled   bool
	PerMinute float64
	Burst     int
}

// Shared counts limits where every replica sees them.
type Shared interface {
	Allow(ctx context.Context, key string, perMinute float64, burst int) (bool, error)
}

// DefaultSharedBudget bounds the wait for a Shared store when New is given 0: past it (or on an
// error) the memory buckets decide, so a slow database never delays an answer by more.
const DefaultSharedBudget = 250 * time.Millisecond

// Limiter is a per-key limit. Buckets idle long enough to be full again are dropped, so memory
// stays bounded by the keys active in the last few minutes.
type Limiter struct {
	cfg    Config
	shared Shared
	budget time.Duration
	log    *slog.Logger
	warned atomic.Int64 // when the shared store's failure was last logged (unix nanos)

	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	lim  *rate.Limiter
	last time.Time
}

// New returns a limit counted in memory, or by shared when it is not nil, waiting for it at most
// budget (0: DefaultSharedBudget) and logging its failures to log at most every 10 seconds.
func New(cfg Config, shared Shared, budget time.Duration, log *slog.Logger) *Limiter {
	if budget <= 0 {
		budget = DefaultSharedBudget
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Limiter{cfg: cfg, shared: shared, budget: budget, log: log, buckets: map[string]*bucket{}}
}

// Allow reports whether key may act now, spending a token if so.
func (l *Limiter) Allow(ctx context.Context, key string) bool {
	if !l.cfg.Enabled || l.cfg.PerMinute <= 0 {
		return true
	}
	if l.shared == nil {
		return l.local(key)
	}
	ctx, cancel := context.WithTimeout(ctx, l.budget)
	defer cancel()
	ok, err := l.shared.Allow(ctx, key, l.cfg.PerMinute, l.cfg.Burst)
	if err != nil {
		// One line per outage rather than per question.
		if now := time.Now().UnixNano(); now-l.warned.Load() > int64(10*time.Second) {
			l.warned.Store(now)
			l.log.Warn("shared rate limit unavailable; this replica's own limit applies (logged at most every 10 s)", "err", err)
		}
		return l.local(key)
	}
	return ok
}

func (l *Limiter) local(key string) bool {
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(rate.Limit(l.cfg.PerMinute/60), max(l.cfg.Burst, 1))}
		l.buckets[key] = b
	}
	b.last = now
	if now.Sub(l.swept) > time.Minute {
		// Drop the buckets that have refilled completely since their last use.
		l.swept = now
		refill := time.Duration(float64(max(l.cfg.Burst, 1)) / (l.cfg.PerMinute / 60) * float64(time.Second))
		for k, b := range l.buckets {
			if now.Sub(b.last) > refill {
				delete(l.buckets, k)
			}
		}
	}
	return b.lim.AllowN(now, 1)
}
