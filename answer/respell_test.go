package answer

import (
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/knowledge"
)

func TestRespellTouchesOnlyTheAskersOwnUnquotedWords(t *testing.T) {
	nz, err := knowledge.LoadFile("../eval/testdata/newzealand/knowledge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ in, want string }{
		{"wat were the chatham islands calld before", "wat were the chatham islands called before"},
		{`what does "calld" mean`, `what does "calld" mean`}, // quoted: the asker's exact words
		{"« calld » then calld", "« calld » then called"},    // after the closing mark, the asker's again
		{"Calld and calld-up", "Calld and calld-up"},         // a capital, a hyphenated token
		{"what happened in 1840", "what happened in 1840"},   // nothing to rewrite
	} {
		if got := respell(nz, c.in); got != c.want {
			t.Errorf("respell(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestAnElisionTypedWithoutItsApostropheIsRestored(t *testing.T) {
	seed, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	drapeau, err := knowledge.LoadFile("../eval/testdata/drapeau/knowledge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		tl       *knowledge.Timeline
		in, want string
	}{
		{seed, "cb de jours entre le tweet et lelection", "cb de jours entre le tweet et l'election"},
		{seed, "c koi lavocate russe", "c koi l'avocate russe"},
		{drapeau, "quand est-ce que larmee a adopte le drapeau", "quand est-ce que l'armee a adopte le drapeau"},
		{seed, "did he delete his tweets", "did he delete his tweets"}, // "delete" is no elision of "elete"
		{seed, "the election", "the election"},
	} {
		if got := respell(c.tl, c.in); got != c.want {
			t.Errorf("respell(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// The period named by the anchor "l'élection" is read once the apostrophe is back.
	runElision := Compose(Retrieve(seed, Question{Text: "cb de jour entre le tweet de don jr avec le lien et lelection"}))
	if !strings.Contains(runElision.Text, "25 jours") {
		t.Errorf("interval with an elided anchor: %s", runElision.Text)
	}
}
