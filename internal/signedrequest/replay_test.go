package signedrequest

import (
	"strconv"
	"testing"
	"time"
)

func TestReplayGuardRemembersIDsForTheWindowAndStaysBounded(t *testing.T) {
	t0 := time.Unix(1_700_000_000, 0)
	g := newReplayGuard(6*time.Minute, 3)
	steps := []struct {
		id    string
		at    time.Duration
		first bool
	}{
		{"a", 0, true},
		{"a", time.Second, false},       // replayed at once
		{"b", time.Minute, true},        // another interaction
		{"a", 5 * time.Minute, false},   // replayed late in the window
		{"a", 6*time.Minute + 1, true},  // past the window: forgotten (the timestamp check refuses it anyway)
		{"c", 6*time.Minute + 2, true},  // a, b, c: capacity reached
		{"d", 6*time.Minute + 3, true},  // the oldest (b) is forgotten early to make room
		{"b", 6*time.Minute + 4, true},  // so b is new again
		{"d", 6*time.Minute + 5, false}, // d is still remembered
	}
	for i, s := range steps {
		if got := g.first(s.id, t0.Add(s.at)); got != s.first {
			t.Errorf("step %d: first(%q, +%v) = %v, want %v", i, s.id, s.at, got, s.first)
		}
		if g.size() > 3 {
			t.Fatalf("step %d: %d ids remembered, capacity 3", i, g.size())
		}
	}
}

func TestReplayGuardForgetsExpiredIDs(t *testing.T) {
	t0 := time.Unix(1_700_000_000, 0)
	g := newReplayGuard(time.Minute, 0)
	for i := range 1000 {
		g.first(strconv.Itoa(i), t0)
	}
	g.first("later", t0.Add(2*time.Minute))
	if n := g.size(); n != 1 {
		t.Errorf("%d ids remembered after the window passed, want 1", n)
	}
}
