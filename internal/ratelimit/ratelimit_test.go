package ratelimit

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// store is a Shared that answers as told, after delay.
type store struct {
	ok    bool
	err   error
	delay time.Duration
}

func (s *store) Allow(ctx context.Context, _ string, _ float64, _ int) (bool, error) {
	select {
	case <-time.After(s.delay):
		return s.ok, s.err
	case <-ctx.Done():
		return false, ctx.Err()
	}
}

func TestLimits(t *testing.T) {
	burst := Config{Enabled: true, PerMinute: 1, Burst: 2}
	for _, tc := range []struct {
		name   string
		cfg    Config
		shared *store
		want   []bool // Allow for the same key, in a row
	}{
		{"in memory, the burst then refused", burst, nil, []bool{true, true, false}},
		{"disabled allows all", Config{PerMinute: 1, Burst: 1}, nil, []bool{true, true, true}},
		{"no rate allows all", Config{Enabled: true, Burst: 1}, nil, []bool{true, true, true}},
		{"the shared store decides", burst, &store{ok: false}, []bool{false, false, false}},
		{"a failing store: memory decides", burst, &store{err: errors.New("database down")}, []bool{true, true, false}},
		{"a slow store: memory decides", burst, &store{ok: false, delay: time.Minute}, []bool{true, true, false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var shared Shared
			if tc.shared != nil {
				shared = tc.shared
			}
			l := New(tc.cfg, shared, 20*time.Millisecond, nil)
			for i, want := range tc.want {
				if got := l.Allow(t.Context(), "u1"); got != want {
					t.Errorf("call %d: %v, want %v", i, got, want)
				}
			}
			if !l.Allow(t.Context(), "u2") && tc.shared == nil {
				t.Error("another key shares the first one's bucket")
			}
		})
	}
}

func TestAFailingStoreIsLoggedOncePerOutage(t *testing.T) {
	var logs bytes.Buffer
	l := New(Config{Enabled: true, PerMinute: 60, Burst: 100}, &store{err: errors.New("database down")}, 0, slog.New(slog.NewTextHandler(&logs, nil)))
	for range 5 {
		l.Allow(t.Context(), "u")
	}
	if n := strings.Count(logs.String(), "shared rate limit unavailable"); n != 1 {
		t.Errorf("%d warnings, want 1:\n%s", n, logs.String())
	}
}

func TestIdleBucketsAreDropped(t *testing.T) {
	l := New(Config{Enabled: true, PerMinute: 60, Burst: 1}, nil, 0, nil)
	l.Allow(t.Context(), "old")
	l.buckets["old"].last = time.Now().Add(-time.Hour)
	l.swept = time.Time{}
	l.Allow(t.Context(), "new")
	if _, ok := l.buckets["old"]; ok || len(l.buckets) != 1 {
		t.Errorf("buckets %v, want only the new key's", l.buckets)
	}
}
