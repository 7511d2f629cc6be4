package lexicon

import (
	"slices"
	"testing"
)

func TestOppositesNameConcepts(t *testing.T) {
	if _, err := parseOpposites(oppositesText); err != nil {
		t.Fatal(err)
	}
	if _, err := parseOpposites("accept <> nosuchwordanywhere"); err == nil {
		t.Error("a pair naming no concept parsed")
	}
	if _, err := parseOpposites("accept refuse"); err == nil {
		t.Error("a line without <> parsed")
	}
}

func TestOppositesGoBothWaysAndAcrossLanguages(t *testing.T) {
	words := func(es []Entry) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.Lang+":"+e.Word)
		}
		return out
	}
	cases := []struct{ word, lang, want string }{
		{"accepted", "en", "en:decline"},
		{"accepted", "en", "fr:refuser"},
		{"turn down", "en", "en:accept"},
		{"refuse", "fr", "fr:accepter"},
		{"conserver", "fr", "fr:supprimer"},
		{"won", "en", "en:lose"},
	}
	for _, c := range cases {
		if got := words(Opposites(c.word, c.lang)); !slices.Contains(got, c.want) {
			t.Errorf("Opposites(%q, %q) = %v, want %s among them", c.word, c.lang, got, c.want)
		}
	}
	if got := Opposites("telegraph", "en"); got != nil {
		t.Errorf("Opposites(telegraph) = %v, want none", words(got))
	}
}
