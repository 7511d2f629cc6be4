package answer

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/knowledge"
	"github.com/timelinebot/timelinebot/question"
)

// A question that states a figure ("why did Raskob sell the building for $65 million", "why did
// the US give her 10 grams of radium") presupposes it: when the events that answer it never write
// that figure, the source does not say it, and the answer says so rather than telling the event as
// if it did. Only figures with a unit, a currency or a scale word are premises: a bare number is
// as often a count the asker rounds or a date.

// reStatedFigure finds a figure with a currency, a scale word or a unit in folded text. Group 1 is
// the number, group 2 a scale word, group 3 a unit.
var reStatedFigure = regexp.MustCompile(`(?:[$€£]|\bus\$|\ba\$)\s?(\d{1,3}(?:[ \x{a0}\x{202f}]\d{3})+|\d[\d,.]*)\s?(million|millions|billion|billions|bn|m|k|thousand|milliards?|mille)?\b|\b(\d{1,3}(?:[ \x{a0}\x{202f}]\d{3})+|\d[\d,.]*)\s?(million|millions|billion|billions|thousand|milliards?|mille)\b|\b(\d{1,3}(?:[ \x{a0}\x{202f}]\d{3})+|\d[\d,.]*)\s?(%|percent|per cent|pour cent|grams?|grammes?|kilograms?|kilos?|kg|tons?|tonnes?|pounds?|livres?|dollars?|francs?|euros?|ounces?|onces?|miles?|km|kilometres?|kilometers?|metres?|meters?|feet|ft|acres?|hectares?)(?:\s|$|[?,.!;:])`)

// reAnyFigure finds every number in folded text, with the scale word after it if any.
var reAnyFigure = regexp.MustCompile(`(\d{1,3}(?:[ \x{a0}\x{202f}]\d{3})+|\d[\d,.]*)\s?(million|millions|billion|billions|bn|thousand|milliards?|mille)?`)

// statedFigure is a figure a question states: its text as typed and its value.
type statedFigure struct {
	text  string
	value float64
}

// statedFigures returns the figures with a unit, a currency or a scale a folded question states.
func statedFigures(folded string) []statedFigure {
	// Every figure has a digit; most questions have none, and the pattern is the costliest part
	// of reading one.
	if !strings.ContainsAny(folded, "0123456789") || !strings.ContainsAny(folded, "$€£%") && !hasFigureWord(folded) {
		return nil
	}
	var out []statedFigure
	for _, m := range reStatedFigure.FindAllStringSubmatchIndex(folded, -1) {
		num, scale := "", ""
		switch {
		case m[2] >= 0:
			num = folded[m[2]:m[3]]
			if m[4] >= 0 {
				scale = folded[m[4]:m[5]]
			}
		case m[6] >= 0:
			num, scale = folded[m[6]:m[7]], folded[m[8]:m[9]]
		case m[10] >= 0:
			num = folded[m[10]:m[11]]
		}
		v, ok := figureValue(num, scale)
		if !ok {
			continue
		}
		out = append(out, statedFigure{text: strings.TrimRight(strings.TrimSpace(folded[m[0]:m[1]]), "?,.!;:"), value: v})
	}
	return out
}

// figureWords are the scale words and units reStatedFigure reads after a number (without a
// currency sign), singular and plural.
var figureWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("million millions billion billions thousand milliard milliards mille percent cent " +
		"gram grams gramme grammes kilogram kilograms kilo kilos kg ton tons tonne tonnes pound pounds livre livres " +
		"dollar dollars franc francs euro euros ounce ounces once onces mile miles km kilometre kilometres kilometer " +
		"kilometers metre metres meter meters feet ft acre acres hectare hectares") {
		m[w] = true
	}
	return m
}()

// hasFigureWord reports whether folded text has a word of figureWords: a cheap test before the
// pattern, which most questions (a date, no figure) would run for nothing.
func hasFigureWord(folded string) bool {
	for start, end, ok := textproc.NextWordIn(folded, 0); ok; start, end, ok = textproc.NextWordIn(folded, end) {
		if figureWords[folded[start:end]] {
			return true
		}
	}
	return false
}

// figureValue reads "6.5" and "million", "10,000", "100 000", "2,000.00" as numbers. Spaces group
// thousands; when a comma and a dot are both written, the last one is the decimal point; a lone
// comma is a thousands separator before three digits ("10,000") and a decimal point otherwise
// ("6,5 millions"); dots that recur group thousands ("1.000.000").
func figureValue(num, scale string) (float64, bool) {
	num = strings.TrimRight(num, ",.")
	num = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "").Replace(num)
	if num == "" {
		return 0, false
	}
	comma, dot := strings.LastIndexByte(num, ','), strings.LastIndexByte(num, '.')
	var clean string
	switch {
	case comma >= 0 && dot >= 0 && dot > comma:
		clean = strings.ReplaceAll(num, ",", "")
	case comma >= 0 && dot >= 0:
		clean = strings.ReplaceAll(strings.ReplaceAll(num, ".", ""), ",", ".")
	case comma >= 0 && len(num)-comma-1 != 3:
		clean = strings.ReplaceAll(num[:comma], ",", "") + "." + num[comma+1:]
	case comma >= 0:
		clean = strings.ReplaceAll(num, ",", "")
	case strings.Count(num, ".") > 1:
		clean = strings.ReplaceAll(num, ".", "")
	default:
		clean = num
	}
	v, err := strconv.ParseFloat(clean, 64)
	if err != nil {
		return 0, false
	}
	switch scale {
	case "thousand", "mille", "k":
		v *= 1e3
	case "million", "millions", "m":
		v *= 1e6
	case "billion", "billions", "bn", "milliard", "milliards":
		v *= 1e9
	}
	return v, true
}

// writesFigure reports whether the folded text writes a number of value v, with or without its
// scale ("$65 million", "65,000,000", "65 millions de dollars"). A day of a date ("20 May"), a
// number joined to a name ("F-16") and a figure inside a longer one are not figures of it.
func writesFigure(folded string, v float64) bool {
	for _, m := range reAnyFigure.FindAllStringSubmatchIndex(folded, -1) {
		if m[0] > 0 && (folded[m[0]-1] == '-' || folded[m[0]-1] >= '0' && folded[m[0]-1] <= '9') {
			continue
		}
		if rest := strings.TrimLeft(folded[m[1]:], " "); startsWithMonth(rest) {
			continue
		}
		scale := ""
		if m[4] >= 0 {
			scale = folded[m[4]:m[5]]
		}
		w, ok := figureValue(folded[m[2]:m[3]], scale)
		if ok && math.Abs(w-v) <= 0.005*math.Max(math.Abs(v), 1) {
			return true
		}
	}
	return false
}

// startsWithMonth reports whether folded text opens on a month's name, English or French.
func startsWithMonth(folded string) bool {
	w, _, _ := strings.Cut(folded, " ")
	return question.IsDateWord(strings.TrimRight(w, ",.;:"))
}

// figureUnstated returns the first figure the question states that none of events writes, in a
// passage or a summary in any language, or "".
func figureUnstated(t *knowledge.Timeline, events []Selected, folded string) string {
	figures := statedFigures(folded)
	if len(figures) == 0 {
		return ""
	}
	for _, f := range figures {
		found := false
		for _, s := range events {
			e := s.Event
			for i := range e.Passages {
				if writesFigure(t.FoldedPassage(e, i), f.value) {
					found = true
					break
				}
			}
			if !found && writesFigure(t.FoldedSummary(e), f.value) {
				found = true
			}
			for _, s := range e.Summaries {
				if !found && writesFigure(textproc.Fold(s), f.value) {
					found = true
				}
			}
			if found {
				break
			}
		}
		if !found {
			return f.text
		}
	}
	return ""
}

// requireStatedFigure turns an answer into an Unsupported refusal when the question states a
// figure its events never write. A yes/no question is answered by what the source does say, and a
// "how many" asks for the figure it names.
func (r *Retrieval) requireStatedFigure(folded string) {
	if r.Intent == AskYesNo || r.Intent == AskHowMany || r.Comparison != nil || r.Interval != nil {
		return
	}
	if f := figureUnstated(r.Timeline, r.Events, folded); f != "" {
		r.Reason, r.Nearest, r.Figure = Unsupported, r.Events[0].Event, f
		r.Events, r.Alternatives = nil, nil
	}
}
