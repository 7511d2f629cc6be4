package answer

import "github.com/timelinebot/timelinebot/knowledge"

// SourceOf names t's source for an answer.
func SourceOf(t *knowledge.Timeline) Source {
	if t == nil {
		return Source{}
	}
	return Source{Title: t.Source.Title, Attribution: t.Source.Attribution}
}

// ShowDates fills in each citation's date as shown in lang, from the events of t that answered.
func ShowDates(t *knowledge.Timeline, cs []Citation, lang string) []Citation {
	for i := range cs {
		cs[i].Shown = cs[i].Date
		if e := t.Event(cs[i].EventID); e != nil {
			cs[i].Shown = FormatDate(e, lang)
		}
	}
	return cs
}
