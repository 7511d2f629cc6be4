package knowledge_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/knowledge"
)

// A question's word finds the passage that says it in the source's language or in other words:
// an English word on a French source, a French word on an English one.
func TestRelatedWordsFindThePassageInTheSourcesLanguage(t *testing.T) {
	nz, err := knowledge.LoadFile("../eval/testdata/newzealand/knowledge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		tl    *knowledge.Timeline
		event string
		words string
		want  string // the best passage contains it
	}{
		// A timeline written only in French, as an offline draft of a French article is: its
		// summary is the source's own words, so nothing but the lexicon bridges an English question.
		{frenchOnly(t), "vote", "why did he resign", "a démissionné"},
		// "survécu" is "survived" in the English passage.
		{nz, "", "Moriori survécu 1862", "only 101 survived"},
	}
	for _, tt := range tests {
		e := tt.tl.Event(tt.event)
		if e == nil {
			res := tt.tl.Search(knowledge.Query{Text: tt.words, Limit: 1})
			if len(res.Hits) == 0 {
				t.Fatalf("%q: no event", tt.words)
			}
			e = res.Hits[0].Event
		}
		ranked := tt.tl.RankPassages(e, tt.tl.QueryWords(tt.words))
		if got := e.Passages[ranked[0].Index].Text; !strings.Contains(got, tt.want) {
			t.Errorf("%q in %s: best passage %q, want one with %q", tt.words, e.ID, got, tt.want)
		}
	}
}

func frenchOnly(t *testing.T) *knowledge.Timeline {
	t.Helper()
	const text = "Le 3 mars 2020, le parlement a voté la loi sur les retraites. Le ministre a démissionné le lendemain, en désaccord avec ses collègues."
	data := `format: 1
title: Test
source:
  title: Test
  language: fr
  attribution: Test
  text: "` + text + `"
events:
  - id: vote
    date: 2020-03-03
    title: "Le parlement vote la loi"
    summary: "Le parlement a voté la loi sur les retraites; le ministre a démissionné le lendemain."
    passages:
      - "Le 3 mars 2020, le parlement a voté la loi sur les retraites."
      - "Le ministre a démissionné le lendemain, en désaccord avec ses collègues."
`
	tl, err := knowledge.Parse("fr.yaml", []byte(data), nil)
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

// The words a summary puts before a quotation say what the quoted passage is ("WikiLeaks salue
// Trump Jr. (« Salut Don… »)"): a question in those words finds the passage, even when the
// quotation is all function words and a translated summary quotes it in its own language.
func TestASummarysWordsForAQuotationFindTheQuotedPassage(t *testing.T) {
	seed, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	const text = "The mayor opened the bridge on 2 March 1999. \"Good morning to all of you,\" she said to the crowd. Thousands crossed it on foot."
	letters, err := knowledge.Parse("bridge.yaml", []byte(`format: 1
title: Test
source:
  title: Test
  language: en
  attribution: Test
  text: '`+text+`'
events:
  - id: opening
    date: 1999-03-02
    title: "The mayor opens the bridge"
    summary: 'The mayor opens the bridge and welcomes the crowd ("Good morning to all of you"); thousands cross it on foot.'
    passages:
      - "The mayor opened the bridge on 2 March 1999."
      - '"Good morning to all of you," she said to the crowd.'
      - "Thousands crossed it on foot."
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		tl    *knowledge.Timeline
		event string
		words string
		want  string
	}{
		{seed, "2016-12-16-assange-ambassador", "comment WL a salué Don Jr", "Salut Don"},
		{seed, "2016-12-16-assange-ambassador", "how did WL greet Don Jr", "Salut Don"},
		{letters, "opening", "how did the mayor welcome people", "Good morning"},
	}
	for _, tt := range tests {
		e := tt.tl.Event(tt.event)
		ranked := tt.tl.RankPassages(e, tt.tl.QueryWords(tt.words))
		if got := e.Passages[ranked[0].Index].Text; !strings.Contains(got, tt.want) {
			t.Errorf("%q: best passage %q, want the one with %q", tt.words, got, tt.want)
		}
	}
}

// A passage asserts a verb of whoever it gives the verb to: the name right before it ("Trump Jr.
// a répondu") or a passive's agent, or anyone when it names no one (a pronoun); not another person
// it names, and not a denied verb.
func TestAssertsOfGivesTheVerbToWhoDoesIt(t *testing.T) {
	tl, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	e := tl.Event("2016-10-03-promote-story")
	if e == nil {
		t.Fatal("no event 2016-10-03-promote-story")
	}
	replied := tl.QueryWords("repondu")
	for _, c := range []struct {
		passage int
		actor   string
		want    bool
	}{
		{3, "donald trump jr.", true},  // "Trump Jr. a répondu qu'il l'avait…"
		{3, "wikileaks", false},        // …his reply, not WikiLeaks'
		{3, "hillary clinton", false},  // nor Clinton's
		{6, "wikileaks", false},        // "WikiLeaks n'a pas répondu"
		{4, "donald trump jr.", true},  // "il a contacté WikiLeaks … après avoir répondu": a pronoun
		{2, "donald trump jr.", false}, // no reply at all
	} {
		if got := tl.AssertsOf(e, c.passage, c.actor, replied); got != c.want {
			t.Errorf("AssertsOf(¶%d, %q, répondu) = %v, want %v: %s", c.passage, c.actor, got, c.want, e.Passages[c.passage].Text)
		}
	}
}

// Doers names who a passage gives a verb to, and no one for a name that is a complement ("of
// Mozilla Corporation") or a modifier ("the Mozilla blog").
func TestDoersAreWhoAPassageGivesTheVerbTo(t *testing.T) {
	seed, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	moz, err := knowledge.LoadFile("../../shared/eval/mozilla/knowledge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		tl      *knowledge.Timeline
		event   string
		passage int
		words   string
		want    []string
	}{
		{seed, "2016-09-20-putintrump-message", 4, "forwarded", []string{"jared kushner"}},
		{seed, "2016-10-03-promote-story", 3, "repondu", []string{"donald trump jr."}},
		{seed, "2016-10-03-promote-story", 6, "repondu", nil}, // "WikiLeaks n'a pas répondu": denied
		{moz, "2014-04-03-eich-steps-down", 0, "blog", nil},
	} {
		e := c.tl.Event(c.event)
		if e == nil {
			t.Fatalf("no event %s", c.event)
		}
		if got := c.tl.Doers(e, c.passage, c.tl.QueryWords(c.words)); !slices.Equal(got, c.want) {
			t.Errorf("Doers(%s ¶%d, %q) = %q, want %q: %s", c.event, c.passage, c.words, got, c.want, e.Passages[c.passage].Text)
		}
	}
}

// A name written in full is kept as it is, though the run of prefixes that finds short forms stops
// at one of its function words ("united tribes" of "united tribes of new zealand").
func TestANameWrittenInFullIsNotExpandedAgain(t *testing.T) {
	tl, err := knowledge.LoadFile("../eval/testdata/newzealand/knowledge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"the united tribes of new zealand sent a declaration": "the united tribes of new zealand sent a declaration",
		"what did the united tribes send":                     "what did the united tribes of new zealand send",
	} {
		if got := tl.ExpandNames(in); got != want {
			t.Errorf("ExpandNames(%q) = %q, want %q", in, got, want)
		}
	}
}

// A family name with its generation ("trump senior", "trump (le père)", "griffey junior") names the
// father or the son, whichever the timeline has under that name.
func TestAFamilyNameWithItsGenerationNamesFatherOrSon(t *testing.T) {
	seed, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	ball, err := knowledge.Parse("ball.yaml", []byte(`format: 1
title: Baseball
source:
  title: Baseball
  language: en
  attribution: Test
  text: "In 1989 Ken Griffey Jr. joined the Mariners. In 1990 Ken Griffey joined his son there."
events:
  - id: son
    date: 1989
    title: The son joins
    actors: [Ken Griffey Jr., Mariners]
    summary: Ken Griffey Jr. joins the Mariners.
    passages: ["In 1989 Ken Griffey Jr. joined the Mariners."]
  - id: father
    date: 1990
    title: The father joins
    actors: [Ken Griffey, Mariners]
    summary: Ken Griffey joins his son.
    passages: ["In 1990 Ken Griffey joined his son there."]
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		tl      *knowledge.Timeline
		in, out string
	}{
		{seed, "what did trump sr tweet", "what did donald trump tweet"},
		{seed, "qu'a dit trump le pere", "qu a dit donald trump"},
		{seed, "what did trump junior share", "what did donald trump jr. share"},
		{ball, "when did griffey senior join", "when did ken griffey join"},
		{ball, "when did griffey junior join", "when did ken griffey jr. join"},
	} {
		if got := c.tl.ExpandNames(c.in); got != c.out {
			t.Errorf("ExpandNames(%q) = %q, want %q", c.in, got, c.out)
		}
	}
}

// A word the lexicon lists is missing from the source only when none of its concept's words is
// there either; a word of the source, a synonym's stand-in and a word nobody lists are not.
func TestLacksConceptNeedsTheWholeConceptMissing(t *testing.T) {
	nz, err := knowledge.LoadFile("../eval/testdata/newzealand/knowledge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		tl   *knowledge.Timeline
		word string
		want bool
	}{
		{nz, "daughter", true},           // no "daughter", no "fille"
		{nz, "survecu", false},           // "survived" is there
		{nz, "parliament", false},        // the source's own word
		{nz, "reggae", false},            // no lexicon entry: maybe a name or jargon
		{frenchOnly(t), "resign", false}, // "démissionné"
	}
	for _, tt := range tests {
		if got := tt.tl.LacksConcept(tt.word); got != tt.want {
			t.Errorf("LacksConcept(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}
