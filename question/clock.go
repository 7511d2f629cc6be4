package question

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clock is a time of day, or a window of one, a question names ("à 15h30", "between 2pm and 4pm",
// "avant minuit"), in minutes since midnight. Set is false when it names none.
type Clock struct {
	From, To int
	Set      bool
}

// A time of day as people type it, folded: "15h30", "15 h 30", "15h", "15:30", "3:30 pm", "3pm",
// "midnight", "minuit", "noon", "midi".
const clockRE = `(?:(\d{1,2})\s?h(?:\s?(\d{2}))?|(\d{1,2}):(\d{2})(?:\s?([ap])\.?m\b\.?)?|(\d{1,2})\s?([ap])\.?m\b\.?|(midnight|minuit|noon|midi))`

var (
	reClockRange  = regexp.MustCompile(`\b(?:between|from|entre|de)\s+` + clockRE + `\s+(?:and|to|until|till|til|et|a|jusqu'a)\s+` + clockRE + `(?:\b|$)`)
	reClockOpen   = regexp.MustCompile(`\b(before|after|until|till|since|avant|apres|jusqu'a|depuis)\s+` + clockRE + `(?:\b|$)`)
	reClockSingle = regexp.MustCompile(`(?:\b(?:at|around|about|a|vers)\s+|@\s?)?\b` + clockRE + `(?:\b|$)`)
)

// clockGroups is how many groups clockRE has.
const clockGroups = 8

// minutesOf reads one clockRE match from its groups (m[0:clockGroups] of a submatch's strings),
// -1 when it is no time of day.
func minutesOf(g []string) int {
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	h, min := -1, 0
	switch {
	case g[0] != "":
		h = atoi(g[0])
		if g[1] != "" {
			min = atoi(g[1])
		}
	case g[2] != "":
		h, min = atoi(g[2]), atoi(g[3])
		if g[4] != "" {
			h = twelveHour(h, g[4])
		}
	case g[5] != "":
		h = twelveHour(atoi(g[5]), g[6])
	case g[7] == "midnight" || g[7] == "minuit":
		h = 0
	case g[7] == "noon" || g[7] == "midi":
		h = 12
	}
	if h < 0 || h > 24 || min > 59 || h == 24 && min > 0 {
		return -1
	}
	return h*60 + min
}

// twelveHour is the hour of "3 pm", "12 am" on a 24-hour clock; -1 for an hour past 12.
func twelveHour(h int, ampm string) int {
	if h < 1 || h > 12 {
		return -1
	}
	if h == 12 {
		h = 0
	}
	if ampm == "p" {
		h += 12
	}
	return h
}

// readClock finds the time of day the folded question names, consumes its words and returns it.
// A window ("between 2pm and 4pm") is read first, then an open one ("before midnight": from
// midnight at the start of the day, or to the end of it), then a single time.
func readClock(work []byte, consume func(start, end int)) Clock {
	s := string(work)
	if m := reClockRange.FindStringSubmatchIndex(s); m != nil && endsWord(s, m[1]) {
		g := groups(s, m)
		from, to := minutesOf(g[:clockGroups]), minutesOf(g[clockGroups:])
		if from >= 0 && to >= from {
			consume(m[0], m[1])
			return Clock{From: from, To: to, Set: true}
		}
	}
	if m := reClockOpen.FindStringSubmatchIndex(s); m != nil && endsWord(s, m[1]) {
		g := groups(s, m)
		if t := minutesOf(g[1:]); t >= 0 {
			consume(m[0], m[1])
			switch g[0] {
			case "before", "until", "till", "avant", "jusqu'a":
				if t == 0 {
					t = 24 * 60 // "before midnight" is the end of the day asked about
				}
				return Clock{From: 0, To: t - 1, Set: true}
			}
			return Clock{From: t, To: 24*60 - 1, Set: true}
		}
	}
	for _, m := range reClockSingle.FindAllStringSubmatchIndex(s, -1) {
		if !endsWord(s, m[1]) {
			continue
		}
		g := groups(s, m)
		// "2 h après X" is two hours, a duration: an hour with no minutes is a time of day only
		// after "at", "à", "vers"…
		if g[0] != "" && g[1] == "" && strings.TrimSpace(s[m[0]:m[2]]) == "" {
			continue
		}
		if t := minutesOf(g); t >= 0 {
			consume(m[0], m[1])
			return Clock{From: t, To: t, Set: true}
		}
	}
	return Clock{}
}

// endsWord reports whether a match ending at end ends a word: the patterns' \b knows only ASCII
// letters, and "0h00ʊ" is one word, no time of day.
func endsWord(s string, end int) bool {
	if end >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[end:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// groups returns a submatch's groups as strings ("" where a group did not take part).
func groups(s string, m []int) []string {
	out := make([]string, 0, len(m)/2-1)
	for i := 2; i+1 < len(m); i += 2 {
		if m[i] < 0 {
			out = append(out, "")
			continue
		}
		out = append(out, s[m[i]:m[i+1]])
	}
	return out
}

// hasClock reports whether folded text may name a time of day, so most questions skip the patterns.
func hasClock(folded string) bool {
	for i := 0; i < len(folded); i++ {
		switch c := folded[i]; {
		case c == ':' || c == 'h' && i > 0 && (folded[i-1] >= '0' && folded[i-1] <= '9' || folded[i-1] == ' ' && i > 1 && folded[i-2] >= '0' && folded[i-2] <= '9'):
			return true
		case (c == 'a' || c == 'p') && i+1 < len(folded) && folded[i+1] == 'm' && i > 0 && (folded[i-1] >= '0' && folded[i-1] <= '9' || folded[i-1] == ' '):
			return true
		}
	}
	return strings.Contains(folded, "midnight") || strings.Contains(folded, "minuit") || strings.Contains(folded, "noon") || strings.Contains(folded, "midi")
}
