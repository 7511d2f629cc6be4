package answer

import "github.com/timelinebot/timelinebot/knowledge"

// SourceOf names t's source for an answer.
func SourceOf(t *knowledge.Timeline) Source {
	if t == nil {
		return Source{}
	}
	return Source{Title: t.Source.Title, Attribution: t.Source.Attribution}
}
