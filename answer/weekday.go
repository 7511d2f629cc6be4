package answer

import (
	"regexp"
	"strings"
	"time"

	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/knowledge"
)

// WeekdayAsked is the day of the week a question asks its event to fall on ("did WL send it on a
// Wednesday", "c'était un samedi ?"), or the weekend ("on a weekend", "le week-end"); the weekday
// in general when it asks "en semaine".
type WeekdayAsked struct {
	Day     time.Weekday
	Weekend bool // Saturday or Sunday
	Weekday bool // Monday to Friday
	Either  bool // "en semaine ou le week-end": the answer says which, no yes or no
}

// holds reports whether d falls on the day asked.
func (w WeekdayAsked) holds(d time.Time) bool {
	end := d.Weekday() == time.Saturday || d.Weekday() == time.Sunday
	switch {
	case w.Weekend:
		return end
	case w.Weekday:
		return !end
	}
	return d.Weekday() == w.Day
}

// reWeekdayAsked finds a day of the week the question asks about as a date: after "on a", "on
// an actual", "on the", "un", "le" (folded, full names only: "wed" is also to marry, "sun" a
// star), or the weekend or the week's working days. "The Wednesday leak" is a name, no date.
var reWeekdayAsked = regexp.MustCompile(`\b(?:on (?:a|an|the|an actual|a real)|was (?:a|an|it a)|un|le|c'etait un|etait un|a|at the|over the|during the|en|in the)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|weekend|week-end|week end|semaine|weekday|week day)\b(?:\s+or\s+(?:a|the|on a|on the)\s+(?:weekend|week-end|weekday)|\s+ou\s+(?:le|en|un)\s+(?:week-end|weekend|semaine))?`)

var weekdayNames = map[string]time.Weekday{"monday": time.Monday, "lundi": time.Monday, "tuesday": time.Tuesday, "mardi": time.Tuesday,
	"wednesday": time.Wednesday, "mercredi": time.Wednesday, "thursday": time.Thursday, "jeudi": time.Thursday,
	"friday": time.Friday, "vendredi": time.Friday, "saturday": time.Saturday, "samedi": time.Saturday, "sunday": time.Sunday, "dimanche": time.Sunday}

// weekdayAsked finds in the folded question the day of the week it asks about and returns the
// text without it, which retrieval searches: the day is checked against the event's date, not
// looked for in its words ("mercredi" of a tweet about "la fuite de mercredi").
func weekdayAsked(folded string) (WeekdayAsked, string, bool) {
	if !namesWeekday(folded) {
		return WeekdayAsked{}, folded, false // spare the pattern: most questions name no day
	}
	m := reWeekdayAsked.FindStringSubmatchIndex(folded)
	if m == nil {
		return WeekdayAsked{}, folded, false
	}
	w := folded[m[2]:m[3]]
	// "A 'Wednesday leak'", "le mercredi soir": a day that names a thing is no date; one part
	// of a day is still the day.
	if next := textproc.Words(folded[m[1]:]); len(next) > 0 && !textproc.IsStopWord(next[0]) && !dayPartWords[next[0]] {
		return WeekdayAsked{}, folded, false
	}
	var asked WeekdayAsked
	switch {
	case m[1] > m[3]: // "en semaine ou le week-end": either, the answer says which
		asked.Either = true
	case w == "weekend" || w == "week-end" || w == "week end":
		asked.Weekend = true
	case w == "semaine" || w == "weekday" || w == "week day":
		// "en semaine", "in the week" only as a day of work, not "la semaine suivante".
		if pre := folded[m[0]:m[2]]; !strings.HasPrefix(pre, "en") && !strings.HasPrefix(pre, "on a") {
			return WeekdayAsked{}, folded, false
		}
		asked.Weekday = true
	default:
		asked.Day = weekdayNames[w]
	}
	rest := strings.Join(strings.Fields(folded[:m[0]]+" "+folded[m[1]:]), " ")
	return asked, rest, true
}

// namesWeekday reports whether a word of the folded text is a day of the week, or part of "the
// weekend", "en semaine".
func namesWeekday(folded string) bool {
	for w := range strings.FieldsSeq(folded) {
		w = strings.Trim(w, ",.;:!?'\"()")
		if _, ok := weekdayNames[w]; ok || w == "weekend" || w == "week-end" || w == "week" || w == "semaine" || w == "weekday" {
			return true
		}
	}
	return false
}

// FormatWeekday is the day of the week of a day-precise event in lang ("Wednesday",
// "mercredi"), "" for one dated by month or year.
func FormatWeekday(e *knowledge.Event, lang string) string {
	if e.Date.Precision != knowledge.PrecisionDay {
		return ""
	}
	d := e.Span().From.Time().Weekday()
	if lang == "fr" {
		return frWeekdays[d]
	}
	return d.String()
}

var frWeekdays = [...]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}

// weekdayLead is the answer to a yes/no question about the day of the week: "Yes: a Wednesday.",
// "No: a Saturday.", or "" when the event is not dated to the day.
func weekdayLead(r Retrieval, e *knowledge.Event) string {
	day := FormatWeekday(e, r.Lang)
	if day == "" || r.Weekday == nil || r.Weekday.Either {
		return ""
	}
	if r.Weekday.holds(e.Span().From.Time()) {
		return tr(r.Lang, "Yes: a %s. ", "Oui : un %s. ", day)
	}
	return tr(r.Lang, "No: a %s. ", "Non : un %s. ", day)
}
