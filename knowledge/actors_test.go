package knowledge

import (
	"reflect"
	"sync"
	"testing"

	"github.com/timelinebot/timelinebot/internal/textproc"
)

// The premise checks' reading of a passage or a summary sentence (actorsOf) is readActors of its
// fold, whether kept from a first read (a small timeline) or read again (a large one), and reads
// by several goroutines at once agree (run with -race, they share the kept readings).
func TestActorsOfIsTheReadingOfTheFold(t *testing.T) {
	seed, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	nz, err := LoadFile("../eval/testdata/newzealand/knowledge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := GenerateSynth(2*foldedPassagesLimit, 7)
	large, err := Parse("synth.yaml", s.YAML, func(string) ([]byte, error) { return s.Source, nil })
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		tl   *Timeline
		kept bool
	}{{"seed", seed, true}, {"newzealand", nz, true}, {"large", large, false}} {
		if kept := tt.tl.index.actorReads != nil; kept != tt.kept {
			t.Errorf("%s: readings kept = %v, want %v", tt.name, kept, tt.kept)
		}
		events := tt.tl.Events
		if !tt.kept {
			events = events[:200]
		}
		var wg sync.WaitGroup
		for range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for _, e := range events {
					for i, p := range e.Passages {
						if got, want := tt.tl.actorsOf(e, i, -1, tt.tl.FoldedPassage), tt.tl.readActors(textproc.Fold(p.Text)); !reflect.DeepEqual(got, want) {
							t.Errorf("%s: actorsOf(%s, passage %d) = %+v, want %+v", tt.name, e.ID, i, got, want)
							return
						}
						for _, w := range append(textproc.Words(textproc.Fold(e.Title)), "the", "zzz", "") {
							if got, want := tt.tl.PassageHasWord(e, i, w), textproc.HasWord(textproc.Fold(p.Text), w); got != want {
								t.Errorf("%s: PassageHasWord(%s, %d, %q) = %v, want %v", tt.name, e.ID, i, w, got, want)
							}
						}
					}
					for k, ss := range tt.tl.index.glosses[e.pos].sentences {
						if got, want := tt.tl.actorsOf(e, ss.Passage, k, nil), tt.tl.readActors(textproc.Fold(ss.Text)); !reflect.DeepEqual(got, want) {
							t.Errorf("%s: actorsOf(%s, sentence %d) = %+v, want %+v", tt.name, e.ID, k, got, want)
							return
						}
					}
				}
			}()
		}
		wg.Wait()
	}
}

// Each actor's name keeps its words, as ExpandNames compares them with a question's.
func TestNamesKeepTheWordsOfTheirFullForm(t *testing.T) {
	seed, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	nz, err := LoadFile("../eval/testdata/newzealand/knowledge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tl := range []*Timeline{seed, nz} {
		if len(tl.names.names) == 0 {
			t.Fatal("no names")
		}
		for _, n := range tl.names.names {
			if want := textproc.Words(n.full); !reflect.DeepEqual(n.fullWs, want) {
				t.Errorf("words of %q = %q, want %q", n.full, n.fullWs, want)
			}
		}
	}
}

// A name written with an article ("The Atlantic", "La Fayette") is looked up by its first word that
// is no article, so a text names it from there on, with the article or without.
func TestANameWithAnArticleIsMentionedWithOrWithoutIt(t *testing.T) {
	seed, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ text, want string }{
		{"l article de the atlantic", "the atlantic"},
		{"when did atlantic publish", "the atlantic"},
		{"the new york times story", "the new york times"},
		{"an atlas of the world", ""},
	} {
		got := ""
		if ms := seed.MentionedActors(c.text); len(ms) > 0 {
			got = ms[0].Actor
		}
		if got != c.want {
			t.Errorf("MentionedActors(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// Whole words from the middle of a name are no short form of it: "opera house" is the building,
// not the "Sydney Opera House Trust"; a run that ends the name ("trump jr") or shortens its words
// ("don jr") still is one.
func TestWholeWordsFromTheMiddleOfANameAreNoShortForm(t *testing.T) {
	sydney, err := LoadFile("../eval/testdata/sydneyopera/knowledge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	seed, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		tl       *Timeline
		in, want string
	}{
		{sydney, "what was on at the opera house", "what was on at the opera house"},
		{seed, "when did trump jr tweet", "when did donald trump jr. tweet"},
		{seed, "when did don jr tweet", "when did donald trump jr. tweet"},
	} {
		if got := c.tl.ExpandNames(c.in); got != c.want {
			t.Errorf("ExpandNames(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestAMiddleInitialIsALetterOfTheInitials(t *testing.T) {
	// "D." folds to "d", a function word; it is still the middle letter of "fdr".
	hoover, err := LoadFile("../eval/testdata/hooverdam/knowledge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"where did fdr go after the ceremony": "where did franklin d. roosevelt go after the ceremony",
		"what did hli say":                    "what did harold l. ickes say",
		// Without the middle letter, the initials are no one's.
		"where did fr go": "where did fr go",
	} {
		if got := hoover.ExpandNames(in); got != want {
			t.Errorf("ExpandNames(%q) = %q, want %q", in, got, want)
		}
	}
}
