package answer

import (
	"slices"

	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/knowledge"
	"github.com/timelinebot/timelinebot/question"
)

// yesNoNearest answers a yes/no question the retrieval would refuse for words the source does not
// use with what the source says nearest to it: "was John Paul Jones in the Rolling Stones?" is
// answered where the source names his band, "did Fleming really save Churchill's life?" where it
// says who did. People ask yes or no about what they half remember; the quote lets them judge, and
// the lead says the source does not put it so.
// Names the source never writes ("did WL ever DM Ivanka?") are still refused: nothing near them
// answers. So is a deed the source never gives the one named ("did Roger Stone ever DM Don Jr?"):
// the premise check has judged it, and its refusal names the nearest event.
func (r *Retrieval) yesNoNearest(p question.Parsed) {
	var best *knowledge.Event
	res := r.Timeline.Search(knowledge.Query{Text: p.Rest, Spans: p.Spans, Limit: 5, Reading: r.reading(p.Rest)})
	for _, h := range res.Hits {
		if h.Coverage >= minCoverage {
			best = h.Event
			break
		}
	}
	if best == nil {
		// A question about something few events are about ("was Qantas started in Sydney?")
		// is about the events that have it, whatever its other words: the best of those.
		var rare []string
		for _, m := range r.mentioned(textproc.Fold(p.Rest)) {
			if n := r.Timeline.ActorEvents(m.Actor); n > 0 && 2*n < len(r.Timeline.Events) {
				rare = append(rare, m.Actor)
			}
		}
		for _, h := range res.Hits {
			if slices.ContainsFunc(rare, h.Event.HasActor) {
				best = h.Event
				break
			}
		}
	}
	if best == nil {
		return
	}
	r.Reason, r.Hedged, r.Alternatives = Found, true, nil
	r.Events = nil
	r.selectEvents([]*knowledge.Event{best}, p.Rest, true)
}
