// Package knowledge owns the chronology: it loads and validates knowledge files, checks that every
// passage is verbatim in the source, indexes events for retrieval and searches them. It knows nothing
// of Discord, language models or how answers are phrased.
//
// A *Timeline is immutable once built, so it can be shared by any number of goroutines and swapped
// atomically on reload (see Store).
package knowledge

import (
	"sort"
	"time"
)

// Kind distinguishes the chronology's own entries from dates an entry merely mentions.
type Kind string

// Event kinds.
const (
	KindEntry   Kind = "entry"
	KindContext Kind = "context"
)

// Timeline is a validated, indexed chronology and its source.
type Timeline struct {
	Title   string
	Source  Source
	Anchors []Anchor
	// Events are sorted by date, then time, then id.
	Events []*Event
	// Version is a short content hash of the knowledge file and the source text.
	Version string
	// Origin says where the timeline came from: a file path, or "embedded".
	Origin   string
	LoadedAt time.Time

	byID    map[string]*Event
	index   *index
	phrases []AnchorPhrase
	names   nameIndex
	// monthNames are names with a month's name in them (MonthNames).
	monthNames []string
	// titleActors are the actors the title names (TitleActors).
	titleActors []string
}

// AnchorPhrase is one name of an anchor, folded (lower case, no accents) for matching questions.
type AnchorPhrase struct {
	Phrase string
	Anchor *Anchor
	// Bare is true for a name written with a definite article ("the launch") read without it
	// ("launch"): a common noun alone names the anchor only where a date would stand, after a
	// preposition of time ("between launch and splashdown"), not in "the ANZUS treaty".
	Bare bool
}

// AnchorPhrases returns every name of every anchor, folded, longest first, so that "election day" is
// matched before "election". It is computed once per timeline; callers must not modify it.
func (t *Timeline) AnchorPhrases() []AnchorPhrase { return t.phrases }

// Source is the document the events quote.
type Source struct {
	Path        string // relative to the knowledge file; empty when inline
	Title       string
	Language    string
	Author      string
	Attribution string
	URL         string
	Published   string
	Text        string

	norm *normalized
}

// Anchor is a named date the timeline defines, such as an election day.
type Anchor struct {
	ID    string
	Date  Date
	Names map[string][]string
}

// Event is one dated event of the chronology.
type Event struct {
	ID        string
	Date      Date
	Time      string // HH:MM or empty
	Kind      Kind
	Related   []string
	Title     string
	Actors    []string
	Summary   string            // English
	Summaries map[string]string // other languages, by ISO 639-1 code
	Passages  []Passage
	// Line is where the event starts in the knowledge file, for messages to editors.
	Line int

	pos     int  // index in Timeline.Events
	span    Span // Date.Span(), computed once when the timeline is built
	spanSet bool
}

// Passage is a verbatim span of the source.
type Passage struct {
	// Text is the passage with runs of whitespace collapsed to one space.
	Text string
	// Paragraph is the 1-based number of the source paragraph the passage starts in.
	Paragraph int
}

// SummaryIn returns the event's summary in lang when the file gives one, else the English summary,
// and the language actually returned.
func (e *Event) SummaryIn(lang string) (string, string) {
	if s, ok := e.Summaries[lang]; ok && s != "" {
		return s, lang
	}
	return e.Summary, "en"
}

// Span returns the days the event's date covers.
func (e *Event) Span() Span {
	if e.spanSet {
		return e.span
	}
	return e.Date.Span()
}

// Event returns the event with the given id, or nil.
func (t *Timeline) Event(id string) *Event { return t.byID[id] }

// Position returns the index of e in t.Events, or -1 when e is not in this timeline.
func (t *Timeline) Position(e *Event) int {
	if e != nil && e.pos < len(t.Events) && t.Events[e.pos] == e {
		return e.pos
	}
	return -1
}

// Entries returns the events of kind entry, in order.
func (t *Timeline) Entries() []*Event {
	out := make([]*Event, 0, len(t.Events))
	for _, e := range t.Events {
		if e.Kind == KindEntry {
			out = append(out, e)
		}
	}
	return out
}

// Span returns the days from the first to the last event.
func (t *Timeline) Span() Span {
	if t.index != nil {
		return t.index.span
	}
	var s Span
	for i, e := range t.Events {
		if i == 0 {
			s = e.Span()
		}
		s.To = max(s.To, e.Span().To)
	}
	return s
}

// InSpan returns the events whose dates overlap s, in order. It uses binary search on the sorted
// events, so it costs O(log n + k).
func (t *Timeline) InSpan(s Span) []*Event {
	var out []*Event
	t.index.eachInSpan(t, s, func(p int32) { out = append(out, t.Events[p]) })
	return out
}

// EachInSpan calls f with each event overlapping s, in timeline order, until f returns false,
// without building a list: listing a range of a large timeline needs only its first events and a
// count.
func (t *Timeline) EachInSpan(s Span, f func(e *Event) bool) {
	t.index.eachInSpanUntil(t, s, func(p int32) bool { return f(t.Events[p]) })
}

// Nearest returns the closest event strictly before and strictly after the span (either may be nil).
// Entries are preferred to context events when both exist at the same distance.
func (t *Timeline) Nearest(s Span) (before, after *Event) {
	i := sort.Search(len(t.Events), func(i int) bool { return t.Events[i].Span().From > s.To })
	if i < len(t.Events) {
		after = t.Events[i]
	}
	for j := i - 1; j >= 0; j-- {
		if t.Events[j].Span().To < s.From {
			before = t.Events[j]
			break
		}
	}
	return before, after
}

func sortEvents(events []*Event) {
	sort.SliceStable(events, func(i, j int) bool {
		a, b := events[i], events[j]
		as, bs := a.Span().From, b.Span().From
		if as != bs {
			return as < bs
		}
		if a.Precision() != b.Precision() {
			// A month-precision event sorts after the days of that month it starts on.
			return a.Precision() < b.Precision()
		}
		if a.Time != b.Time {
			return a.Time < b.Time
		}
		return a.ID < b.ID
	})
}

// Precision is the precision of the event's date.
func (e *Event) Precision() Precision { return e.Date.Precision }
