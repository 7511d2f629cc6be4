package question_test

import (
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"testing"

	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/question"
)

// FuzzParse checks that the parser never panics, that the spans it gives are well formed, that its
// kind and spans agree, and that Rest only holds words of the question.
func FuzzParse(f *testing.F) {
	for _, q := range []string{
		"What did WikiLeaks ask for on 21 October 2016?", "What happened on October 21, 2016?", "Oct 21st",
		"21/10/2016", "10/21/2016", "03/10/2016", "2016-10-21", "21 octobre 2016", "1er janvier 2015", "dec 16",
		"Nov 8", "in October 2016", "en novembre 2016", "between September and October 2016",
		"entre septembre et octobre 2016", "from 3 October to 14 October 2016", "du 3 au 14 octobre 2016",
		"in 2018", "election day", "before the election", "after the election", "the day after the election",
		"le lendemain de l'élection", "la veille de l'élection", "first", "last", "most recent",
		"May I ask?", "31 February 2016", "13/13/2016", "2016-13", "since 2017", "jusqu'au 21 octobre",
		"", "\xff\xfe", "21 21 21 october october 2016 2016", "between 3 and", "– 2016-10 –",
		"dec-16-2016", "16-dec-2016", "2016-dec-16", "oct/12/16", "le 21.10", "21.10.", "Firefox 3.5", "06/2016",
		"6-2016", "2016/06", "1914-18", "2016-13", "3.1415",
		"the 14th day of oct 2016", "le 21e jour d'octobre 2016", " jour d'", "1st day of ", "le lendemain du dim. 9 oct. 16",
		"the day after sunday oct 9 2016", "le 3e vendredi d'oct. 16", "dim. 9", ". 16",
		"the last week of sept 2016", "la première quinzaine d'octobre", "the second half of 2016", "mid-oct",
		"between november and march", "la dernière semaine de l'année 2016",
		"au 15e s.", "XVe s.", "the 15th c.", "le dix-neuvième siècle", "à la fin du 19e", "at the end of the 19th",
		"les XIXe et XXe siècles", "the end of the 19th of october",
		"the 90s", "the '90s", "the nineties", "les années 90", "les années quatre-vingt-dix", "les années 2000 et 2010",
		"between 1880 and the 1920s", "fin des années 1990", "in her 90s", "sept ou oct 2017", "oct and nov 2016",
		"may or may not", "3 or 12 october 2016", "in 2015 or 2016",
		"4 yrs after 1840", "13 ans après 1840", "a yr after the election", "3 mos before the election",
		"2 wks after the election", "about 3 days after the election", "environ deux semaines après l'élection",
		"more than 2 years after 1840", "the 18th c", "au XVe s il", "it was 18 c.",
		"the first two weeks of october 2016", "les derniers jours d'octobre", "19th-century", "XIX siècle",
		"the 1840s and 50s", "between the 80s and the 90s", "les années 80 et 90", "a few years after 1840",
		"quelques jours après le 3 octobre", "the year after the election", "le mois qui a suivi l'élection", "combien de mois après l'élection",
		"1840-1850", "1840 – 1850", "2014/15", "1850-1840", "de mi-sept à mi-oct 2016", "from early october to late november",
		"WWII", "between WWI and WWII", "entre la 1ère et la 2e guerre mondiale", "l'entre-deux-guerres",
		"Q3 2016", "2016 Q4", "le premier trimestre 2017", "mid-2016", "le 21-10", "a 3-2 win", "le 3-14 octobre", "à partir des années 50",
	} {
		f.Add(q)
	}
	// The development questions, when ../shared is there.
	if data, err := os.ReadFile("../../shared/eval/questions.json"); err == nil {
		var file struct {
			Questions []struct{ Q string } `json:"questions"`
		}
		if json.Unmarshal(data, &file) == nil {
			for _, q := range file.Questions {
				f.Add(q.Q)
			}
		}
	}
	tl := seed(f)
	f.Fuzz(func(t *testing.T, q string) {
		p := question.Parse(q, tl)
		// ParseRead, given the question already read, parses it the same and leaves its words as
		// they were (the answerer's other checks share them).
		folded := textproc.Fold(q)
		words := textproc.Words(folded)
		kept := slices.Clone(words)
		if pr := question.ParseRead(q, folded, words, tl); !reflect.DeepEqual(pr, p) {
			t.Fatalf("ParseRead(%q) = %+v, Parse = %+v", q, pr, p)
		}
		if !slices.Equal(words, kept) {
			t.Fatalf("ParseRead(%q) changed the words it was given: %q, were %q", q, words, kept)
		}
		for _, s := range p.Spans {
			if s.From > s.To {
				t.Fatalf("span %d..%d is reversed", s.From, s.To)
			}
		}
		if (p.Kind == question.NoDate) != (len(p.Spans) == 0) {
			t.Fatalf("kind %v with %d spans", p.Kind, len(p.Spans))
		}
		if (p.OpenFrom || p.OpenTo) && p.Kind != question.Range {
			t.Fatalf("an open range of kind %v", p.Kind)
		}
		switch p.Lang {
		case "", "en", "fr":
		default:
			t.Fatalf("Lang = %q", p.Lang)
		}
		have := map[string]int{}
		for _, w := range textproc.Words(textproc.Fold(q)) {
			have[w]++
		}
		for _, w := range textproc.Words(p.Rest) {
			if have[w] == 0 {
				t.Fatalf("Rest %q has %q, which is not a word of the question", p.Rest, w)
			}
			have[w]--
		}
	})
}
