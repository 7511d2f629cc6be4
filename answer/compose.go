package answer

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/knowledge"
	"github.com/timelinebot/timelinebot/question"
)

// Engine is the embedded, extractive answerer: no network, no model. Its answers are built from the
// timeline's summaries and dates, and its citations are the timeline's verbatim passages.
type Engine struct {
	kb Knowledge
}

// NewEngine returns an extractive answerer over the knowledge kb serves.
func NewEngine(kb Knowledge) *Engine { return &Engine{kb: kb} }

// Answer answers q from the current timeline. It does not fail; the error is for the Answerer
// interface, which model-backed answerers share.
func (e *Engine) Answer(ctx context.Context, q Question) (Answer, error) {
	if err := ctx.Err(); err != nil {
		return Answer{}, err
	}
	return Compose(Retrieve(e.kb.Current(), q)), nil
}

// Compose phrases a retrieval as an extractive answer.
func Compose(r Retrieval) Answer {
	r = r.own()
	a := Answer{Lang: r.Lang, Version: r.Timeline.Version, Mode: "extractive", Citations: []Citation{}, Source: SourceOf(r.Timeline)}
	if r.Reason != Found || len(r.Events) == 0 {
		a.Text = refusal(r)
		return a
	}
	a.Answered = true
	a.Citations = Citations(r)
	var b strings.Builder
	// Half the answers are at most this long: grown from nothing, the text took five allocations.
	b.Grow(384)
	switch {
	case r.Interval != nil:
		b.WriteString(intervalLead(r.Interval, r.Lang))
		for _, s := range r.Events {
			writeItem(&b, s.Event, r.Lang)
		}
	case r.Comparison != nil:
		b.WriteString(compareLead(r.Comparison, r.Lang))
		for _, s := range r.Events {
			writeItem(&b, s.Event, r.Lang)
		}
	case r.List:
		b.WriteString(listHeader(r))
		for _, s := range r.Events {
			writeItem(&b, s.Event, r.Lang)
		}
		if r.Total > len(r.Events) {
			fmt.Fprintf(&b, "\n%s", tr(r.Lang, "…and %d more; ask about a narrower range.", "…et %d de plus ; précisez la période.", r.Total-len(r.Events)))
		}
	case len(r.Events) == 1:
		s := r.Events[0]
		if r.Relative != nil {
			b.WriteString(relativeLead(r))
			b.WriteString(" ")
		}
		b.WriteString(intentLead(r, s))
		writeOnDay(&b, r, s.Event)
		b.WriteString(colon(r.Lang))
		b.WriteByte(' ')
		b.WriteString(focusedSummary(r, s))
	default:
		for i, s := range r.Events {
			if i > 0 {
				b.WriteString("\n")
			}
			b.WriteString("• ")
			writeOnDay(&b, r, s.Event)
			b.WriteString(colon(r.Lang))
			b.WriteByte(' ')
			b.WriteString(focusedSummary(r, s))
		}
	}
	if len(r.Alternatives) > 1 {
		b.WriteString("\n")
		b.WriteString(tr(r.Lang, "Several events match equally; pick one if this is not the one you meant.",
			"Plusieurs événements correspondent autant ; choisissez-en un si ce n'est pas celui-ci."))
		for _, e := range r.Alternatives {
			a.Alternatives = append(a.Alternatives, Alternative{EventID: e.ID, Date: e.Date.String(), Title: e.Title})
		}
	}
	a.Text = b.String()
	return a
}

// Citations returns the passages a retrieval selected, as citations, in date order.
func Citations(r Retrieval) []Citation {
	n := 0
	for _, s := range r.Events {
		n += len(s.Passages)
	}
	var out []Citation // nil when nothing is quoted, as callers expect
	if n > 0 {
		out = make([]Citation, 0, n)
	}
	for _, s := range r.Events {
		if len(s.Passages) == 0 {
			continue
		}
		date, shown := s.Event.Date.String(), FormatDate(s.Event, r.Lang) // once per event, not per quote
		for _, i := range s.Passages {
			p := s.Event.Passages[i]
			out = append(out, Citation{EventID: s.Event.ID, Date: date, Quote: p.Text, Paragraph: p.Paragraph, Shown: shown})
		}
	}
	return out
}

func refusal(r Retrieval) string {
	lang := r.Lang
	switch r.Reason {
	case EmptyQuestion:
		return tr(lang, "Ask me about the timeline \"%s\": a date (\"what happened on %s?\"), a month, or someone it mentions.",
			"Posez-moi une question sur la chronologie « %s » : une date (« que s'est-il passé le %s ? »), un mois, ou une personne qu'elle mentionne.",
			r.Timeline.Title, exampleDate(r.Timeline, lang))
	case InvalidDate:
		return tr(lang, "There is no such date as \"%s\"; check the day and the month.",
			"La date « %s » n'existe pas ; vérifiez le jour et le mois.", r.Parsed.Invalid)
	case Unsupported:
		if r.Figure != "" {
			return tr(lang, "The source does not give the figure “%s” for that. The nearest it has is %s: %s.",
				"La source ne donne pas le chiffre « %s » pour cela. Le plus proche qu'elle rapporte est %s : %s.",
				r.Figure, onDate(r.Nearest, lang), ShortTitle(r.Nearest, lang))
		}
		if r.Place != "" {
			return tr(lang, "The source does not place that in “%s”. The nearest it has is %s: %s.",
				"La source ne situe pas cela à « %s ». Le plus proche qu'elle rapporte est %s : %s.",
				r.Place, onDate(r.Nearest, lang), ShortTitle(r.Nearest, lang))
		}
		if r.Unnamed {
			return tr(lang, "The source does not name %s there. The nearest it has is %s: %s.",
				"La source ne nomme pas %s à ce propos. Le plus proche qu'elle rapporte est %s : %s.",
				displayActor(r.Timeline, r.Nearest, r.Premise), onDate(r.Nearest, lang), ShortTitle(r.Nearest, lang))
		}
		if r.Refused {
			return tr(lang, "The source does not say that %s refused. The nearest it has is %s: %s.",
				"La source ne dit pas que %s a refusé. Le plus proche qu'elle rapporte est %s : %s.",
				displayActor(r.Timeline, r.Nearest, r.Premise), onDate(r.Nearest, lang), ShortTitle(r.Nearest, lang))
		}
		if r.Contrary != "" {
			return tr(lang, "The source does not say “%s”: it says the opposite. The nearest it has is %s: %s.",
				"La source ne dit pas « %s » : elle dit le contraire. Le plus proche qu'elle rapporte est %s : %s.",
				r.Contrary, onDate(r.Nearest, lang), ShortTitle(r.Nearest, lang))
		}
		if r.Owned != "" {
			return tr(lang, "The source does not tie “%s” to %s. The nearest it has is %s: %s.",
				"La source ne rattache pas « %s » à %s. Le plus proche qu'elle rapporte est %s : %s.",
				// "Donald Trump Jr." ends the sentence with its own full stop.
				r.Owned, strings.TrimSuffix(displayActor(r.Timeline, r.Nearest, r.Premise), "."), onDate(r.Nearest, lang), ShortTitle(r.Nearest, lang))
		}
		return tr(lang, "The source does not say that %s did that. The nearest it has is %s: %s.",
			"La source ne dit pas que %s a fait cela. Le plus proche qu'elle rapporte est %s : %s.",
			displayActor(r.Timeline, r.Nearest, r.Premise), onDate(r.Nearest, lang), ShortTitle(r.Nearest, lang))
	case NoAmount:
		if len(r.Missing) > 0 {
			return tr(lang, "The source gives no number of “%s”. The nearest it has is %s: %s.",
				"La source ne donne aucun nombre de « %s ». Le plus proche qu'elle rapporte est %s : %s.",
				r.Missing[0], onDate(r.Nearest, lang), ShortTitle(r.Nearest, lang))
		}
		return tr(lang, "The source gives no sum for that. The nearest it has is %s: %s.",
			"La source ne donne aucune somme pour cela. Le plus proche qu'elle rapporte est %s : %s.",
			onDate(r.Nearest, lang), ShortTitle(r.Nearest, lang))
	case NoName:
		return tr(lang, "The source names no one for that. The nearest it has is %s: %s.",
			"La source ne nomme personne pour cela. Le plus proche qu'elle rapporte est %s : %s.",
			onDate(r.Nearest, lang), ShortTitle(r.Nearest, lang))
	case OffTopic:
		first, last := r.Timeline.Events[0], r.Timeline.Events[len(r.Timeline.Events)-1]
		if len(r.Missing) > 0 {
			return tr(lang, "The source does not mention %s. It covers \"%s\", from %s to %s.",
				"La source ne mentionne pas %s. Elle couvre « %s », de %s à %s.",
				quoteList(r.Missing, lang), r.Timeline.Title, FormatDate(first, lang), FormatDate(last, lang))
		}
		return tr(lang, "The source does not answer that. It covers \"%s\", from %s to %s; ask about a date or someone it mentions.",
			"La source ne répond pas à cette question. Elle couvre « %s », de %s à %s ; interrogez-moi sur une date ou une personne qu'elle mentionne.",
			r.Timeline.Title, FormatDate(first, lang), FormatDate(last, lang))
	}
	var b strings.Builder
	what := describe(r.Parsed, lang)
	if r.Reason == NothingOnDate {
		b.WriteString(tr(lang, "The source says nothing about %s.", "La source ne dit rien %s.", what))
	} else {
		b.WriteString(tr(lang, "The source has no event %s.", "La source ne rapporte aucun événement %s.", what))
	}
	switch {
	case r.Before != nil && r.After != nil:
		b.WriteString(tr(lang, " The nearest events are %s and %s.", " Les événements les plus proches : %s et %s.",
			nearest(r.Before, lang), nearest(r.After, lang)))
	case r.Before != nil:
		b.WriteString(tr(lang, " The last event before it is %s.", " Le dernier événement avant : %s.", nearest(r.Before, lang)))
	case r.After != nil:
		b.WriteString(tr(lang, " The first event after it is %s.", " Le premier événement après : %s.", nearest(r.After, lang)))
	}
	return b.String()
}

// displayActor writes a folded actor name as the events spell it.
func displayActor(t *knowledge.Timeline, e *knowledge.Event, folded string) string {
	for _, a := range e.Actors {
		if textproc.FoldEquals(a, folded) {
			return a
		}
	}
	// Someone the event does not name: as another event spells them ("AOL", not "aol").
	for _, other := range t.Events {
		for _, a := range other.Actors {
			if textproc.FoldEquals(a, folded) {
				return a
			}
		}
	}
	return folded
}

// quoteList writes words as a quoted list: "“Chrome”", "“Mueller” or “subpoena”".
func quoteList(words []string, lang string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = tr(lang, "“%s”", "« %s »", w)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + tr(lang, " or ", " ni ") + q[len(q)-1]
}

func nearest(e *knowledge.Event, lang string) string {
	return fmt.Sprintf("%s (%s)", onDate(e, lang), ShortTitle(e, lang))
}

// ShortTitle names an event in lang: its title in English, else the first sentence of its summary in
// that language when the file has one.
func ShortTitle(e *knowledge.Event, lang string) string {
	if sum, got := e.SummaryIn(lang); got == lang && lang != "en" {
		return strings.TrimSuffix(firstSentence(sum), ".")
	}
	return e.Title
}

// describe names the date or range a question asked about, for refusals.
func describe(p question.Parsed, lang string) string {
	if len(p.Spans) == 0 {
		return tr(lang, "at that date", "à cette date")
	}
	// A period of several parts ("in September or December 2016"), or a few years a date without
	// one may mean, is named part by part; many are named by the first.
	if n := len(p.Spans); n > 1 && n <= 3 && !p.OpenFrom && !p.OpenTo {
		parts := make([]string, n)
		for i, s := range p.Spans {
			parts[i] = describeSpan(p, s, lang)
			// Days of a period ("on 3 or 12 October") read as the ranges' words do.
			if s.From == s.To && p.Kind == question.Range {
				parts[i] = tr(lang, "on %s", "le %s", FormatDay(s.From, lang))
			}
		}
		return strings.Join(parts, tr(lang, " or ", " ou "))
	}
	return describeSpan(p, p.Spans[0], lang)
}

// describeSpan names one span of the period a question asked about.
func describeSpan(p question.Parsed, s knowledge.Span, lang string) string {
	from, to := s.From.Time(), s.To.Time()
	switch {
	case p.OpenFrom && p.Inclusive:
		return tr(lang, "up to %s", "jusqu'au %s", FormatDay(s.To, lang))
	case p.OpenFrom:
		return tr(lang, "before %s", "avant le %s", FormatDay(s.To+1, lang))
	case p.OpenTo && p.Inclusive:
		return tr(lang, "from %s on", "à partir du %s", FormatDay(s.From, lang))
	case p.OpenTo:
		return tr(lang, "after %s", "après le %s", FormatDay(s.From-1, lang))
	case s.From == s.To:
		return tr(lang, "%s", "du %s", FormatDay(s.From, lang))
	case from.Day() == 1 && from.Month() == 1 && to.Month() == 12 && to.Day() == 31 && from.Year() == to.Year():
		return tr(lang, "in %d", "en %d", from.Year())
	case from.Day() == 1 && to.AddDate(0, 0, 1).Day() == 1 && from.Month() == to.Month() && from.Year() == to.Year():
		return tr(lang, "in %s", "en %s", monthYear(from, lang))
	}
	return tr(lang, "between %s and %s", "entre le %s et le %s", FormatDay(s.From, lang), FormatDay(s.To, lang))
}

// focusedSummary is what the answer says of an event: the sentences of its summary, in the answer's
// language, that paraphrase the passages quoted, in the summary's order; the whole summary when
// none does (a summary written as one sentence, or no passage quoted).
func focusedSummary(r Retrieval, s Selected) string {
	sum, got := s.Event.SummaryIn(r.Lang)
	if !s.Ranked {
		return sum
	}
	quoted := map[int]bool{}
	for _, p := range s.Passages {
		quoted[p] = true
	}
	var parts []string
	n := 0
	for _, ss := range r.Timeline.SummarySentences(s.Event) {
		if ss.Lang != got {
			continue
		}
		n++
		if quoted[ss.Passage] {
			parts = append(parts, ss.Text)
		}
	}
	if len(parts) == 0 || len(parts) == n {
		return sum
	}
	return strings.Join(parts, " ")
}

// intentLead is what a single-event answer says first, for the questions whose answer is a word: a
// yes/no question whose quoted passage denies it is answered "No".
func intentLead(r Retrieval, s Selected) string {
	if r.Intent != AskYesNo || len(s.Passages) == 0 {
		return ""
	}
	if lead := weekdayLead(r, s.Event); lead != "" && r.Claim == nil {
		return lead
	}
	if r.Hedged {
		return tr(r.Lang, "The source does not put it that way. The nearest it says:\n", "La source ne le dit pas en ces termes. Le plus proche qu'elle rapporte :\n")
	}
	if c := r.Claim; c != nil {
		if c.Holds {
			return tr(r.Lang, "Yes, according to the source. ", "Oui, d'après la source. ")
		}
		who := displayActor(r.Timeline, s.Event, c.Actor)
		if c.Cleft {
			if c.Doer == "" {
				return tr(r.Lang, "No, according to the source: not %s. ", "Non, d'après la source : pas %s. ", strings.TrimSuffix(who, "."))
			}
			doer := displayActor(r.Timeline, s.Event, c.Doer)
			return tr(r.Lang, "No, according to the source: %s, not %s. ", "Non, d'après la source : %s, pas %s. ", doer, strings.TrimSuffix(who, "."))
		}
		if r.Parsed.Order == question.Last {
			return tr(r.Lang, "No, according to the source: the last it tells of is not %s. ", "Non, d'après la source : le dernier qu'elle rapporte n'est pas %s. ", who)
		}
		return tr(r.Lang, "No, according to the source: the first it tells of is not %s. ", "Non, d'après la source : le premier qu'elle rapporte n'est pas %s. ", who)
	}
	// "No" only when a quoted passage denies what the question asks about (its own verb, not any
	// negation in the passage).
	words := r.queryWords(r.Parsed.Rest)
	for _, i := range s.Passages {
		if r.Timeline.Denies(s.Event, i, words) {
			return tr(r.Lang, "No, according to the source. ", "Non, d'après la source. ")
		}
	}
	return tr(r.Lang, "According to the source: ", "D'après la source : ")
}

// relativeLead names the event the question moved from: "Right after “…” (21 October 2016):".
func relativeLead(r Retrieval) string {
	rel := r.Relative
	from := fmt.Sprintf("%s (%s)", ShortTitle(rel.From, r.Lang), FormatDate(rel.From, r.Lang))
	switch {
	case rel.Before && rel.Days > 0:
		return capitalize(tr(r.Lang, "%s before %s:", "%s avant %s :", offsetPhrase(rel.Days, r.Lang), from))
	case rel.Before:
		return tr(r.Lang, "The event before %s:", "L'événement précédant %s :", from)
	case rel.Days > 0:
		return capitalize(tr(r.Lang, "%s after %s:", "%s après %s :", offsetPhrase(rel.Days, r.Lang), from))
	}
	return tr(r.Lang, "The event after %s:", "L'événement suivant %s :", from)
}

// offsetPhrase says an offset of days in the unit it was asked in: "a year", "2 months", "3 days".
func offsetPhrase(days int, lang string) string {
	n, unit := days, [2]string{"day", "jour"}
	switch {
	case days%365 == 0:
		n, unit = days/365, [2]string{"year", "an"}
	case days%30 == 0:
		n, unit = days/30, [2]string{"month", "mois"}
	case days%7 == 0:
		n, unit = days/7, [2]string{"week", "semaine"}
	}
	if lang == "fr" {
		if n == 1 {
			return map[string]string{"an": "un an", "mois": "un mois", "semaine": "une semaine", "jour": "un jour"}[unit[1]]
		}
		if unit[1] != "mois" {
			return fmt.Sprintf("%d %ss", n, unit[1])
		}
		return fmt.Sprintf("%d mois", n)
	}
	if n == 1 {
		return "a " + unit[0]
	}
	return fmt.Sprintf("%d %ss", n, unit[0])
}

// countsEventsAsked reports whether a "how many" question counts events by that name ("how many
// events are there in 1955", "combien d'événements"), which the count then names.
func countsEventsAsked(text string) bool {
	words := textproc.Words(textproc.Fold(text))
	for i, w := range words {
		if w != "many" && w != "combien" && w != "cb" {
			continue
		}
		for _, n := range words[i+1 : min(i+3, len(words))] {
			if eventNouns[n] {
				return true
			}
		}
	}
	return false
}

var eventNouns = set("events event evenements evenement entries entrees things trucs choses")

func listHeader(r Retrieval) string {
	if r.Count {
		what := describe(r.Parsed, r.Lang)
		if len(r.Parsed.Spans) == 0 {
			what = tr(r.Lang, "in the timeline", "dans la chronologie")
		}
		switch {
		case r.Total == 1:
			return tr(r.Lang, "One, %s:", "Un seul, %s :", what)
		case r.Distinct == r.Total && !countsEventsAsked(r.Parsed.Text):
			// "How many messages…": "5, on 5 different dates"; the count is of what was asked.
			return tr(r.Lang, "%d, on %d different dates %s:", "%d, à %d dates différentes %s :", r.Total, r.Distinct, what)
		}
		return tr(r.Lang, "%d events, on %d different dates %s:", "%d événements, à %d dates différentes %s :", r.Total, r.Distinct, what)
	}
	n := r.Total
	what := describe(r.Parsed, r.Lang)
	if r.Parsed.Kind == question.NoDate || len(r.Parsed.Spans) == 0 {
		what = ""
	}
	if c := r.Parsed.Clock; c.Set && c.From != c.To && what != "" {
		what += tr(r.Lang, " between %s and %s", " entre %s et %s", clockText(c.From), clockText(c.To))
	}
	if n == 1 {
		return strings.TrimSpace(tr(r.Lang, "One event %s:", "Un événement %s :", what))
	}
	return strings.TrimSpace(tr(r.Lang, "%d events %s:", "%d événements %s :", n, what))
}

// Example is a question the timeline answers, for hints ("For example: what happened on 20
// September 2016?"): built from its first dated entry, so it fits whatever knowledge is served.
func Example(t *knowledge.Timeline, lang string) string {
	return tr(lang, "what happened on %s?", "que s'est-il passé le %s ?", exampleDate(t, lang))
}

// ExampleDates are the first dated entry's day written two ways ("2016-09-20 or 20 September 2016"),
// for hints about date options.
func ExampleDates(t *knowledge.Timeline, lang string) string {
	for _, e := range t.Events {
		if e.Date.Precision == knowledge.PrecisionDay {
			d := e.Span().From
			return tr(lang, "%s or %s", "%s ou %s", d.String(), FormatDay(d, lang))
		}
	}
	return tr(lang, "a date", "une date")
}

func exampleDate(t *knowledge.Timeline, lang string) string {
	for _, e := range t.Events {
		if e.Date.Precision == knowledge.PrecisionDay {
			return FormatDay(e.Span().From, lang)
		}
	}
	return "…"
}

// tr picks the English or French phrasing and formats it.
func tr(lang, en, fr string, args ...any) string {
	if lang == "fr" {
		return fmt.Sprintf(fr, args...)
	}
	return fmt.Sprintf(en, args...)
}

var frMonths = [...]string{"", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// FormatDay writes a day the way a reader of lang expects: "21 October 2016", "1er janvier 2015".
func FormatDay(d knowledge.Day, lang string) string {
	t := d.Time()
	// Written into a buffer on the stack rather than by fmt or time.Format, which every answer's
	// dates went through: one allocation, the string. A year outside four digits keeps
	// time.Format's own writing of it.
	var buf [40]byte
	b := buf[:0]
	if lang == "fr" {
		if t.Day() == 1 {
			b = append(b, "1er"...)
		} else {
			b = strconv.AppendInt(b, int64(t.Day()), 10)
		}
		b = append(append(append(b, ' '), frMonths[t.Month()]...), ' ')
		return string(strconv.AppendInt(b, int64(t.Year()), 10))
	}
	if y := t.Year(); y >= 1000 && y <= 9999 {
		b = append(append(append(strconv.AppendInt(b, int64(t.Day()), 10), ' '), t.Month().String()...), ' ')
		return string(strconv.AppendInt(b, int64(y), 10))
	}
	return t.Format("2 January 2006")
}

func monthYear(t time.Time, lang string) string {
	var buf [40]byte
	if lang == "fr" {
		return string(strconv.AppendInt(append(append(buf[:0], frMonths[t.Month()]...), ' '), int64(t.Year()), 10))
	}
	if y := t.Year(); y >= 1000 && y <= 9999 {
		return string(strconv.AppendInt(append(append(buf[:0], t.Month().String()...), ' '), int64(y), 10))
	}
	return t.Format("January 2006")
}

// FormatDate writes an event's date at its precision, with its time when it has one.
func FormatDate(e *knowledge.Event, lang string) string {
	var s string
	switch e.Date.Precision {
	case knowledge.PrecisionYear:
		s = strconv.Itoa(e.Date.Year)
	case knowledge.PrecisionMonth:
		s = monthYear(e.Span().From.Time(), lang)
	default:
		s = FormatDay(e.Span().From, lang)
	}
	if e.Time != "" {
		if lang == "fr" {
			s += " à " + e.Time
		} else {
			s += " at " + e.Time
		}
	}
	return s
}

// onDate is "on 21 October 2016", "in June 2016", "le 21 octobre 2016", "en juin 2016".
func onDate(e *knowledge.Event, lang string) string {
	return onPrefix(e, lang) + FormatDate(e, lang)
}

// onPrefix is the words onDate writes before the date ("on ", "en "…): concatenated rather than
// formatted by fmt, which every answer's lead went through.
func onPrefix(e *knowledge.Event, lang string) string {
	switch {
	case e.Date.Precision == knowledge.PrecisionDay && lang == "fr":
		return "le "
	case e.Date.Precision == knowledge.PrecisionDay:
		return "on "
	case lang == "fr":
		return "en "
	}
	return "in "
}

// writeOnDate writes capitalize(onDate(e, lang)) to b: the prefix, in lower-case ASCII, is the
// capitalized part.
func writeOnDate(b *strings.Builder, e *knowledge.Event, lang string) {
	p := onPrefix(e, lang)
	b.WriteByte(p[0] - 'a' + 'A')
	b.WriteString(p[1:])
	b.WriteString(FormatDate(e, lang))
}

// writeOnDay is writeOnDate with the day of the week when the question asks about it: "On
// Wednesday 12 October 2016", "Le mercredi 12 octobre 2016".
func writeOnDay(b *strings.Builder, r Retrieval, e *knowledge.Event) {
	day := ""
	if r.Weekday != nil {
		day = FormatWeekday(e, r.Lang)
	}
	if day == "" {
		writeOnDate(b, e, r.Lang)
		return
	}
	if r.Lang == "fr" {
		b.WriteString("Le " + day + " ")
	} else {
		b.WriteString("On " + day + " ")
	}
	b.WriteString(FormatDate(e, r.Lang))
}

// writeItem writes a listed event's line: "\n• " the date " — " its short title.
func writeItem(b *strings.Builder, e *knowledge.Event, lang string) {
	b.WriteString("\n• ")
	b.WriteString(FormatDate(e, lang))
	b.WriteString(" — ")
	b.WriteString(ShortTitle(e, lang))
}

// colon follows each language's typography: "On 3 October:" but "Le 3 octobre :".
func colon(lang string) string {
	if lang == "fr" {
		return "\u00a0:"
	}
	return ":"
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	if c := s[0]; 'a' <= c && c <= 'z' {
		return string(rune(c-'a'+'A')) + s[1:] // as strings.ToUpper, without its copy
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// firstSentence returns s up to the end of its first sentence, never cutting inside quotes or
// brackets.
func firstSentence(s string) string {
	depth, inQuote := 0, false
	for i, r := range s {
		switch r {
		case '(', '[', '«', '“':
			depth++
		case ')', ']', '»', '”':
			depth = max(0, depth-1)
		case '"':
			inQuote = !inQuote
		case '.', '!', '?':
			next := i + 1
			if depth == 0 && !inQuote && next < len(s) && s[next] == ' ' && i > 0 && !isAbbrev(s[:i]) {
				return s[:next]
			}
		}
	}
	return s
}

// isAbbrev guards initials and abbreviations such as "Jr." or "U.S." from ending a sentence.
func isAbbrev(before string) bool {
	j := strings.LastIndexByte(before, ' ')
	word := before[j+1:]
	switch word {
	case "Jr", "Sr", "Mr", "Mrs", "Ms", "Dr", "St", "vs", "etc", "M", "Mme":
		return true
	}
	return len(word) == 1 || strings.Contains(word, ".")
}
