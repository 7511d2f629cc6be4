package answer

import (
	"regexp"
	"strings"

	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/knowledge"
)

// Follow-ups without a model. A short question that only makes sense after an answer — "what
// happened next?", "and the day before?", "et ensuite ?", "who else was there?" — names no event of
// its own; it is resolved against the events the previous answer cited, in the timeline served now.
// Anything longer, or naming its own subject, is a question of its own and goes to Retrieve.

// FollowKind is what a follow-up asks of the previous answer's events.
type FollowKind int

// Follow-up kinds.
const (
	NotFollowUp     FollowKind = iota
	FollowNext                 // the event after the last one cited
	FollowPrev                 // the event before the first one cited
	FollowDayAfter             // the events of the day after the last one cited
	FollowDayBefore            // the events of the day before the first one cited
	FollowWho                  // the actors of the events cited
)

// maxFollowUpWords: a follow-up is short; a longer question says what it is about.
const maxFollowUpWords = 8

var followUps = []struct {
	kind FollowKind
	re   *regexp.Regexp
}{
	// Matched on folded text (lower case, no accents), the whole question.
	{FollowDayBefore, regexp.MustCompile(`^(and |et )?(what about |what happened |qu'est-ce qui s'est passe |que s'est-il passe )?(on )?(the day before|la veille)( that| then| ca| cela)?$`)},
	{FollowDayAfter, regexp.MustCompile(`^(and |et )?(what about |what happened |qu'est-ce qui s'est passe |que s'est-il passe )?(on )?(the day after|the next day|le lendemain)( that| then| ca| cela)?$`)},
	{FollowNext, regexp.MustCompile(`^(and |et |so )?(then )?((what|what's|whats) (happened|happens|came|comes|was|is) )?(next|after that|afterwards|after|then|ensuite|apres|apres ca|apres cela|la suite|puis)$|^(and |et )?(then )?what (happened|came) (next|after that|afterwards|then)$|^(and |et )?(qu'est-ce qui s'est passe|que s'est-il passe|qu'est-il arrive|que se passe-t-il) (ensuite|apres|apres ca|apres cela|par la suite)$|^(and )?then what$|^what next$|^et (ensuite|apres|puis|la suite)$|^(la suite|ensuite)$`)},
	{FollowPrev, regexp.MustCompile(`^(and |et )?(what happened |what came |what was |qu'est-ce qui s'est passe |que s'est-il passe )?(before|before that|before then|just before|earlier|avant|avant ca|avant cela|juste avant|auparavant)$|^(and |et )?(what|which) (happened|came|was) (before|before that|just before)$`)},
	{FollowWho, regexp.MustCompile(`^(and |et )?(who else|anyone else|anybody else|qui d'autre|qui d'autres|qui encore)( (was|were|is|etait|etaient|est) (there|involved|present|la|implique|impliques|presents?))?$|^(and |et )?who (was|were) (there|involved)$|^(and |et )?qui (etait|etaient|est) (la|present|presents|implique)$`)},
}

// FollowUpKind reads text as a follow-up, or NotFollowUp.
func FollowUpKind(text string) FollowKind {
	f := strings.TrimSpace(textproc.Fold(strings.ReplaceAll(text, "’", "'")))
	f = strings.TrimRight(f, " ?!.…")
	if f == "" || len(strings.Fields(f)) > maxFollowUpWords {
		return NotFollowUp
	}
	f = strings.Join(strings.Fields(f), " ")
	for _, fu := range followUps {
		if fu.re.MatchString(f) {
			return fu.kind
		}
	}
	return NotFollowUp
}

// FollowUp answers q as a follow-up of prev, an answer given earlier in the same conversation, from
// t (the timeline served now). ok is false when q is not a follow-up, or when none of prev's events
// is still in t: q is then a question of its own.
func FollowUp(t *knowledge.Timeline, prev Answer, q Question) (a Answer, ok bool) {
	kind := FollowUpKind(q.Text)
	if kind == NotFollowUp || t == nil {
		return Answer{}, false
	}
	var events []*knowledge.Event
	for _, id := range prev.EventIDs() {
		if e := t.Event(id); e != nil {
			events = append(events, e)
		}
	}
	if len(events) == 0 {
		return Answer{}, false
	}
	hint := q.Lang
	if hint == "" {
		hint = prev.Lang
	}
	lang := pickLang(textproc.Language(q.Text), hint)
	first, last := events[0], events[0]
	for _, e := range events[1:] {
		if t.Position(e) < t.Position(first) {
			first = e
		}
		if t.Position(e) > t.Position(last) {
			last = e
		}
	}
	r := Retrieval{Timeline: t, Lang: lang, Reason: Found}
	selectOne := func(e *knowledge.Event) Selected { return Selected{Event: e, Passages: openingPassages(t, e)} }
	switch kind {
	case FollowNext, FollowPrev:
		from, step := last, 1
		if kind == FollowPrev {
			from, step = first, -1
		}
		i := t.Position(from) + step
		if i < 0 || i >= len(t.Events) {
			return edgeAnswer(t, from, kind == FollowPrev, lang), true
		}
		r.Relative = &Relative{From: from, Before: kind == FollowPrev}
		r.Events = []Selected{selectOne(t.Events[i])}
	case FollowDayAfter, FollowDayBefore:
		from, day := last, last.Date.Span().To+1
		if kind == FollowDayBefore {
			from, day = first, first.Date.Span().From-1
		}
		for _, e := range t.InSpan(knowledge.Span{From: day, To: day}) {
			r.Events = append(r.Events, selectOne(e))
		}
		if len(r.Events) == 0 {
			r.Reason = NothingOnDate
			r.Parsed.Spans = []knowledge.Span{{From: day, To: day}}
			r.Before, r.After = t.Nearest(knowledge.Span{From: day, To: day})
			a := Compose(r)
			a.Text = tr(lang, "The source dates no event %s, the day %s %s.", "La source ne date aucun événement du %s, %s du %s.",
				FormatDay(day, lang), dayWord(kind == FollowDayBefore, lang), FormatDate(from, lang)) + " " + a.Text
			return a, true
		}
	case FollowWho:
		return whoAnswer(t, events, lang), true
	}
	return Compose(r), true
}

func dayWord(before bool, lang string) string {
	switch {
	case before && lang == "fr":
		return "la veille"
	case lang == "fr":
		return "le lendemain"
	case before:
		return "before"
	}
	return "after"
}

// edgeAnswer says there is nothing before the first event or after the last.
func edgeAnswer(t *knowledge.Timeline, from *knowledge.Event, before bool, lang string) Answer {
	text := tr(lang, "The timeline ends with that event (%s); the source tells of nothing after it.",
		"La chronologie s'arrête à cet événement (%s) ; la source ne raconte rien après.", FormatDate(from, lang))
	if before {
		text = tr(lang, "The timeline starts with that event (%s); the source tells of nothing before it.",
			"La chronologie commence par cet événement (%s) ; la source ne raconte rien avant.", FormatDate(from, lang))
	}
	return Answer{Lang: lang, Version: t.Version, Mode: "extractive", Citations: []Citation{}, Source: SourceOf(t), Text: text}
}

// whoAnswer lists the actors of the previous answer's events, citing for each event the passage
// that names most of them.
func whoAnswer(t *knowledge.Timeline, events []*knowledge.Event, lang string) Answer {
	a := Answer{Lang: lang, Version: t.Version, Mode: "extractive", Citations: []Citation{}, Source: SourceOf(t)}
	var names []string
	seen := map[string]bool{}
	var sel []Selected
	for _, e := range events {
		for _, n := range e.Actors {
			if !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
		sel = append(sel, Selected{Event: e, Passages: []int{namingPassage(t, e)}})
	}
	if len(names) == 0 {
		a.Text = tr(lang, "The source names no one in those events.", "La source ne nomme personne dans ces événements.")
		return a
	}
	dates := make([]string, 0, len(events))
	for _, e := range events {
		dates = append(dates, FormatDate(e, lang))
	}
	a.Answered = true
	a.Text = tr(lang, "The events of the previous answer (%s) involve: %s.", "Les événements de la réponse précédente (%s) impliquent : %s.",
		strings.Join(dates, ", "), strings.Join(names, ", "))
	a.Citations = Citations(Retrieval{Events: sel, Lang: lang})
	return a
}

// namingPassage is the passage of e that names most of its actors (the first when none does).
func namingPassage(t *knowledge.Timeline, e *knowledge.Event) int {
	best, score := 0, float32(0)
	for _, r := range t.RankPassages(e, t.QueryWords(strings.Join(e.Actors, " "))) {
		if r.Score > score {
			best, score = r.Index, r.Score
		}
	}
	return best
}
