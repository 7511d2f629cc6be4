package answer

import (
	"fmt"
	"strconv"

	"github.com/timelinebot/timelinebot/knowledge"
	"github.com/timelinebot/timelinebot/question"
)

// clockQuery answers a question that names a day and a time of day ("à 15h30 le 14 juillet",
// "between 2pm and 4pm on July 14") from the events of that day the chronology gives a time: those
// within a window, or at a single time the last one at or before it (what was going on then). It
// reports false when the day has no timed event there, so the day's events answer as usual.
func (r *Retrieval) clockQuery(p question.Parsed) bool {
	if !p.Clock.Set || len(p.Spans) == 0 {
		return false
	}
	single := p.Clock.From == p.Clock.To
	var chosen []*knowledge.Event
	best := -1
	for _, span := range p.Spans {
		if span.From != span.To {
			continue // a time of day belongs to a day
		}
		r.Timeline.EachInSpan(span, func(e *knowledge.Event) bool {
			if s := e.Span(); s.From != span.From || s.To != span.To {
				return true // a period that takes the day in is not timed on it
			}
			m, ok := clockMinutes(e.Time)
			switch {
			case !ok:
			case !single && m >= p.Clock.From && m <= p.Clock.To:
				chosen = append(chosen, e)
			case single && m <= p.Clock.From && m > best:
				chosen, best = []*knowledge.Event{e}, m
			case single && m == best:
				chosen = append(chosen, e)
			}
			return true
		})
	}
	if len(chosen) == 0 {
		return false
	}
	day := chosen[0].Span()
	r.Parsed.Kind, r.Parsed.Spans = question.ExactDay, []knowledge.Span{day}
	if len(chosen) > 1 && !single {
		r.List, r.Total = true, len(chosen)
		if len(chosen) > maxListed {
			chosen = chosen[:maxListed]
		}
	}
	r.selectEvents(chosen, p.Rest, len(chosen) == 1)
	return true
}

// clockText writes minutes since midnight as the chronology writes times, "14:00".
func clockText(m int) string {
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

// clockMinutes reads an event's "HH:MM" as minutes since midnight.
func clockMinutes(hhmm string) (int, bool) {
	if len(hhmm) != 5 || hhmm[2] != ':' {
		return 0, false
	}
	h, err1 := strconv.Atoi(hhmm[:2])
	m, err2 := strconv.Atoi(hhmm[3:])
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return h*60 + m, true
}
