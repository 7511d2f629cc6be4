package knowledge

import (
	"regexp"
	"slices"
	"strings"

	"github.com/timelinebot/timelinebot/internal/textproc"
)

// MonthNames returns the names the timeline writes that contain a month's name and are no date:
// "champ de mars" (the Champ-de-Mars), "theresa may" (an actor), folded, longest first. A question's
// parser reads the month in them as a word of the name, not as March or May. Computed once per
// timeline; callers must not modify it.
func (t *Timeline) MonthNames() []string {
	if t == nil {
		return nil
	}
	return t.monthNames
}

// monthWords are the months' names in English and French, folded, and their short forms a question
// may write ("jan", "sept", "juil"): "Jan Huber" is a name, not January.
var monthWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("january february march april may june july august september october november december " +
		"janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre " +
		"jan feb mar apr jun jul aug sep sept oct nov dec janv fevr fev avr juil") {
		m[w] = true
	}
	return m
}()

// reCompound is a hyphenated compound ("Champ-de-Mars", "Mai-68", "Saint-Jean-de-Luz").
var reCompound = regexp.MustCompile(`[\p{L}\p{N}]+(?:[-‑][\p{L}\p{N}]+)+`)

// reFrenchPlace is a French place name written without hyphens, as English prose writes them: a
// capitalized word, "de" or "du", a capitalized month ("the Champ de Mars", "Place du Mai"). A
// French date writes its month in lower case ("le 14 mars"), and an English one has no "de".
var reFrenchPlace = regexp.MustCompile(`\p{Lu}\p{L}+ d[eu] (?:Janvier|Février|Fevrier|Mars|Avril|Mai|Juin|Juillet|Août|Aout|Septembre|Octobre|Novembre|Décembre|Decembre)\b`)

// buildMonthNames finds, in the passages and the actors, the names with a month's name in them. A
// compound counts when it joins the month to a word of three letters or more that is neither a
// month nor a function word: "Champ-de-Mars" does, the street "4-Septembre" (a date as a name)
// does not, since its other part is a figure a question may well ask as a date.
func buildMonthNames(events []*Event) []string {
	seen := map[string]bool{}
	add := func(parts []string) {
		month, word := false, false
		for _, p := range parts {
			switch {
			case monthWords[p]:
				month = true
			case len(p) >= 3 && strings.Trim(p, "0123456789") != "" && !textproc.IsStopWord(p):
				word = true
			}
		}
		if month && word {
			seen[strings.Join(parts, " ")] = true
		}
	}
	for _, e := range events {
		for _, p := range e.Passages {
			if strings.ContainsAny(p.Text, "-‑") {
				for _, c := range reCompound.FindAllString(p.Text, -1) {
					add(textproc.Words(textproc.Fold(c)))
				}
			}
			if strings.Contains(p.Text, " de ") || strings.Contains(p.Text, " du ") {
				for _, c := range reFrenchPlace.FindAllString(p.Text, -1) {
					add(textproc.Words(textproc.Fold(c)))
				}
			}
		}
		for _, a := range e.Actors {
			add(textproc.Words(textproc.Fold(a)))
		}
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	slices.SortFunc(out, func(a, b string) int {
		if d := len(b) - len(a); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	return out
}
