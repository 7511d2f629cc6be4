package knowledge

import (
	"reflect"
	"strings"
	"testing"
)

// TestSearchLooksCandidatesUpAsItScans checks that a search over spans finds what it finds by
// scanning every posting list when it looks a span's few candidates up in the lists instead: the
// same hits, scores and coverage in the same order, on a timeline large enough that a day's events
// are far fewer than a common word's postings, for questions with one stem, several, translations
// and typos, over a day, a month, a year, decades and several spans at once.
func TestSearchLooksCandidatesUpAsItScans(t *testing.T) {
	s := GenerateSynth(6000, 11)
	tl, err := Parse("synth.yaml", s.YAML, func(string) ([]byte, error) { return s.Source, nil })
	if err != nil {
		t.Fatal(err)
	}
	looked := 0
	for k := 0; k < len(tl.Events); k += 97 {
		e := tl.Events[k]
		se := s.Events[k]
		day := e.Span()
		month := Span{day.From - 40, day.To + 40}
		year := Span{day.From - 400, day.To + 400}
		decades := Span{day.From - 8000, day.To + 8000}
		first := strings.Fields(se.Actor)[0]
		for _, text := range []string{
			"Qu'a fait " + se.Actor + " ?", "what did " + se.Actor + " do", "what happened", "the " + se.Object,
			"fait", "dit", "a écrit", strings.ToLower(first) + "x " + se.Object + "s", se.Verb + " " + se.Place,
			"who said the " + se.Object + " would be settled", "reached out", "",
		} {
			for _, spans := range [][]Span{{day}, {month}, {year}, {decades}, {day, year}, {day, Span{day.From + 3000, day.To + 3000}}} {
				for _, q := range []Query{{Text: text, Spans: spans}, {Text: text, Spans: spans, EntriesOnly: true}, {Text: text, Spans: spans, Limit: 3}} {
					tl.index.scanPostings = true
					want := tl.Search(q)
					tl.index.scanPostings = false
					got := tl.Search(q)
					if !reflect.DeepEqual(got, want) {
						t.Fatalf("Search(%q, %v) looking candidates up = %+v, scanning = %+v", text, spans, got, want)
					}
					looked++
				}
			}
		}
	}
	if looked == 0 {
		t.Fatal("no search compared")
	}
}
