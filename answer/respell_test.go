package answer

import (
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
