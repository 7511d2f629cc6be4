package knowledge

import (
	"slices"
	"testing"
)

// A misspelling that sounds like a word of the timeline, beyond the edit allowances, is that word
// when it sounds like no other: "foques" for the treaty's "phoques", "ofishieusement" for the
// seed's "officieusement". A real word the timeline lacks is no misspelling of one it has, though
// they sound alike ("highest" and "August"), and a short word is not looked up so ("rite").
func TestAWordThatSoundsLikeOneWordOfTheTimelineIsThatWord(t *testing.T) {
	antarctic := testdataTimeline(t, "antarctictreaty")
	seed, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	hoover := testdataTimeline(t, "hooverdam")
	checkKnown(t, []knownCase{
		{antarctic, "foques", true},
		{seed, "ofishieusement", true},
		{hoover, "highest", false},
		{hoover, "prison", false},
	})
	if ids := antarctic.index.soundsLike("foques"); !slices.ContainsFunc(ids, func(id int32) bool { return antarctic.index.words[id] == "phoq" }) {
		t.Errorf("soundsLike(foques) = %v, want the term of phoques", ids)
	}
}

// A sound the timeline writes in two languages ("australia" in the summaries, "australie" in the
// French source) is one word's still: "ostralie" is both, its French "au" sounding as the "o"
// typed. Two words of one sound that are not forms of one word stay apart.
func TestAWordThatSoundsLikeOneWordInTwoLanguagesIsThatWord(t *testing.T) {
	seed, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	checkKnown(t, []knownCase{{seed, "ostralie", true}})
	for _, c := range []struct {
		words []string
		want  bool
	}{
		{[]string{"australia", "australie"}, true},
		{[]string{"officially", "officiellement"}, false},
		{[]string{"rite", "rate"}, false},
	} {
		if got := oneWord(c.words); got != c.want {
			t.Errorf("oneWord(%q) = %v, want %v", c.words, got, c.want)
		}
	}
}
