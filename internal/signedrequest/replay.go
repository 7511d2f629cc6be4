package signedrequest

import (
	"sync"
	"time"
)

// Replayed interactions. A signed request stays acceptable for as long as its timestamp is fresh
// (MaxAge, plus MaxSkew for a timestamp ahead of the clock), so a captured request
// could be sent again in that window and answered a second time — a moderator's /reload replayed, a
// webhook token reused. The endpoint therefore remembers the ids of the interactions it handled for
// that long and refuses a second request for the same id. The set is per replica: replicas behind a
// load balancer each refuse replays of what they handled, and Discord sends each interaction once.

// DefaultReplayCapacity bounds how many interaction ids an endpoint remembers. Past it the oldest is
// forgotten early; at Discord's rates a replica never gets near it within the window.
const DefaultReplayCapacity = 100_000

// replayGuard is a bounded set of interaction ids that expire after ttl, in arrival order.
type replayGuard struct {
	ttl time.Duration
	max int

	mu    sync.Mutex
	seen  map[string]time.Time
	order []seenID // arrival order; order[0] is the oldest
}

type seenID struct {
	id string
	at time.Time
}

func newReplayGuard(ttl time.Duration, capacity int) *replayGuard {
	if capacity <= 0 {
		capacity = DefaultReplayCapacity
	}
	return &replayGuard{ttl: ttl, max: capacity, seen: map[string]time.Time{}}
}

// first records id at now and reports whether it is the first time it is seen within ttl.
func (g *replayGuard) first(id string, now time.Time) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	for len(g.order) > 0 && (now.Sub(g.order[0].at) > g.ttl || len(g.order) >= g.max) {
		delete(g.seen, g.order[0].id)
		g.order[0] = seenID{}
		g.order = g.order[1:]
	}
	if _, dup := g.seen[id]; dup {
		return false
	}
	g.seen[id] = now
	g.order = append(g.order, seenID{id: id, at: now})
	return true
}

// size is how many ids are remembered.
func (g *replayGuard) size() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.seen)
}
