package knowledge

import "sync/atomic"

// Store holds the timeline being served. Readers get a whole, immutable timeline with one atomic
// load; a reload builds and validates the new timeline off to the side and swaps it in, so a question
// never sees half of one and half of another.
type Store struct {
	cur atomic.Pointer[Timeline]
}

// NewStore returns a store serving t.
func NewStore(t *Timeline) *Store {
	s := &Store{}
	s.cur.Store(t)
	return s
}

// Current returns the timeline being served.
func (s *Store) Current() *Timeline { return s.cur.Load() }

// Swap serves t from now on and returns the timeline it replaces.
func (s *Store) Swap(t *Timeline) *Timeline { return s.cur.Swap(t) }
