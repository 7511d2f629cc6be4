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
	FollowOffset               // the period that far after the last one cited, or before the first ("2 yrs later?")
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

// reFollowOffset reads "2 yrs later?", "and a week before?", "deux ans plus tard ?", "about three
// months after that?": a follow-up that moves from the previous answer's events by a duration.
var reFollowOffset = regexp.MustCompile(`^(?:and |et |so |then |puis )?(?:(?:what happened|what about|qu'est-ce qui s'est passe|que s'est-il passe|et) )?` +
	`(?:(about|around|roughly|some|like|environ|a peu pres) )?` +
	`(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix) ` +
	`(days?|jours?|weeks?|wks?|semaines?|months?|mos|mois|years?|yrs?|ans?|annees?) ` +
	`(later|after|after that|afterwards|plus tard|apres|apres ca|apres cela|before|before that|earlier|avant|avant ca|avant cela|plus tot|auparavant)$`)

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
	if reFollowOffset.MatchString(textproc.Unchat(f)) {
		return FollowOffset
	}
	return NotFollowUp
}

// offsetQuestion writes a FollowOffset follow-up as the question it stands for, from the date of
// the event it moves from ("2 yrs later?" after an answer about 1843: "what happened 2 years after
// 1843"), for the question parser's offsets to read.
func offsetQuestion(text string, first, last *knowledge.Event, lang string) (string, string) {
	f := strings.TrimRight(strings.TrimSpace(textproc.Fold(strings.ReplaceAll(text, "’", "'"))), " ?!.…")
	m := reFollowOffset.FindStringSubmatch(textproc.Unchat(strings.Join(strings.Fields(f), " ")))
	if m == nil {
		return "", lang
	}
	hedge, n, unit, dir := m[1], m[2], m[3], m[4]
	// Its unit and direction tell its language when its few words do not ("deux jours plus tard").
	switch {
	case strings.HasPrefix(unit, "jour") || strings.HasPrefix(unit, "semaine") || unit == "mois" || strings.HasPrefix(unit, "an"):
		lang = "fr"
	case strings.HasPrefix(unit, "day") || strings.HasPrefix(unit, "week") || strings.HasPrefix(unit, "month") || strings.HasPrefix(unit, "year"):
		lang = "en"
	}
	before := strings.HasPrefix(dir, "before") || strings.HasPrefix(dir, "avant") || dir == "earlier" || dir == "plus tot" || dir == "auparavant"
	from := last
	if before {
		from = first
	}
	if hedge != "" {
		hedge = tr(lang, "about ", "environ ")
	}
	var word string
	switch {
	case strings.HasPrefix(unit, "d"), strings.HasPrefix(unit, "j"):
		word = tr(lang, "days", "jours")
	case strings.HasPrefix(unit, "w"), strings.HasPrefix(unit, "semaine"):
		word = tr(lang, "weeks", "semaines")
	case strings.HasPrefix(unit, "mo"):
		word = tr(lang, "months", "mois")
	default:
		word = tr(lang, "years", "ans")
	}
	if before {
		return tr(lang, "what happened %s%s %s before %s", "que s'est-il passé %s%s %s avant le %s", hedge, n, word, from.Date.String()), lang
	}
	return tr(lang, "what happened %s%s %s after %s", "que s'est-il passé %s%s %s après le %s", hedge, n, word, from.Date.String()), lang
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
	case FollowOffset:
		if text, lang := offsetQuestion(q.Text, first, last, lang); text != "" {
			return Compose(Retrieve(t, Question{Text: text, Lang: lang})), true
		}
		return Answer{}, false
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
