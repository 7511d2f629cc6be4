package admin

import (
	"context"
	"sync"
	"time"

	"github.com/timelinebot/timelinebot/store"
)

// A day that ended is done: its questions do not change (but for retention deleting them, and
// records still queued a moment after midnight). The overview and the refused page add up per
// day counts, so they keep each ended day's counts and read only the days still going from the
// database: on 100,000 questions a month, one day's scan instead of thirty.
const (
	// settleAfter is how long after its end a day still counts as going (queued writes).
	settleAfter = 10 * time.Minute
	// dayTTL bounds how long an ended day's counts are kept (retention deletes days).
	dayTTL = time.Hour
	// maxNearCache bounds the near-miss retrievals kept.
	maxNearCache = 4096
)

type dayEntry[T any] struct {
	rows []T
	at   time.Time
}

// dayCache keeps, per ended UTC day, the rows a per-day query returned for it.
type dayCache[T any] struct {
	mu   sync.Mutex
	days map[int64]dayEntry[T]
}

func dayNumber(t time.Time) int64 { return t.UTC().UnixMilli() / int64(24*time.Hour/time.Millisecond) }

func midnight(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// rows returns the rows of [since, until) (until zero: up to now): ended days from the cache,
// the ended days it lacks with one query over their span, and the days still going with another.
// since must be a midnight (periods are whole days).
func (c *dayCache[T]) rows(ctx context.Context, now, since, until time.Time, load func(ctx context.Context, since, until time.Time) ([]T, error), day func(T) time.Time) ([]T, error) {
	settled := midnight(now.Add(-settleAfter)) // days before this one are done
	end := settled
	if !until.IsZero() && until.Before(end) {
		end = until
	}
	if since.IsZero() {
		// No lower bound: everything is read live (the cache is for periods of days).
		return load(ctx, since, until)
	}
	var out []T
	var missFrom, missTo time.Time
	c.mu.Lock()
	if c.days == nil {
		c.days = map[int64]dayEntry[T]{}
	}
	for d := since; d.Before(end); d = d.AddDate(0, 0, 1) {
		e, ok := c.days[dayNumber(d)]
		if ok && now.Sub(e.at) < dayTTL {
			continue
		}
		if missFrom.IsZero() {
			missFrom = d
		}
		missTo = d.AddDate(0, 0, 1)
	}
	c.mu.Unlock()
	if !missFrom.IsZero() {
		loaded, err := load(ctx, missFrom, missTo)
		if err != nil {
			return nil, err
		}
		byDay := map[int64][]T{}
		for _, r := range loaded {
			byDay[dayNumber(day(r))] = append(byDay[dayNumber(day(r))], r)
		}
		c.mu.Lock()
		for d := missFrom; d.Before(missTo); d = d.AddDate(0, 0, 1) {
			c.days[dayNumber(d)] = dayEntry[T]{rows: byDay[dayNumber(d)], at: now}
		}
		c.mu.Unlock()
	}
	c.mu.Lock()
	for d := since; d.Before(end); d = d.AddDate(0, 0, 1) {
		out = append(out, c.days[dayNumber(d)].rows...)
	}
	// Days that ended long ago fall out, so the cache holds what periods ask for.
	for k, e := range c.days {
		if now.Sub(e.at) >= dayTTL {
			delete(c.days, k)
		}
	}
	c.mu.Unlock()
	if until.IsZero() || until.After(settled) {
		from := settled
		if since.After(from) {
			from = since
		}
		live, err := load(ctx, from, until)
		if err != nil {
			return nil, err
		}
		out = append(out, live...)
	}
	return out, nil
}

// caches are the handler's per-day caches and the near-miss retrievals.
type caches struct {
	stats   dayCache[store.DayStat]
	refused dayCache[store.DayGroup]

	mu   sync.Mutex
	near map[string]nearMiss // by knowledge version and question
}

func (c *caches) nearMiss(version, text string, compute func() nearMiss) nearMiss {
	key := version + "\x00" + text
	c.mu.Lock()
	nm, ok := c.near[key]
	c.mu.Unlock()
	if ok {
		return nm
	}
	nm = compute()
	c.mu.Lock()
	if c.near == nil || len(c.near) >= maxNearCache {
		c.near = map[string]nearMiss{}
	}
	c.near[key] = nm
	c.mu.Unlock()
	return nm
}
