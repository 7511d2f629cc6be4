package knowledge

import (
	"maps"
	"slices"
)

// Diff compares two timelines event by event, matching events by id. It returns the ids of events
// only in new (added), only in old (removed), and in both but different in what a reader sees
// (changed): date, time, kind, title, summary, summaries, actors, passages (text or paragraph) or
// related events. Where an event sits in the file (its line) does not count. Added and changed ids
// are in new's order, removed ids in old's. Either timeline may be nil, standing for no events.
func Diff(old, new *Timeline) (added, removed, changed []string) {
	var oldEvents, newEvents []*Event
	if old != nil {
		oldEvents = old.Events
	}
	if new != nil {
		newEvents = new.Events
	}
	before := make(map[string]*Event, len(oldEvents))
	for _, e := range oldEvents {
		before[e.ID] = e
	}
	after := make(map[string]bool, len(newEvents))
	for _, e := range newEvents {
		after[e.ID] = true
		o, ok := before[e.ID]
		switch {
		case !ok:
			added = append(added, e.ID)
		case !sameEvent(o, e):
			changed = append(changed, e.ID)
		}
	}
	for _, e := range oldEvents {
		if !after[e.ID] {
			removed = append(removed, e.ID)
		}
	}
	return added, removed, changed
}

// sameEvent reports whether two events with the same id read the same.
func sameEvent(a, b *Event) bool {
	return a.Date == b.Date &&
		a.Time == b.Time &&
		a.Kind == b.Kind &&
		a.Title == b.Title &&
		a.Summary == b.Summary &&
		maps.Equal(a.Summaries, b.Summaries) &&
		slices.Equal(a.Actors, b.Actors) &&
		slices.Equal(a.Passages, b.Passages) &&
		slices.Equal(a.Related, b.Related)
}
